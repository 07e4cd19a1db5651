"""MKBA (financing issue, part 1): a broker builds an analysis in the calculator, sees the figures
recalculated as they type (and an error next to a field that is wrong), saves it and opens its PDF."""

import pytest
from playwright.sync_api import expect

from financing.models import MkbaAnalysis

from .conftest import shoot, unique

pytestmark = pytest.mark.e2e


def test_broker_builds_an_analysis_saves_it_and_prints_it(page, login_as, console_errors):
    title = unique("Leerwerkbedrijf E2E")
    login_as("makelaar-haarlem")

    page.goto("/financiering/mkba/")
    page.get_by_role("link", name="Nieuwe MKBA-analyse").click()
    page.wait_for_url("**/financiering/mkba/nieuw/")
    page.locator("#id_organisation").select_option(label="Gemeente Haarlem")
    page.locator("#id_title").fill(title)
    page.locator("#id_kind").select_option("key_figures")
    page.locator("#id_costs").fill("20000")

    page.locator("#id_indicators-0-name").fill("Jongeren uit de bijstand")
    page.locator("#id_indicators-0-beneficiary").select_option("social_assistance")
    page.locator("#id_indicators-0-count").fill("2")
    page.locator("#id_indicators-0-value_per_case").fill("17500")
    page.locator("#id_indicators-0-deadweight").fill("0,9")
    page.locator("#id_indicators-0-attribution").fill("0,2")
    # The sum above 1 shows next to the field while typing, without saving.
    expect(page.locator("#id_indicators-0-substitution_error")).to_contain_text("niet meer dan 1")
    page.locator("#id_indicators-0-deadweight").fill("0,3")
    expect(page.locator("#id_indicators-0-substitution_error")).to_be_empty()
    # 2 × 17,500 × (1 − 0.5) = 17,500 net impact, all in the short term.
    expect(page.locator("#mkba-figures")).to_contain_text("€ 17.500,00")
    expect(page.locator("#mkba-figures")).to_contain_text("€ 35.000,00")
    expect(page.locator("#mkba-results canvas")).to_be_visible()
    shoot(page, "mkba-calculator")

    page.locator("#id_steps-0-activity").fill("Leerwerkplek met jobcoach")
    page.locator("#id_steps-0-change").fill("Werkritme en vakmanschap")
    page.locator("#id_assumptions-0-text").fill("Een bijstandsuitkering kost € 17.500 per jaar")
    page.locator("#id_assumptions-0-source").fill("Landelijke kengetallen")
    page.locator("main form#mkba-form button[type=submit]").click()
    page.wait_for_url("**/financiering/mkba/*/")
    expect(page.locator("h1")).to_have_text(title)
    analysis = MkbaAnalysis.objects.get(title=title)
    assert analysis.indicators.count() == 1 and analysis.result.total_impact == 17500
    expect(page.locator("#mkba-figures")).to_contain_text("€ 17.500,00")
    expect(page.get_by_test_id("mkba-kind")).to_have_text("Kengetallen-MKBA")
    expect(page.locator("#mkba-assumptions")).to_contain_text("Landelijke kengetallen")
    shoot(page, "mkba-detail")

    href = page.locator("#mkba-pdf-link").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    assert console_errors == []
