"""Outcome contracts, the journey of issue 11 part 2: the provider's entrepreneur claims achieved
outcomes on Haarlem's demo outcome contract, Haarlem's broker verifies the claim and pays it, and
the statement counts the payment."""

import datetime as dt
import random
import re

import pytest
from playwright.sync_api import expect

from financing.models import OutcomeClaim, OutcomeContract, OutcomePayment

from .conftest import shoot

pytestmark = pytest.mark.e2e


def test_entrepreneur_claims_broker_verifies_and_pays(page, login_as, console_errors):
    contract = OutcomeContract.objects.get(reference="DEMO-UC-HLM-01")
    metric = contract.metrics.get(name="Startkwalificatie behaald")
    # A one-day period no claim of the metric covers yet (claims over overlapping periods are
    # refused), already over (a claim is for a period that has ended) and within the contract.
    last = min(dt.date.today() - dt.timedelta(days=1), contract.end_date or dt.date.today())
    claimed = list(metric.claims.values_list("period_start", "period_end"))
    days = [contract.start_date + dt.timedelta(days=n) for n in range((last - contract.start_date).days + 1)]
    day = random.choice([d for d in days if not any(start <= d <= end for start, end in claimed)])

    login_as("ondernemer-1")
    page.goto("/financiering/uitkomstcontracten/")
    page.get_by_role("link", name=contract.title).click()
    page.wait_for_url(f"**/financiering/uitkomstcontracten/{contract.pk}/")
    page.locator("#claim-link").click()
    page.wait_for_url(re.compile(r".*/claims/nieuw/$"))
    page.locator("#id_metric").select_option(label="Startkwalificatie behaald")
    page.locator("#id_period_start").fill(day.isoformat())
    page.locator("#id_period_end").fill(day.isoformat())
    page.locator("#id_claimed_count").fill("2")
    page.locator("#id_note").fill("Twee deelnemers haalden hun mbo-2-diploma.")
    shoot(page, "outcomes-claim-form")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/uitkomstclaims/\d+/$"))
    expect(page.locator("#claim-status")).to_have_text("ingediend")
    claim = OutcomeClaim.objects.get(contract=contract, period_start=day)
    assert claim.submitted_by.username == "ondernemer-1"
    expect(page.locator("#verify")).to_have_count(0)  # the entrepreneur cannot verify

    login_as("makelaar-haarlem")
    page.goto(f"/financiering/uitkomstclaims/{claim.pk}/")
    expect(page.locator("#id_accepted_count")).to_have_value("2")
    page.locator("#verify button[type=submit]").click()
    page.wait_for_url(f"**/uitkomstclaims/{claim.pk}/")
    expect(page.locator("#claim-status")).to_have_text("volledig geaccepteerd")
    page.locator("#pay-button").click()
    page.wait_for_url(f"**/uitkomstclaims/{claim.pk}/")
    expect(page.locator("#claim-status")).to_have_text("betaald")
    expect(page.locator("#payment")).to_contain_text("5.000,00")
    assert OutcomePayment.objects.filter(claim=claim).count() == 1
    shoot(page, "outcomes-claim-paid")

    page.goto(f"/financiering/uitkomstcontracten/{contract.pk}/overzicht/")
    expect(page.locator("#statement")).to_contain_text("Startkwalificatie behaald")
    expect(page.locator("#outcome-chart")).to_be_visible()
    assert not console_errors
