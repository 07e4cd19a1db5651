"""SROI contracts (procurement issue): a broker records a contract (the rule set is pinned by
default), reports a realisation line (the fields of its kind appear once the block is chosen),
sees it valued and compares it side by side under the other rule sets, then verifies it."""

import pytest
from playwright.sync_api import expect

from procurement.constants import BlockKind, RealisationStatus
from procurement.models import Contract

from .conftest import new_contract, shoot, unique

pytestmark = pytest.mark.e2e


def test_broker_records_a_contract_reports_a_line_and_compares_rule_sets(page, login_as, console_errors):
    title = unique("Schoonmaak sporthal E2E")
    login_as("makelaar-haarlem")

    page.goto("/inkoop/contracten/nieuw/")
    expect(page.locator("main")).to_contain_text("Standaard")  # the default rule set is named up front
    new_contract(page, title)
    expect(page.locator("h1")).to_have_text(title)
    contract = Contract.objects.get(title=title)
    expect(page.locator("#figure-obligation")).to_contain_text(contract.obligation_explanation[:20])
    shoot(page, "contract-detail-new")

    page.get_by_role("link", name="Realisatie melden").first.click()
    page.wait_for_url("**/realisaties/nieuw/**")
    placement = contract.rule_set.blocks.filter(kind=BlockKind.PLACEMENT).first()
    page.locator("#block-choice #id_block").select_option(str(placement.pk))
    expect(page.locator("#id_fte")).to_be_visible()  # htmx swapped in the placement fields
    expect(page.locator("#id_hours")).to_have_count(0)
    page.locator("#id_date").fill("2025-03-01")
    page.locator("#id_fte").fill("0.8")
    page.locator("#id_months").fill("12")
    page.locator("#id_candidate_ref").fill("E2E-KAND-1")
    page.locator("#realisation-form button[type=submit]").click()
    page.wait_for_url(f"**/inkoop/contracten/{contract.pk}/")
    line = contract.realisations.get()
    assert line.value > 0 and line.status == RealisationStatus.SUBMITTED
    expect(page.locator("#realisation-lines")).to_contain_text(placement.name)
    expect(page.locator("#figure-reported")).not_to_contain_text("€ 0,00")

    page.get_by_role("link", name="Vergelijk regelingen").first.click()
    page.wait_for_url(f"**/inkoop/realisaties/{line.pk}/**")
    if page.locator("#side-by-side-table").count():
        table = page.locator("#side-by-side-table")
        expect(table).to_contain_text(str(contract.rule_set))
        expect(table).to_contain_text("dit contract")
        expect(page.locator("#side-by-side-chart")).to_be_visible()
    else:  # only the contract's own rule set applies on the date: said, not a table of one row
        expect(page.locator("#side-by-side-empty")).to_contain_text("niets om mee te vergelijken")
    shoot(page, "realisation-side-by-side")

    page.locator("#assess input[value=verify]").check()
    page.locator("#assess button[type=submit]").click()
    page.wait_for_url(f"**/inkoop/contracten/{contract.pk}/")
    contract.refresh_from_db()
    assert contract.realised == line.value
    expect(page.locator("#figure-realised")).not_to_contain_text("€ 0,00")
    assert console_errors == []
