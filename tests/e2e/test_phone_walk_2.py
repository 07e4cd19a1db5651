"""Findings of the second phone walk (390 × 844): target sizes, a list's search above its folded
filters, the helpdesk inbox and register as a block per row, the monitoring dashboard's axes,
amounts and way to its charts, the menu toggle's highlight, the figures page's chart spacing."""

import re

from playwright.sync_api import expect

from .test_accessibility import PHONE

DESKTOP = {"width": 1280, "height": 900}
MIN_TARGET = 24  # WCAG 2.5.8 target size (minimum), CSS px

BOX = "e => { const r = e.getBoundingClientRect(); return {x: r.x, y: r.y + scrollY, w: r.width, h: r.height, bottom: r.bottom + scrollY, right: r.right}; }"


def _boxes(locator):
    return [locator.nth(i).evaluate(BOX) for i in range(locator.count())]


def _assert_targets(locator, what):
    boxes = _boxes(locator)
    assert boxes, what
    small = [b for b in boxes if b["w"] < MIN_TARGET or b["h"] < MIN_TARGET]
    assert not small, f"{what}: targets under {MIN_TARGET} px: {small[:3]}"


def test_checkboxes_radios_and_header_and_cancel_links_are_24_px_targets(page, login_as):
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        login_as("makelaar-haarlem")
        header_links = page.locator(".portal-header__tools a")
        _assert_targets(header_links, f"header links at {size['width']} px")
        if size == DESKTOP:  # the header's tools stay on one line at 1280 px
            tops = {round(b["y"] + b["h"] / 2) for b in _boxes(page.locator(".portal-header__tools > *"))}
            assert max(tops) - min(tops) <= 2, tops

        page.goto("/register/")
        href = page.locator("#object-table tbody tr a").first.get_attribute("href")
        page.goto(f"{href}wijzigen/")
        _assert_targets(
            page.locator("main input[type=checkbox]:visible"), "checkboxes of the enterprise form"
        )
        _assert_targets(page.locator("main .portal-actions > a"), "the form's cancel link")

        page.goto("/helpdesk/")
        _assert_targets(
            page.locator("#object-table tbody input[type=checkbox]"), "the inbox's row checkboxes"
        )

    # A radio (the admission decision) too.
    page.goto("/register/")
    page.locator("#object-table tbody tr a").first.click()
    radios = page.locator("main input[type=radio]:visible")
    if radios.count():
        _assert_targets(radios, "radios")


def test_a_lists_search_stays_above_its_folded_filters_on_a_phone(page, login_as):
    page.set_viewport_size(PHONE)
    login_as("makelaar-haarlem")
    page.goto("/register/")
    panel = page.locator("details.portal-filter-panel")
    assert not panel.evaluate("d => d.open")
    search, button = page.locator("#id_q"), page.locator("[data-search] button[type=submit]")
    assert search.is_visible() and button.is_visible()
    # Both on the first screen (the Filter button stood at y ≈ 1713, below 13 filters).
    assert search.evaluate(BOX)["bottom"] < PHONE["height"]
    assert button.evaluate(BOX)["bottom"] < PHONE["height"]

    name = page.locator("#object-table tbody tr a").last.inner_text()
    search.fill(name)
    button.click()
    expect(page.locator("#object-table tbody tr")).to_have_count(1)
    expect(page.locator("#object-table")).to_contain_text(name)
    # The panel stays shut: the result follows the folded panel, not every open filter (how far
    # down that is depends on the header, which wraps with a notification count).
    assert not panel.evaluate("d => d.open")
    assert page.locator("#object-table").evaluate(BOX)["y"] - panel.evaluate(BOX)["bottom"] < 80

    # After a reload with the search in the address, the same.
    page.reload()
    assert page.locator("#id_q").input_value() == name
    panel = page.locator("details.portal-filter-panel")
    assert not panel.evaluate("d => d.open")
    assert page.locator("#object-table").evaluate(BOX)["y"] - panel.evaluate(BOX)["bottom"] < 80

    # On a desktop the panel is open, the search above it.
    page.set_viewport_size(DESKTOP)
    page.goto("/register/")
    assert page.locator("details.portal-filter-panel").evaluate("d => d.open")
    assert (
        page.locator("#id_q").evaluate(BOX)["y"]
        < page.locator("details.portal-filter-panel").evaluate(BOX)["y"]
    )


def test_inbox_and_register_are_a_labelled_block_per_row_on_a_phone(page, login_as):
    page.set_viewport_size(PHONE)
    login_as("makelaar-haarlem")
    page.goto("/helpdesk/")
    table = page.locator("#object-table")
    # Nothing scrolls sideways: status, handler and due date are on the screen, each labelled.
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    row = page.locator("#object-table tbody tr").first
    for label in ("Status", "Behandelaar", "Uiterlijk opgelost"):
        cell = row.locator(f'td[data-label="{label}"]')
        box = cell.evaluate(BOX)
        assert box["x"] >= 0 and box["right"] <= PHONE["width"], (label, box)
        assert cell.evaluate("e => getComputedStyle(e, '::before').content").startswith(f'"{label}')
    # The cases come first, the bulk assignment below them.
    assert page.locator("#bulk-assign").evaluate(BOX)["y"] > table.evaluate(BOX)["bottom"]

    page.goto("/register/")
    table = page.locator("#object-table")
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    kvk = page.locator("#object-table tbody tr").first.locator("td").nth(1)
    assert kvk.evaluate(BOX)["h"] < 40  # "KvK-nummer: 90000032" on one line (the header took six)

    # On a desktop still a table with its header row.
    page.set_viewport_size(DESKTOP)
    page.goto("/helpdesk/")
    expect(page.locator("#object-table thead th").first).to_be_visible()
    assert (
        page.locator("#object-table tbody tr").first.evaluate("e => getComputedStyle(e).display")
        == "table-row"
    )


def test_monitoring_counts_have_whole_ticks_money_has_the_euro_sign_and_charts_are_one_tap_away(
    page, login_as
):
    page.set_viewport_size(PHONE)
    login_as("makelaar-haarlem")
    page.goto("/monitoring/")
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length > 0")
    ticks = page.evaluate("""() => [...document.querySelectorAll('canvas[data-monitoring-chart]')].map(c => {
        const unit = JSON.parse(document.getElementById(c.dataset.monitoringChart).textContent).unit;
        return {unit, ticks: Chart.getChart(c).scales.y.ticks.map(t => t.value)};
    })""")
    counts = [t for t in ticks if t["unit"] == "count"]
    assert counts
    assert all(float(v).is_integer() for t in counts for v in t["ticks"]), counts
    # Money in the table with the euro sign (it read "150.000,00", unit "euro").
    money = page.locator("#indicator-table tbody td", has_text="€")
    assert money.count() > 0
    # The charts: a link on the first screen, and a link in each charted row to its chart.
    jump = page.locator("#monitoring-jump a")
    assert jump.evaluate(BOX)["bottom"] < PHONE["height"]
    jump.click()
    heading = page.locator("#monitoring-charts")
    page.wait_for_function(
        "h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
        arg=heading.element_handle(),
    )
    link = page.locator(".monitoring-chart-link").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function(
        "id => { const r = document.querySelector(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
        arg=target,
    )


def test_menu_toggle_highlight_spans_the_bar_and_figures_chart_keeps_its_distance(page, login_as):
    page.set_viewport_size(PHONE)
    login_as("inkoper-haarlem")
    toggle = page.locator(".portal-nav__toggle")
    toggle.click()
    assert toggle.evaluate(BOX)["w"] == PHONE["width"]
    page.goto("/inkoop/cijfers/")
    chart = page.locator(".figures-chart").first.evaluate(BOX)
    caption = page.locator("#periods-table caption").evaluate(BOX)
    assert caption["y"] - chart["bottom"] >= 16, (chart, caption)


def test_inbox_select_all_ticks_the_page_and_the_selection_survives_a_search(page, login_as):
    """Accessibility walk of the inbox: "Alles selecteren" (shown by portal.js) ticks and clears the
    page's rows and follows rows ticked by hand (mixed); a search that swaps the table keeps the
    ticked rows it still shows; the bulk assignment returns to the inbox as filtered and its
    message takes the focus."""
    page.set_viewport_size(DESKTOP)
    login_as("makelaar-haarlem")
    page.goto("/helpdesk/?status=open")
    select_all = page.locator("#object-table thead input[data-select-all]")
    expect(select_all).to_be_visible()
    expect(select_all).to_have_attribute("aria-label", "Alles selecteren")
    rows = page.locator("#object-table tbody input[name=cases]")
    count = rows.count()
    assert count > 1
    select_all.check()
    assert all(rows.nth(i).is_checked() for i in range(count))
    rows.first.uncheck()
    assert not select_all.is_checked() and select_all.evaluate("e => e.indeterminate")
    select_all.click()  # mixed → all
    assert all(rows.nth(i).is_checked() for i in range(count))
    select_all.uncheck()
    assert not any(rows.nth(i).is_checked() for i in range(count))

    # One row ticked, then a search for its number swaps the table: still ticked.
    number = rows.first.get_attribute("value")
    rows.first.check()
    search = page.locator("#id_q")
    search.fill(number)
    search.press("Enter")
    expect(page).to_have_url(re.compile(rf"[?&]q={number}(&|$)"))
    page.wait_for_load_state("networkidle")  # Enter sends the search twice (change, submit): both swapped
    ticked = page.locator(f'#object-table tbody input[name=cases][value="{number}"]')
    expect(ticked).to_be_checked()
    expect(page.locator("#object-table thead input[data-select-all]")).to_be_visible()
    ticked.uncheck()

    # Nothing ticked (nothing changes): the message, back in the inbox with its filters, takes the focus.
    page.locator("#bulk_assignee").select_option(label="Hanna de Makelaar")
    page.locator("#bulk-assign-submit").click()
    messages = page.locator(".portal-messages")
    expect(messages).to_contain_text("Selecteer eerst een of meer vragen.")
    expect(messages).to_be_focused()
    assert re.search(r"/helpdesk/\?", page.url) and "status=open" in page.url and f"q={number}" in page.url, page.url
