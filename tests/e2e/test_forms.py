"""Forms with errors show the error summary: visible, focused (for screen readers), with a
link to each invalid field, and nothing is saved."""

import datetime as dt

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_wrong_password_shows_focused_error_summary(page, console_errors):
    page.goto("/accounts/login/")
    page.locator("#id_username").fill("makelaar-haarlem")
    page.locator("#id_password").fill("not-the-password")
    page.locator("main form button[type=submit]").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert page.url.endswith("/accounts/login/")
    expect(page.locator("header")).not_to_contain_text("Uitloggen")
    assert console_errors == []


def test_budget_line_with_invalid_amount_is_not_saved(page, login_as, console_errors):
    from brokers.models import BudgetLine

    before = BudgetLine.objects.count()
    login_as("makelaar-haarlem")
    page.goto("/makelaars/begroting/nieuw/")
    form = page.locator("main form")
    form.locator("#id_organisation").select_option(label="Gemeente Haarlem")
    form.locator("#id_year").fill("2026")
    form.locator("#id_kind").select_option(index=1)
    form.locator("#id_description").fill("e2e: negatief bedrag")
    form.locator("#id_amount").fill("-5")
    form.get_by_role("button", name="Opslaan").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    link = summary.locator("a[href='#id_amount']")
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("#id_amount")).to_be_focused()
    expect(page.locator("#id_amount")).to_have_attribute("aria-invalid", "true")
    assert BudgetLine.objects.count() == before
    assert console_errors == []


def test_spending_links_an_object_found_by_typing_its_name(page, login_as, console_errors):
    """The link picker: choose the kind, type part of the name, choose one of the objects found
    (the list fills as one types, own municipality first); the spending is saved linked to it, and
    the page with its results is accessible."""
    from brokers.models import Spending
    from enterprises.models import Enterprise
    from tests.e2e.test_accessibility import _axe

    login_as("makelaar-haarlem")
    page.goto("/makelaars/uitgaven/nieuw/")
    form = page.locator("main form")
    form.locator("#id_organisation").select_option(label="Gemeente Haarlem")
    form.locator("#id_kind").select_option(index=1)
    form.locator("#id_date").fill(f"{dt.date.today().year}-01-02")
    form.locator("#id_description").fill("e2e: advies fietsenmaker")
    form.locator("#id_amount").fill("120")
    form.locator("#id_link_model").select_option("enterprises.enterprise")
    form.locator("#id_link_search").press_sequentially("fiets", delay=30)
    results = page.locator("#link-results")
    expect(results).to_contain_text("gevonden")
    first = results.locator("input[name=link_id]:not([value=''])").first
    expect(first).to_be_visible()
    expect(results.locator("label").nth(1)).to_contain_text("(Gemeente Haarlem)")  # own first
    assert _axe(page) == []
    chosen = int(first.get_attribute("value"))
    first.check()
    form.get_by_role("button", name="Opslaan").click()
    expect(page.locator("h1")).to_contain_text("e2e: advies fietsenmaker")
    spending = Spending.objects.get(description="e2e: advies fietsenmaker")
    assert (spending.link_model, spending.link_id) == ("enterprises.enterprise", chosen)
    expect(page.locator("main")).to_contain_text(Enterprise.objects.get(pk=chosen).name)
    assert console_errors == []
