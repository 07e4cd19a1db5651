"""Findings of a first-time user's walk through the portal: the main menu's dropdowns close, the
toolbox's answer table fits a phone, match cards keep words whole, dashboard cards look like the
links they are, the "Uit de jury" button's name contains its visible text (WCAG 2.5.3) and the
steering page gives its headings room and keeps dates on one line."""

import re

import pytest
from playwright.sync_api import expect

from .test_accessibility import AXE, PHONE

pytestmark = pytest.mark.e2e

OPEN_GROUPS = "document.querySelectorAll('.portal-nav__group > details[open]').length"
# Words of letters only that the browser laid out over more than one line ("opdrachtgev|er").
BROKEN_WORDS = """elements => elements.flatMap(element => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const broken = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.textContent.matchAll(/\\p{L}+/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
      if (tops.size > 1) broken.push(match[0]);
    }
  }
  return broken;
})"""


def test_menu_dropdowns_close_one_another_on_click_outside_and_on_escape(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    summaries = page.locator(".portal-nav__group > details > summary")
    assert summaries.count() >= 2
    first, second = summaries.nth(0), summaries.nth(1)

    first.click()
    expect(page.locator(".portal-nav__group > details").nth(0)).to_have_attribute("open", "")
    second.click()  # opening another closes the first
    expect(page.locator(".portal-nav__group > details").nth(1)).to_have_attribute("open", "")
    assert page.evaluate(OPEN_GROUPS) == 1

    page.locator("main h1").click()  # a click outside closes it
    expect(page.locator(".portal-nav__group > details[open]")).to_have_count(0)

    second.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".portal-nav__group > details[open]")).to_have_count(1)
    page.locator(".portal-nav__group > details[open] .portal-nav__submenu a").first.focus()
    page.keyboard.press("Escape")  # Escape closes it and returns the focus to its summary
    expect(page.locator(".portal-nav__group > details[open]")).to_have_count(0)
    expect(second).to_be_focused()

    # Tabbing out of an open group closes it too.
    page.keyboard.press("Enter")
    links = page.locator(".portal-nav__group > details[open] .portal-nav__submenu a")
    links.last.focus()
    page.keyboard.press("Tab")
    expect(page.locator(".portal-nav__group > details[open]")).to_have_count(0)
    assert console_errors == []


def test_menu_dropdowns_still_open_without_javascript(browser, e2e_server, login_as, page):
    login_as("makelaar-haarlem")
    context = browser.new_context(base_url=e2e_server.url, java_script_enabled=False,
                                  storage_state=page.context.storage_state())
    try:
        plain = context.new_page()
        plain.goto("/dashboard/")
        plain.locator(".portal-nav__group > details > summary").first.click()
        expect(plain.locator(".portal-nav__group > details[open] .portal-nav__submenu a").first).to_be_visible()
    finally:
        context.close()


def test_toolbox_answer_table_is_readable_on_a_phone(page, login_as):
    login_as("makelaar-haarlem")
    page.set_viewport_size(PHONE)
    page.goto("/makelaars/toolbox/module/1/")
    boxes = page.locator(".portal-answer-table input.utrecht-textbox")
    assert boxes.count() >= 3
    # Each answer box takes (nearly) the card's width, under its column's label.
    assert min(boxes.evaluate_all("inputs => inputs.map(i => i.getBoundingClientRect().width)")) > 250
    cell = page.locator(".portal-answer-table td[data-label]").first
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label.startswith('"') and label.endswith(': "'), label
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1


def test_match_cards_keep_words_whole(page, login_as):
    from procurement.models import Contract

    login_as("inkoper-haarlem")
    for contract in Contract.objects.order_by("pk")[:10]:
        page.goto(f"/inkoop/contracten/{contract.pk}/matches/")
        if page.locator("li.portal-card dl").count() >= 2:
            break
    else:
        pytest.fail("no contract with match cards in the demo data")
    cards = page.locator("li.portal-card")
    assert cards.first.evaluate("card => card.getBoundingClientRect().width") < 400  # narrow cards
    assert cards.locator("dd").evaluate_all(BROKEN_WORDS) == []
    # In a narrow card the description list stacks: each label above its value.
    dt, dd = cards.first.locator("dt").first, cards.first.locator("dd").first
    assert dd.evaluate("e => e.getBoundingClientRect().top") > dt.evaluate("e => e.getBoundingClientRect().bottom") - 1


def test_dashboard_cards_look_like_links_and_show_focus(page, login_as):
    login_as("makelaar-haarlem")
    card = page.locator("a.portal-card").first
    arrow = card.evaluate("a => getComputedStyle(a, '::after').content")
    assert "→" in arrow, arrow
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible applies
    card.focus()
    style = card.evaluate("a => { const s = getComputedStyle(a); return [s.outlineStyle, s.outlineWidth, s.outlineColor,"
                          " s.textDecorationLine]; }")
    assert style[0] == "solid" and float(style[1].removesuffix("px")) >= 2, style
    assert style[2] == "rgb(0, 0, 0)", style  # black on white: contrast 21:1 (WCAG 1.4.11)
    assert "underline" in style[3], style


@pytest.mark.parametrize(("language", "visible"), [("nl", "Uit de jury"), ("en", "Remove from jury")])
def test_remove_juror_button_name_contains_its_visible_text(page, login_as, language, visible):
    login_as("makelaar-haarlem")
    if language == "en":
        page.locator("form.portal-language button[value=en]").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto("/inkoop/challenges/1/")
    button = page.locator("#jurors button[type=submit]").first
    expect(button).to_be_visible()
    shown = button.evaluate("b => { const c = b.cloneNode(true); c.querySelectorAll('.visually-hidden')"
                            ".forEach(h => h.remove()); return c.textContent.trim(); }")
    assert shown == visible
    expect(button).to_have_accessible_name(re.compile(rf"^{re.escape(visible)} \(.+\)$"))
    page.evaluate(AXE.read_text())
    violations = page.evaluate(
        "async () => (await axe.run('#jurors', {runOnly: ['label-content-name-mismatch']})).violations.map(v => v.id)")
    assert violations == []


def test_steering_page_gives_headings_room_and_keeps_dates_whole(page, login_as):
    login_as("stuurgroep")
    page.goto("/monitoring/stuurgroep/")
    margins = page.locator("main section h3").evaluate_all(
        "hs => hs.map(h => parseFloat(getComputedStyle(h).marginBlockStart))")
    assert margins and min(margins) >= 16, margins
    date = page.locator("[id^=budget-source-] .portal-nowrap")
    expect(date).to_have_text(re.compile(r"^\d\d-\d\d-\d{4}$"))
    for width in (1280, 700, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert date.evaluate("e => e.getClientRects().length") == 1, width


def test_list_links_have_the_portals_link_colour(page, login_as):
    """The register's names (django-tables2 links, no class) were the browser's own blue; the
    helpdesk's questions (``utrecht-link``) the portal's. Both now read alike."""
    login_as("makelaar-haarlem")
    page.goto("/helpdesk/")
    portal_blue = page.locator("tbody a.utrecht-link").first.evaluate("a => getComputedStyle(a).color")
    page.goto("/register/")
    colours = page.locator("tbody td a:not([class])").evaluate_all(
        "links => [...new Set(links.map(a => getComputedStyle(a).color))]")
    assert colours == [portal_blue]
