"""Figures (procurement issue item 8): a broker imports the municipality's supplier payments (a
file with a bad line is refused whole, the corrected file is applied), reads the unmatched
suppliers, and sees the spending share, the chart and its table on the figures page, also on a
390 px phone."""

import pytest
from playwright.sync_api import expect

from .conftest import shoot, unique
from .test_public import WIDER_THAN_SCREEN

pytestmark = pytest.mark.e2e

HEADER = "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort"


def _upload(page, tmp_path, text):
    path = tmp_path / "betalingen.csv"
    path.write_text(text, encoding="utf-8")
    page.goto("/inkoop/betalingen/importeren/")
    page.locator("#id_organisation").select_option(label="Gemeente Haarlem")
    page.locator("#id_file").set_input_files(str(path))
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#import-summary")).to_be_visible()


def test_broker_imports_payments_and_reads_the_figures(page, login_as, console_errors, tmp_path):
    supplier = unique("Leverancier E2E")
    login_as("makelaar-haarlem")
    lines = [HEADER, f"41234567;{supplier};15-01-2019;1.250,00;E2E-kosten", f"41234567;{supplier};2019-02-30;10;x"]
    _upload(page, tmp_path, "\n".join(lines) + "\n")
    expect(page.locator("#import-refused")).to_be_visible()
    expect(page.locator("#malformed-rows")).to_contain_text("Regel 3")

    lines[2] = f"41234567;{supplier};2019-02-28;10,00;E2E-kosten"
    _upload(page, tmp_path, "\n".join(lines) + "\n")
    expect(page.locator("#unmatched-table")).to_contain_text(supplier)
    expect(page.locator("#import-summary")).to_contain_text("€ 1.260,00")
    shoot(page, "figures-import-report")

    page.goto("/inkoop/cijfers/?year=2019")
    expect(page.locator("h1")).to_contain_text("Gemeente Haarlem")
    expect(page.locator("#spending-tiles")).to_contain_text("€ 1.260,00")
    expect(page.locator("#unmatched-note")).to_be_visible()
    expect(page.locator("#periods-table tbody tr")).to_have_count(12)
    page.goto("/inkoop/cijfers/")
    assert page.locator("canvas[data-chart=obligation-chart]").evaluate("c => c.width") > 0  # Chart.js drew it
    shoot(page, "figures-page")
    assert console_errors == []


def test_figures_fit_a_phone(browser, url, login_as, page):
    login_as("makelaar-haarlem")
    context = browser.new_context(viewport={"width": 390, "height": 800}, locale="nl-NL",
                                  storage_state=page.context.storage_state())
    phone = context.new_page()
    try:
        for path in ("/inkoop/cijfers/", "/inkoop/betalingen/"):
            phone.goto(url(path))
            expect(phone.locator("h1")).to_be_visible()
            overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            culprits = phone.evaluate(WIDER_THAN_SCREEN) if overflow > 0 else []
            assert overflow <= 0, f"{path} is {overflow}px wider than a 390px screen: {culprits}"
        shoot(phone, "figures-phone")
    finally:
        context.close()
