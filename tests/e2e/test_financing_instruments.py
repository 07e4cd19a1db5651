"""Financing mix and impact funds (financing issue 11, parts 4-6) in the browser: the
entrepreneur opens their financing need from the dashboard, sees the doughnut chart and adds a
component; the broker reads the regional fund's portfolio; the steering group its figures; every
page fits a 390 px phone."""

import pytest
from playwright.sync_api import expect

from .conftest import shoot, unique
from .test_public import WIDER_THAN_SCREEN

pytestmark = pytest.mark.e2e


def test_entrepreneur_builds_the_mix_from_the_dashboard(page, login_as, console_errors):
    login_as("ondernemer-1")
    panel = page.locator("#panel-financing-needs")
    expect(panel).to_be_visible()
    panel.locator("a", has_text="Tweede werkplaats").first.click()
    expect(page.locator("#mix-components")).to_be_visible()
    assert page.locator("canvas[data-chart=need-chart]").evaluate("c => c.width") > 0  # Chart.js drew it
    label = unique("Buurtfonds")
    page.locator("#add-component summary").click()
    page.locator("#id_label").fill(label)
    page.locator("#id_amount").fill("2500")
    page.locator("#id_status").select_option("applied")
    page.locator("#add-component button[type=submit]").click()
    expect(page.locator("#mix-components")).to_contain_text(label)
    shoot(page, "financing-need")
    assert console_errors == []


def test_broker_reads_the_fund_and_steering_the_figures(page, login_as, console_errors):
    login_as("makelaar-haarlem")
    page.goto("/financiering/fondsen/")
    page.get_by_role("link", name="Social Impact Fonds Zuid-Kennemerland en IJmond").click()
    expect(page.locator("#fund-investments tbody tr")).to_have_count(5)
    assert page.locator("canvas[data-chart=fund-chart]").evaluate("c => c.width") > 0
    shoot(page, "financing-fund")
    login_as("stuurgroep")
    page.goto("/financiering/fondsen/cijfers/")
    expect(page.locator(".fund-figures")).to_contain_text("Zuid-Kennemerland")
    assert console_errors == []


@pytest.mark.parametrize("username, paths", [
    ("ondernemer-1", ["/financiering/behoeften/", "/financiering/instrumenten/"]),
    ("makelaar-haarlem", ["/financiering/fondsen/", "/financiering/fondsen/cijfers/"]),
])
def test_financing_pages_fit_a_phone(browser, url, login_as, page, username, paths):
    login_as(username)
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL",
                                  storage_state=page.context.storage_state())
    phone = context.new_page()
    try:
        phone.goto(url(paths[0]))
        detail = phone.locator("#results a[href*='/financiering/']").first.get_attribute("href")
        for path in [*paths, detail]:
            phone.goto(url(path))
            expect(phone.locator("h1")).to_be_visible()
            overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            culprits = phone.evaluate(WIDER_THAN_SCREEN) if overflow > 0 else []
            assert overflow <= 0, f"{path} is {overflow}px wider than a 390px screen: {culprits}"
        shoot(phone, f"financing-phone-{username}")
    finally:
        context.close()
