"""Every page of every role's menu, at phone width (390 px): axe-core finds no WCAG 2.1 A/AA
violation and the page never scrolls sideways (tables scroll inside their own container).
Pages that feature issues add to the menu are covered automatically (issue 8, items 11 and 19)."""

from pathlib import Path

import pytest

from .test_public import WIDER_THAN_SCREEN

pytestmark = pytest.mark.e2e

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ROLES = [None, "makelaar-haarlem", "inkoper-haarlem", "ondernemer-1", "stuurgroep"]
PHONE = {"width": 390, "height": 844}
# Swagger UI is a third-party page with its own layout and markup.
NOT_OURS = {"/api/v1/docs/"}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _axe(page) -> list[str]:
    # Evaluated through the browser's debugging protocol: the page's CSP does not apply.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => `${v.id} (${v.nodes.length}): ${v.nodes.slice(0, 2).map(n => n.target.join(' ')).join(', ')}`)",
        WCAG)
    return violations


def _overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("username", ROLES, ids=[u or "anonymous" for u in ROLES])
def test_menu_pages_are_accessible_and_fit_a_phone(page, login_as, username):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm ci installs axe-core)")
    page.set_viewport_size(PHONE)
    if username:
        login_as(username)
    else:
        page.goto("/")
    hrefs = list(dict.fromkeys(page.locator(".portal-nav a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")))
    assert len(hrefs) >= 3, hrefs
    problems = []
    for href in ["/dashboard/" if username else "/", *hrefs]:
        if href in NOT_OURS:
            continue
        page.goto(href)
        problems += [f"{href}: axe {violation}" for violation in _axe(page)]
        wider = _overflow(page)
        if wider > 1:
            problems.append(f"{href}: {wider} px wider than a 390 px phone: {page.evaluate(WIDER_THAN_SCREEN)}")
    assert not problems, "\n".join(problems)


BOX = """box => ({scrolls: box.scrollWidth > box.clientWidth, tabindex: box.getAttribute('tabindex'),
  role: box.getAttribute('role'), name: box.getAttribute('aria-label'),
  wrap: getComputedStyle(box.querySelector('td')).overflowWrap})"""


def test_wide_tables_scroll_in_their_own_named_box_and_keep_whole_words(page, login_as):
    """On a phone a table keeps whole words and scrolls in its box; a box only becomes a
    focusable region (for keyboard scrolling) while its table is wider than it is."""
    page.set_viewport_size(PHONE)
    login_as("makelaar-haarlem")
    # Every list of four columns or more stacks on a phone (a label before each value): nothing
    # to scroll sideways, the register and the contracts alike.
    for path in ("/register/", "/inkoop/contracten/"):
        page.goto(path)
        listed = page.locator("#object-table").evaluate(BOX)
        assert not listed["scrolls"], (path, listed)
        # ... so its box is no tab stop there (the server makes it a region for browsers without JS).
        assert listed["tabindex"] is None and listed["role"] is None, (path, listed)

    # The dashboard's indicators stack on a phone, one labelled block per row: nothing to scroll.
    page.goto("/monitoring/")
    stacked = page.locator(".portal-table-scroll.portal-stack").first.evaluate(BOX)
    assert not stacked["scrolls"] and stacked["role"] is None, stacked

    # The reports' box is made a region in the browser, named after its heading.
    page.goto("/monitoring/rapporten/")
    box = page.locator(".portal-table-scroll").first
    phone = box.evaluate(BOX)
    assert phone["scrolls"] and phone["tabindex"] == "0" and phone["role"] == "region", phone
    assert phone["wrap"] == "normal", phone  # whole words, the table scrolls instead
    assert phone["name"] and phone["name"] != "Tabel", phone
    page.set_viewport_size({"width": 1600, "height": 900})
    page.wait_for_function("box => !box.hasAttribute('tabindex')", arg=box.element_handle())
    assert box.evaluate(BOX)["role"] is None


def test_on_a_phone_the_menu_and_filters_fold_away_until_asked_for(page, login_as):
    page.set_viewport_size(PHONE)
    login_as("makelaar-haarlem")
    page.goto("/register/")
    menu, toggle = page.locator("#portal-menu"), page.locator(".portal-nav__toggle")
    assert toggle.is_visible() and not menu.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    # The register is in the group "Ondernemers": the group is marked, its page once it opens.
    assert page.locator("#portal-menu summary.utrecht-nav-list__link--current").inner_text() == "Ondernemers"
    page.locator("#portal-menu summary", has_text="Ondernemers").click()
    assert page.locator("#portal-menu a[aria-current=page]").inner_text() == "Register"

    # The register opens on the broker's own municipality: one filter in use, folded.
    panel = page.locator("details.portal-filter-panel")
    assert panel.locator("summary").inner_text() == "Filters (1)"
    assert not page.locator("#id_municipality").is_visible()
    assert page.locator("#id_q").is_visible()  # the search stays above the folded panel
    panel.locator("summary").click()
    assert page.locator("#id_municipality").is_visible()
    last = page.locator("#object-table tbody tr td:first-child").last.inner_text()
    page.locator("#id_q").fill(last)
    page.locator("#id_q").press("Enter")
    page.wait_for_function("""(name) => {
      const names = [...document.querySelectorAll('#object-table tbody tr td:first-child')].map(td => td.textContent.trim());
      return names.length > 0 && names.every(n => n.includes(name));
    }""", arg=last)

    # On a desktop nothing is folded.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/register/")
    assert not page.locator(".portal-nav__toggle").is_visible() and page.locator("#portal-menu").is_visible()
    assert page.locator("#id_q").is_visible()


def test_detail_pages_with_a_hidden_column_label_fit_a_phone(page, login_as):
    """A visually hidden label ("Acties") in a scrolling table's header sat outside its box and
    widened the team page to 681 px: the box is its containing block now. Detail pages are not in
    the menu walk above, so the pages with such a label are walked here."""
    page.set_viewport_size(PHONE)
    problems = []
    login_as("makelaar-haarlem")
    page.goto("/makelaars/teams/")
    team = page.locator("main table a[href*='/teams/']").first.get_attribute("href")
    for href in (team, "/monitoring/", "/mijn-vragen/"):
        page.goto(href)
        if (wider := _overflow(page)) > 1:
            problems.append(f"{href}: {wider} px wider: {page.evaluate(WIDER_THAN_SCREEN)}")
    login_as("stuurgroep")
    page.goto("/monitoring/stuurgroep/")
    if (wider := _overflow(page)) > 1:
        problems.append(f"/monitoring/stuurgroep/: {wider} px wider: {page.evaluate(WIDER_THAN_SCREEN)}")
    assert not problems, "\n".join(problems)
