"""List walk 10 in a browser: the live search reads out its count through the page's status
region (outside the swapped results), an invalid filter marks its field and unmarks it once valid,
and a sort link lands at the results with the focus there."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_register_live_search_says_what_it_found(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/register/")
    status = page.locator("#results-status")
    expect(status).to_have_text("")

    page.locator("form.portal-filter-form input[name=q]").press_sequentially("zzqqxx", delay=30)
    expect(status).to_have_text("Niets gevonden met deze filters.")

    kvk = page.locator("form.portal-filter-form input[name=kvk_number]")
    page.locator("form.portal-filter-form input[name=q]").fill("")
    kvk.press_sequentially("abc", delay=30)
    expect(page.locator("#filter-errors")).to_be_visible()
    expect(kvk).to_have_attribute("aria-invalid", "true")
    expect(kvk).to_have_attribute("aria-describedby", "id_kvk_number_error")
    expect(status).to_have_text("")

    kvk.press("Control+a")
    kvk.press("Backspace")
    expect(page.locator("#filter-errors")).to_have_count(0)
    expect(kvk).not_to_have_attribute("aria-invalid", "true")
    expect(kvk).not_to_have_attribute("aria-describedby", re.compile(r"\S"))
    expect(status).to_have_text(re.compile(r"^\d+ resulta(at|ten)$"))
    assert status.text_content() == page.locator("#results-count").text_content()

    assert page.locator("#object-table thead [aria-sort]").count() <= 1
    page.locator("#object-table thead th a").first.click()
    page.wait_for_url(re.compile(r".*sort=.*#results-count$"))
    expect(page.locator("#results-count")).to_be_focused()
    assert not console_errors
