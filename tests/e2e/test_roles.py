"""Each demo role logs in through the login form and sees its own dashboard panel; the
language switch turns the portal English."""

import pytest
from playwright.sync_api import expect

from .conftest import DEMO_ROLES, shoot

pytestmark = pytest.mark.e2e

PANELS = {"admin", "broker", "colleague", "entrepreneur", "steering", "partner", "sroi_coordinator"}


@pytest.mark.parametrize(("username", "panel"), DEMO_ROLES.items(), ids=list(DEMO_ROLES))
def test_role_sees_its_dashboard(page, login_as, console_errors, username, panel):
    login_as(username)
    expect(page.locator(f"[data-dashboard={panel}]")).to_be_visible()
    # Only the panels of the user's own roles: no broker figures for an entrepreneur etc.
    for other in PANELS - {panel}:
        expect(page.locator(f"[data-dashboard={other}]")).to_have_count(0)
    expect(page.locator("header")).to_contain_text("Uitloggen")
    shoot(page, f"dashboard-{username}")
    assert console_errors == []


def test_logout_returns_to_home(page, login_as):
    login_as("ondernemer-1")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(lambda u: u.rstrip("/").count("/") == 2)  # the home page
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()


def test_language_switch_nl_to_en(page, console_errors):
    page.goto("/etalage/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    switch = page.locator("form.portal-language")
    expect(switch.locator("button[value=nl]")).to_have_attribute("aria-current", "true")

    with page.expect_response(lambda r: r.url.endswith("/etalage/") and r.request.method == "GET") as info:
        switch.locator("button[value=en]").click()
    assert info.value.headers.get("content-language") == "en"
    page.wait_for_url("**/etalage/")  # back on the page the visitor was on
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(switch.locator("button[value=en]")).to_have_attribute("aria-current", "true")
    expect(switch.locator("button[value=nl]")).not_to_have_attribute("aria-current", "true")
    # The choice sticks (cookie) on the next page, also after logging in.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    switch.locator("button[value=nl]").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    assert console_errors == []
