"""Public pages: home and showcase load, are styled by the NL Design System CSS, and raise no
console errors (CSP violations of scripts or styles show up as console errors)."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import shoot

pytestmark = pytest.mark.e2e

# The innermost elements that stick out to the right of the screen (for the failure message).
# What sticks out of a phone's screen; the content of a box that scrolls by itself does not count.
WIDER_THAN_SCREEN = """() => [...document.querySelectorAll('main *, header *, footer *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(e => !e.parentElement.closest('.portal-table-scroll'))
  .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > window.innerWidth + 1))
  .slice(0, 8).map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${e.textContent.trim().slice(0, 30)}"`)"""


def test_home_is_styled_and_links_to_showcase(page, console_errors):
    response = page.goto("/")
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator("h1")).to_contain_text("Impactondernemen")
    shoot(page, "home")
    # The NL Design System stylesheet is served by the live server (from node_modules) ...
    css = page.request.get("/static/vendor/utrecht/index.css")
    assert css.ok and ".utrecht-button" in css.text()
    # ... and applied: the theme sets a font family and the primary button has a background.
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert body_font and body_font != "Times New Roman"
    button = page.locator(".portal-hero .utrecht-button-link--primary-action")
    bg = button.evaluate("el => getComputedStyle(el).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    button.click()
    page.wait_for_url("**/etalage/")
    expect(page.locator("h1")).to_be_visible()
    assert console_errors == []


def test_showcase_has_search_form_and_results(page, console_errors):
    response = page.goto("/etalage/")
    assert response.status == 200
    search = page.get_by_role("search")
    expect(search).to_be_visible()
    expect(search.locator("input[name=q]")).to_be_visible()
    # Result cards link to the public enterprise pages (/etalage/<id>/).
    hrefs = page.locator("main a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert any(re.fullmatch(r"/etalage/\d+/", href or "") for href in hrefs), hrefs
    shoot(page, "showcase")
    assert console_errors == []


@pytest.mark.parametrize("path", ["/", "/etalage/", "/accounts/login/"])
def test_no_horizontal_overflow_on_a_phone(browser, url, path):
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="nl-NL")
    try:
        page = context.new_page()
        page.goto(url(path))
        shoot(page, "phone-" + (path.strip("/").replace("/", "-") or "home"))
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        culprits = page.evaluate(WIDER_THAN_SCREEN) if overflow > 0 else []
        assert overflow <= 0, f"{path} is {overflow}px wider than a 375px screen: {culprits}"
    finally:
        context.close()
