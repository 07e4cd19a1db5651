"""Keyboard and screen-reader walk: the pages a broker and an entrepreneur use daily, driven by the
keyboard only (Tab, Enter, arrow keys, Escape). What axe-core does not see: where the focus goes
(skip link, after an htmx swap, after an error-summary link), what the focused field shows around
it, and whether the page's behaviours survive the browser's Back button."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _tab_to(page, selector, limit=150):
    """Press Tab until ``selector`` has the focus (the keyboard's way there)."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("(element) => element === document.activeElement"):
            return target
    raise AssertionError(f"Tab never reached {selector}")


def _scroll_settled(page):
    """Wait until the page stops scrolling (a jump to a fragment may glide)."""
    last = None
    for _ in range(40):
        now = page.evaluate("window.scrollY")
        if now == last:
            return
        last = now
        page.wait_for_timeout(100)


def _on_screen(locator):
    return locator.evaluate(
        "(element) => { const box = element.getBoundingClientRect();"
        " return box.top >= 0 && box.bottom <= window.innerHeight; }")


def test_the_skip_link_lands_on_the_main_content_and_a_live_search_keeps_the_focus(page, login_as, console_errors):
    """The first Tab reaches "Naar de inhoud", Enter puts the focus on <main>, and the next Tab the
    first control in it. Typing in the register's search and choosing a filter with the arrow keys
    swap the results (htmx): the focus stays in the field, never falls to <body>."""
    login_as("makelaar-haarlem")
    page.goto("/register/")
    page.keyboard.press("Tab")
    skip = page.locator("a.utrecht-skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")

    search = _tab_to(page, "#id_q")
    with page.expect_response(re.compile(r".*/register/\?.*q=bak")):
        page.keyboard.type("bak", delay=30)
    expect(page.locator("#results-status")).to_have_text(re.compile(r"\d+ resulta"))
    expect(search).to_be_focused()

    kind = _tab_to(page, "#id_type")
    with page.expect_response(re.compile(r".*/register/\?.*type=impact_first")):
        page.keyboard.press("ArrowDown")
    expect(kind).to_be_focused()
    assert not console_errors


def test_an_error_summary_link_shows_the_fields_label_and_message(page, login_as):
    """An empty question: the error summary takes the focus; its first link puts the focus on the
    field AND shows what stands above it. Followed as a plain link the browser scrolled the select
    to the top of the screen, its label ("Waar gaat uw vraag over?") and "Dit veld is vereist."
    above it, out of sight."""
    page.emulate_media(reduced_motion="reduce")
    login_as("ondernemer-1")
    page.goto("/mijn-vragen/nieuw/")
    _tab_to(page, "#question-submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()

    page.keyboard.press("Tab")
    expect(summary.locator("a[href='#id_category']")).to_be_focused()
    page.keyboard.press("Enter")
    field = page.locator("#id_category")
    expect(field).to_be_focused()
    _scroll_settled(page)
    assert page.evaluate("window.scrollY") > 0  # it did scroll: the field was below the summary
    assert _on_screen(page.locator("label[for=id_category]")), "the field's label is out of sight"
    assert _on_screen(page.locator("#id_category_error")), "the field's error message is out of sight"
    assert _on_screen(field)


def test_the_filter_count_follows_a_filter_changed_on_the_page(page, login_as):
    """"Filters (n)" (the summary of the folding filter panel) counted the filters at page load
    only: choosing one with the keyboard (htmx swaps the results, not the form) left the old count,
    also for a screen reader on the summary."""
    login_as("makelaar-haarlem")
    page.goto("/register/")
    summary = page.locator(".portal-filter-panel__summary")
    before = summary.text_content()
    in_use = int(re.search(r"\((\d+)\)", before).group(1)) if "(" in before else 0

    _tab_to(page, "#id_type")
    with page.expect_response(re.compile(r".*/register/\?.*type=impact_first")):
        page.keyboard.press("ArrowDown")
    expect(summary).to_have_text(f"Filters ({in_use + 1})")
    with page.expect_response(re.compile(r".*/register/\?.*type=&")):
        page.keyboard.press("ArrowUp")
    expect(summary).to_have_text(f"Filters ({in_use})" if in_use else "Filters")


def test_back_after_a_live_search_leaves_the_phone_menu_working(page, login_as, console_errors):
    """A live search pushes its address (htmx). Back to the page before it puts back htmx's copy
    of the page: new elements, and portal.js's listeners on the old ones were gone with them (the
    phone's "Menu" button no longer opened the menu, Escape no longer folded it). The menu's
    listeners are now the document's, and the filter count still follows a changed filter."""
    page.set_viewport_size(PHONE)
    login_as("makelaar-haarlem")
    page.goto("/register/")
    page.locator("#id_q").press_sequentially("bak", delay=30)
    page.wait_for_url(re.compile(r".*/register/\?.*q=bak"))
    expect(page.locator("#results-status")).to_have_text(re.compile(r"\d+ resulta"))

    page.go_back()
    page.wait_for_url(re.compile(r".*/register/$"))
    expect(page.locator("#id_q")).to_have_value("")
    toggle, menu = page.locator(".portal-nav__toggle"), page.locator("#portal-menu")
    _tab_to(page, ".portal-nav__toggle")
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()

    summary = page.locator(".portal-filter-panel__summary")
    summary.click()
    before = summary.text_content()
    in_use = int(re.search(r"\((\d+)\)", before).group(1)) if "(" in before else 0
    page.locator("#id_type").select_option("impact_first")
    expect(summary).to_have_text(f"Filters ({in_use + 1})")
    assert not console_errors


def test_a_jump_within_the_page_does_not_glide_when_less_motion_is_asked(page, login_as):
    """The smooth scrolling of a skip link or an error-summary link is an animation: it stays off
    for a user who asked the system for less motion (prefers-reduced-motion, WCAG 2.3.3)."""
    login_as("makelaar-haarlem")
    behaviour = "getComputedStyle(document.documentElement).scrollBehavior"
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(behaviour) == "smooth"
    page.emulate_media(reduced_motion="reduce")
    assert page.evaluate(behaviour) == "auto"
