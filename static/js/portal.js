// Small behaviours without inline scripts (the CSP forbids them).

// A table wider than the screen scrolls inside its .portal-table-scroll box. A box that scrolls
// must be reachable and named for keyboard and screen-reader users (WCAG 2.1.1), but a box that
// fits should not be an empty tab stop; so the box becomes a named, focusable region only while
// its table is wider than it is. Boxes that the server already made a region are left alone.
function fitScrollBox(box) {
  if (box.dataset.region === "server") return;
  const scrolls = box.scrollWidth > box.clientWidth + 1;
  if (scrolls && box.dataset.region !== "auto") {
    box.dataset.region = "auto";
    box.tabIndex = 0;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", scrollBoxName(box));
  } else if (!scrolls && box.dataset.region === "auto") {
    delete box.dataset.region;
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
  }
}

// Whether ``path`` is the page's own URL (the query compared as parameters: htmx writes a space
// as %20 where the address bar may hold +).
function isCurrentUrl(path) {
  const url = new URL(path, window.location.href);
  return url.pathname === window.location.pathname
    && new URLSearchParams(url.search).toString() === new URLSearchParams(window.location.search).toString();
}

// The table's caption, else the nearest heading before the box, else "Tabel"/"Table".
function scrollBoxName(box) {
  const caption = box.querySelector("caption");
  if (caption && caption.textContent.trim()) return caption.textContent.trim();
  for (let node = box; node && node !== document.body; node = node.parentElement) {
    for (let before = node.previousElementSibling; before; before = before.previousElementSibling) {
      const heading = before.matches("h1, h2, h3, h4") ? before : before.querySelector("h1, h2, h3, h4");
      if (heading && heading.textContent.trim()) return heading.textContent.trim();
    }
  }
  return document.body.dataset.tableName || "Tabel";
}

const scrollBoxes = window.ResizeObserver
  ? new ResizeObserver((entries) => entries.forEach((entry) => fitScrollBox(entry.target)))
  : null;

function watchScrollBoxes(root) {
  root.querySelectorAll(".portal-table-scroll").forEach((box) => {
    if (box.hasAttribute("tabindex") && !box.dataset.region) box.dataset.region = "server";
    fitScrollBox(box);
    if (scrollBoxes) scrollBoxes.observe(box);
  });
}

// The main menu's groups are <details> disclosures, so they open and close without JavaScript.
// With it they behave like a menu bar's dropdowns, which would otherwise pile up over the page:
// opening one closes the others; a click (or the focus moving) outside an open one, or Escape,
// closes it; Escape returns the focus to its summary. On a phone the "Menu" button folds and
// unfolds the menu, and Escape in the open "Menu" (no group open) folds it too and returns the
// focus to the button. The listeners are the document's and look the menu up when they fire: Back
// after a live search puts the page back from htmx's copy, new elements, and listeners on the old
// ones left them without these behaviours (the "Menu" button no longer opened the menu).
function menuGroups() {
  const groups = () => [...document.querySelectorAll(".portal-nav__group > details")];
  const groupOf = (node) => (node instanceof Element ? node.closest(".portal-nav__group > details") : null);
  document.addEventListener("click", (event) => {
    const toggle = event.target instanceof Element && event.target.closest(".portal-nav__toggle");
    if (toggle) toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
    groups().forEach((group) => { if (group.open && !group.contains(event.target)) group.open = false; });
  });
  // "toggle" does not bubble: the document hears it on its way down (capture).
  document.addEventListener("toggle", (event) => {
    const group = event.target;
    if (group !== groupOf(group) || !group.open) return;
    groups().forEach((other) => { if (other !== group) other.open = false; });
  }, true);
  document.addEventListener("focusout", (event) => {
    const group = groupOf(event.target);
    if (group && group.open && event.relatedTarget && !group.contains(event.relatedTarget)) group.open = false;
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = groups().find((group) => group.open);
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
      return;
    }
    const nav = document.querySelector(".portal-nav");
    const toggle = nav && nav.querySelector(".portal-nav__toggle");
    const folded = toggle && getComputedStyle(toggle).display !== "none";  // the phone's "Menu"
    if (!folded || toggle.getAttribute("aria-expanded") !== "true" || !nav.contains(document.activeElement)) return;
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  });
}

// A create form is sent once (impactportal/ui/once.py): after the browser's Back button it must
// carry the token it was sent with. Its pages are "no-store", so Back fetches the form anew (with
// a new token) while the browser puts back what the user typed; the token sent is kept for the
// tab (sessionStorage) and put back when the page is reached through Back or Forward. The document
// hears every submit, so a form that htmx swapped in after the page loaded (a realisation's fields
// after choosing its block) keeps its token too: Back and Melden again created a second line.
function keepFormTokens() {
  const navigation = performance.getEntriesByType("navigation")[0];
  const back = navigation && navigation.type === "back_forward";
  const keyOf = (form) => `form-token:${location.pathname}${location.search}:${[...document.forms].indexOf(form)}`;
  try {
    if (back) {
      document.querySelectorAll("form").forEach((form) => {
        const input = form.querySelector("input[name=_form_token]");
        const sent = input && sessionStorage.getItem(keyOf(form));
        if (sent) input.value = sent;
      });
    }
    document.addEventListener("submit", (event) => {
      const input = event.target instanceof HTMLFormElement && event.target.querySelector("input[name=_form_token]");
      if (input) sessionStorage.setItem(keyOf(event.target), input.value);
    });
  } catch (error) { /* storage unavailable: the form works as without this */ }
}

// A space request's "Toewijzen" next to a match links to ?property=<pk>#allocate, where the server
// chooses that property in the allocation form. With JavaScript the page stays: the property is
// chosen in the form's select, which then takes the focus.
function allocateLinks() {
  const choice = document.getElementById("allocate-property-choice");
  if (!choice) return;
  // The rent's help names the chosen property's market rent and social tariff: follow the choice.
  const rentHelp = document.getElementById("id_allocate-rent_helptext");
  const showRentHelp = () => {
    const option = choice.options[choice.selectedIndex];
    if (rentHelp && option && option.dataset.rentHelp) rentHelp.textContent = option.dataset.rentHelp;
  };
  choice.addEventListener("change", showRentHelp);
  document.querySelectorAll(".allocate-link[data-property]").forEach((link) => {
    link.addEventListener("click", (event) => {
      const option = [...choice.options].find((o) => o.value === link.dataset.property);
      if (!option) return;  // not one of the choices: the server's page says so
      event.preventDefault();
      choice.value = option.value;
      showRentHelp();
      choice.scrollIntoView({ block: "center" });
      choice.focus();
    });
  });
}

// A form folded in a <details> (e.g. "Contactpersoon uitnodigen" on a contract) has a cancel link
// to its page without the form: <a href="<page>" data-close-details>. With JavaScript the page
// stays: the form is emptied, the <details> closes and its summary takes the focus.
function closeDetailsLinks() {
  document.body.addEventListener("click", (event) => {
    const link = event.target.closest("[data-close-details]");
    const panel = link && link.closest("details");
    if (!panel) return;
    event.preventDefault();
    const form = link.closest("form");
    if (form) form.reset();
    panel.open = false;
    const summary = panel.querySelector("summary");
    if (summary) summary.focus();
  });
}

// Row selection in a list (the helpdesk inbox): a header checkbox <input data-select-all="cases">
// ticks or clears the row checkboxes named "cases" of its table, the page on screen. It is
// ``hidden`` in the markup (without JavaScript it would do nothing) and shown here; it follows the
// rows ticked by hand (checked, or "mixed" when some are). Filtering, searching, paging or sorting
// swaps the table (htmx): the ticked rows are remembered and ticked again when they are in the
// new table. Only rows on screen are sent: one filtered out is not assigned unseen. The form the
// rows belong to carries the page's address (``data-current-url``) so the answer returns to the
// list as filtered.
function rowSelection() {
  const ticked = {};  // name → Set of the ticked rows' values, across swaps
  const rowsOf = (box) => {
    const table = box.closest("table");
    return table ? [...table.querySelectorAll(`tbody input[type=checkbox][name="${box.dataset.selectAll}"]`)] : [];
  };
  const follow = (box) => {
    const rows = rowsOf(box);
    const on = rows.filter((row) => row.checked).length;
    box.checked = rows.length > 0 && on === rows.length;
    box.indeterminate = on > 0 && on < rows.length;
  };
  const remember = (row) => {
    const chosen = ticked[row.name] || (ticked[row.name] = new Set());
    if (row.checked) chosen.add(row.value); else chosen.delete(row.value);
  };
  const setUp = (root) => {
    root.querySelectorAll("input[type=checkbox][data-select-all]").forEach((box) => {
      const chosen = ticked[box.dataset.selectAll];
      if (chosen) rowsOf(box).forEach((row) => { if (chosen.has(row.value)) row.checked = true; });
      box.hidden = false;
      follow(box);
    });
  };
  document.body.addEventListener("change", (event) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.type !== "checkbox") return;
    if (box.dataset.selectAll !== undefined) {
      rowsOf(box).forEach((row) => { row.checked = box.checked; remember(row); });
      return;
    }
    const table = box.closest("table");
    const all = table && table.querySelector(`thead input[data-select-all="${box.name}"]`);
    if (!all) return;
    remember(box);
    follow(all);
  });
  setUp(document);
  document.body.addEventListener("htmx:afterSettle", (event) => setUp(event.target));
}

// A form that returns to "this page" (``next``) names the page as it was rendered: the bulk
// assignment's (data-current-url) and the language switch's in the header. A live search has
// moved the address on since (htmx pushes each search), so the address is written in when the
// form is sent: switching to English on a filtered list dropped the filters.
function currentAddresses() {
  document.body.addEventListener("submit", (event) => {
    if (!(event.target instanceof HTMLFormElement)) return;
    event.target.querySelectorAll("input[data-current-url], .portal-language input[name=next]").forEach((input) => {
      input.value = window.location.pathname + window.location.search;
    });
  });
  // A key filter's "dit filter weghalen" (ui/partials/filter_form.html) links to the list's
  // address as rendered, less that filter: the filters chosen on the page since were dropped too.
  // With JavaScript it leaves the filter out of the address as it is now. The filter is the form's
  // hidden field with a value that the link leaves out.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element && event.target.closest("[data-key-filter] a[href^='?']");
    const form = link && link.closest("form");
    if (!form) return;
    const kept = new URLSearchParams(link.getAttribute("href").slice(1));
    const dropped = [...form.querySelectorAll("input[type=hidden][name]")]
      .filter((input) => input.value && !kept.has(input.name)).map((input) => input.name);
    if (!dropped.length) return;
    const query = new URLSearchParams(window.location.search);
    [...dropped, "page"].forEach((name) => query.delete(name));
    event.preventDefault();
    window.location.assign(`${window.location.pathname}${query.toString() ? `?${query}` : ""}`);
  });
}

// Messages on a page (base.html) are in a status region that is there from the start, which screen
// readers do not announce. The outcome of an action done on a list (a bulk assignment: the message
// is tagged "focus", data-focus) takes the focus, unless something else has it or asks for it
// (autofocus: the login form after a session ended), the address names a place on the page, or an
// error summary takes it. Other messages (a saved form) leave the focus where the page puts it.
function focusMessages() {
  const messages = document.querySelector(".portal-messages[tabindex]");
  if (!messages || !messages.querySelector("[data-focus]")) return;
  const busy = (document.activeElement && document.activeElement !== document.body) || document.querySelector("[autofocus]");
  if (!busy && !window.location.hash && !document.querySelector("[data-error-summary]")) messages.focus();
}

// An error summary's link (href="#id_name") leads to its field. Followed as a link, the browser
// scrolls the field itself to the top of the screen: its label (a group's legend), help and error
// message, which stand above it, were scrolled out of sight. So the field's whole form field (label
// to field) is scrolled into view and the field takes the focus without scrolling; a form field
// taller than the screen scrolls to the field itself. A closed <details> around the field (a list's
// filters, folded on a phone) opens first.
function errorSummaryLinks() {
  document.body.addEventListener("click", (event) => {
    const link = event.target.closest('.error-summary a[href^="#"]');
    const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field || !field.matches("input, select, textarea, button")) return;
    for (let panel = field.closest("details"); panel; panel = panel.parentElement.closest("details")) panel.open = true;
    if (!field.getClientRects().length) return;  // not shown: the browser does what it can
    event.preventDefault();
    const whole = field.closest(".utrecht-form-field") || field;
    (whole.getBoundingClientRect().height < window.innerHeight ? whole : field).scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
}

// A list's live search (ui/partials/filter_form.html) swaps its results (#results) with htmx, and
// the swap alone tells a screen-reader user nothing. So after each swap the count above the table
// (or the empty state's sentence: data-result-count) goes into the form's status region, which
// stays (data-results-status); and the fields named in swapped filter errors (data-filter-error:
// the field's name) are marked invalid, described by their message, and unmarked once valid again.
// A sort or page link lands at the count (#results-count; a list of cards has its own id, such as
// #matches-count) on a new page: the focus goes there.
function liveResults() {
  const markFilters = (results) => {
    const messages = {};
    results.querySelectorAll("[data-filter-error]").forEach((item) => {
      const name = item.dataset.filterError;
      messages[name] = (messages[name] || []).concat(item.id);
    });
    document.querySelectorAll('form[hx-target="#results"] [name]').forEach((field) => {
      if (!field.matches("input:not([type=hidden]), select, textarea")) return;
      // Kept: what describes it still there, less earlier filter errors (swapped out, or added below).
      const ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => {
        const target = id && document.getElementById(id);
        return target && !target.hasAttribute("data-filter-error");
      });
      const own = messages[field.name];
      if (own) {
        field.setAttribute("aria-invalid", "true");
        ids.push(...own);
      } else {
        field.removeAttribute("aria-invalid");
      }
      if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
      else field.removeAttribute("aria-describedby");
    });
  };
  const results = document.getElementById("results");
  if (results) markFilters(results);
  document.body.addEventListener("htmx:afterSwap", (event) => {
    const swapped = event.detail.target;
    if (!swapped || swapped.id !== "results") return;
    markFilters(swapped);
    const status = document.querySelector("[data-results-status]");
    const count = swapped.querySelector("[data-result-count]");
    const text = count ? count.textContent.trim().replace(/\s+/g, " ") : "";
    // Only a new text: a keyup and a change for the same query would read the count out twice.
    if (status && status.textContent !== text) status.textContent = text;
  });
  // A list's count heading: focusable (tabindex="-1") and named by the address's fragment.
  const landing = window.location.hash.length > 1 && document.getElementById(window.location.hash.slice(1));
  if (landing && landing.classList.contains("portal-result-count") && landing.getAttribute("tabindex") === "-1") landing.focus();
}

// A progress box (a job, a report, an import) polls and replaces itself every second: inside a
// live region, all of it was read out each second. Its page has a status (role="status", outside
// the box; data-status-of names the box's id) holding one sentence of the state, which the box
// renders as data-status-text; after a swap of the box it is written there only when it changed,
// so a screen reader hears each change of state (queued, running, finished or failed) once.
function progressStatus() {
  document.body.addEventListener("htmx:afterSwap", (event) => {
    const box = event.target;
    if (!box.id || !box.hasAttribute || !box.hasAttribute("data-status-text")) return;
    const status = document.querySelector(`[data-status-of="${CSS.escape(box.id)}"]`);
    const text = box.dataset.statusText;
    if (status && status.textContent !== text) status.textContent = text;
  });
}

// A live region that an answer fills out of band, its content only (hx-swap-oob="innerHTML"), on
// every keystroke (the MKBA calculator's error slots): marked data-swap-if-changed, it is left
// alone when the answer holds what it already shows, so a screen reader does not read an unchanged
// message again; a message that appears (or goes) still changes it, once.
function swapIfChanged() {
  document.body.addEventListener("htmx:oobBeforeSwap", (event) => {
    const { target, fragment } = event.detail;
    if (!target.hasAttribute("data-swap-if-changed") || !(fragment instanceof Element)) return;
    if (target.innerHTML === fragment.innerHTML) event.detail.shouldSwap = false;
  });
}

// A field's error slot that an answer fills out of band (the MKBA calculator, as you type) must
// mark its field as the page marks a field in error: a message that appeared left the field
// unmarked, and after the page came back with errors (Opslaan) a corrected field's message went
// but the field stayed red and "invalid" to a screen reader. The slot is <field id>_error.
function errorSlotsMarkFields() {
  const mark = () => document.querySelectorAll('[data-swap-if-changed][id$="_error"]').forEach((slot) => {
    const field = document.getElementById(slot.id.slice(0, -"_error".length));
    if (!field || !field.matches("input, select, textarea")) return;
    const invalid = slot.textContent.trim() !== "";
    const described = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter((id) => id && id !== slot.id);
    if (invalid) {
      field.setAttribute("aria-invalid", "true");
      described.push(slot.id);
    } else {
      field.removeAttribute("aria-invalid");
    }
    if (described.length) field.setAttribute("aria-describedby", described.join(" "));
    else field.removeAttribute("aria-describedby");
    const base = ["utrecht-textbox", "utrecht-textarea", "utrecht-select"].find((name) => field.classList.contains(name));
    if (base) field.classList.toggle(`${base}--invalid`, invalid);
    const group = field.closest(".utrecht-form-field");
    if (group) group.classList.toggle("utrecht-form-field--invalid", invalid);
  });
  document.body.addEventListener("htmx:afterSettle", mark);
}

// An htmx request answered by a whole page from another address is no part of this page: the
// session had ended, the request was sent on to the login page, and that page (header, menu and
// all) appeared inside the list, the calculator or a progress box. The page itself is asked again
// instead, which leads to the login and back here afterwards.
function wholePagesElsewhere() {
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const { xhr, requestConfig } = event.detail;
    if (!xhr || !xhr.responseURL || !requestConfig || typeof xhr.response !== "string") return;
    const asked = new URL(requestConfig.path, window.location.href);
    if (new URL(xhr.responseURL).pathname === asked.pathname) return;
    if (!/^\s*<!doctype html/i.test(xhr.response)) return;
    event.preventDefault();
    window.location.reload();
  });
}

// Back and Forward through live searches. htmx keeps a copy of the last pages in the tab; a copy
// holds the results of its address, but its fields show what the page was first served with (what
// was typed or chosen is no part of a copy): the list was of "Status: open" while the select said
// "Alle", and the next keystroke sent the search without it. The fields that make the address (a
// form or a field with hx-push-url) are set from the address. An address that none of them made
// (the page as first served) gets the fields as served. Past the copies htmx keeps, htmx asked the
// server for the page as a fragment and showed a bare table without header or menu: the page is
// loaded whole instead.
function fieldsFollowAddress(afterwards) {
  if (window.htmx) window.htmx.config.refreshOnHistoryMiss = true;
  document.body.addEventListener("htmx:historyRestore", () => {
    const params = new URLSearchParams(window.location.search);
    document.querySelectorAll("[hx-push-url]").forEach((owner) => {
      const fields = (owner instanceof HTMLFormElement ? [...owner.elements] : [owner])
        .filter((field) => field.name && !["submit", "button", "reset", "file"].includes(field.type));
      const made = fields.some((field) => params.has(field.name));
      fields.forEach((field) => {
        const values = params.getAll(field.name);
        if (field.type === "checkbox" || field.type === "radio") {
          field.checked = made ? values.includes(field.value) : field.defaultChecked;
        } else if (field instanceof HTMLSelectElement) {
          [...field.options].forEach((option) => { option.selected = made ? values.includes(option.value) : option.defaultSelected; });
        } else {
          field.value = made ? (values[0] ?? "") : field.defaultValue;
        }
      });
    });
    afterwards();
  });
}

// An htmx request the server refused or could not answer (a 403 after a role changed, a 500, the
// network gone) changed nothing on the page, and said nothing either: htmx does not swap an error
// answer. The page says so (an alert, read out), above its content, until the next request.
function failedUpdates() {
  const template = document.getElementById("portal-update-failed");
  const content = document.querySelector("#main .utrecht-page-body__content");
  if (!template || !content) return;
  const clear = () => content.querySelectorAll(".portal-update-failed").forEach((alert) => alert.remove());
  const show = () => {
    clear();
    content.prepend(template.content.firstElementChild.cloneNode(true));
  };
  document.body.addEventListener("htmx:beforeRequest", clear);
  document.body.addEventListener("htmx:responseError", show);
  document.body.addEventListener("htmx:sendError", show);
}

// A decision that remakes files (approving a report renders its PDFs again; publishing may make the
// public one) takes seconds while the page stands still: its button says what is happening
// (data-busy-text) and a second press sends nothing. Back to the page from the browser's cache
// shows the button as it was.
function busyButtons() {
  document.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!(button instanceof HTMLButtonElement) || !button.dataset.busyText || event.defaultPrevented) return;
    if (button.getAttribute("aria-disabled") === "true") {
      event.preventDefault();
      return;
    }
    button.dataset.idleText = button.textContent;
    button.textContent = button.dataset.busyText;
    button.setAttribute("aria-disabled", "true");
  });
  window.addEventListener("pageshow", () => {
    document.querySelectorAll("button[data-idle-text]").forEach((button) => {
      button.textContent = button.dataset.idleText;
      button.removeAttribute("aria-disabled");
      delete button.dataset.idleText;
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  keepFormTokens();
  busyButtons();
  failedUpdates();
  currentAddresses();
  errorSlotsMarkFields();
  wholePagesElsewhere();
  swapIfChanged();
  allocateLinks();
  closeDetailsLinks();
  errorSummaryLinks();
  liveResults();
  progressStatus();
  rowSelection();
  focusMessages();
  // Move focus to the error summary so screen-reader users hear what went wrong.
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();

  // Confirm dialogs for dangerous buttons: <button data-confirm="...">
  document.body.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
  });

  // On a phone the menu and a list's filters would fill the first screens: fold them.
  const phone = window.matchMedia("(max-width: 40rem)").matches;
  const nav = document.querySelector(".portal-nav");
  if (nav && nav.querySelector(".portal-nav__toggle")) nav.classList.add("portal-nav--foldable");
  menuGroups();
  // A list's filter panel says how many filters are in use ("Filters (2)"), also after one changed
  // on the page (htmx swaps the results, not the form). The summary's own text is kept in
  // data-summary-text, which a page put back from htmx's copy (Back) still has.
  const countFilters = (panel) => {
    const summary = panel.querySelector("summary");
    if (!summary.dataset.summaryText) summary.dataset.summaryText = summary.textContent;
    const inUse = [...panel.querySelectorAll("input:not([type=hidden]), select")]
      .filter((field) => field.value !== "").length;
    summary.textContent = inUse ? `${summary.dataset.summaryText} (${inUse})` : summary.dataset.summaryText;
  };
  const recount = (event) => {
    const panel = event.target instanceof Element && event.target.closest("details[data-fold-on-phone]");
    if (panel) countFilters(panel);
  };
  document.addEventListener("input", recount);
  document.addEventListener("change", recount);
  document.querySelectorAll("details[data-fold-on-phone]").forEach((panel) => {
    countFilters(panel);
    if (phone) panel.open = false;
  });
  fieldsFollowAddress(() => document.querySelectorAll("details[data-fold-on-phone]").forEach(countFilters));

  watchScrollBoxes(document);
  // One search, one history entry. A list's filter form asks again for what it already shows:
  // typing fetches (keyup), then leaving the field (change) or pressing Enter (submit) fetches the
  // same URL, and htmx pushed each answer, so Back had to be pressed twice. An answer for the URL
  // the page is already at replaces that entry instead of adding one.
  document.body.addEventListener("htmx:beforeHistoryUpdate", (event) => {
    const update = event.detail.history;
    if (update && update.type === "push" && isCurrentUrl(update.path)) update.type = "replace";
  });
  // Tables that htmx swaps in (filters, pages, sorting) get the same treatment.
  document.body.addEventListener("htmx:afterSettle", (event) => watchScrollBoxes(event.target));
});
