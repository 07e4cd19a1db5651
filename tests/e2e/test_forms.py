"""Forms with errors show the error summary: visible, focused (for screen readers), with a
link to each invalid field, and nothing is saved."""

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
