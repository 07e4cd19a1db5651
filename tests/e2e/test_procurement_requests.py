"""Purchase requests, the journey of issue 16: an entrepreneur finds an open request on the
public list, signs in, responds with a quote, and the procurement colleague who posted it sees
the response."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from enterprises.models import OfferingCategory
from impactportal.accounts.models import Organisation, User
from procurement.models import PurchaseRequest, PurchaseResponse

from .conftest import shoot, unique

pytestmark = pytest.mark.e2e


def test_entrepreneur_responds_to_a_purchase_request(page, login_as, console_errors):
    title = unique("Schoonmaak sporthal")
    request = PurchaseRequest.objects.create(
        organisation=Organisation.objects.get(slug="haarlem"), title=title,
        description="Wekelijkse schoonmaak van de sporthal.", category=OfferingCategory.objects.get(slug="schoonmaak"),
        deadline=timezone.localdate() + dt.timedelta(days=20), posted_by=User.objects.get(username="inkoper-haarlem"))

    # The public list, without signing in.
    page.goto("/inkoop/inkoopvragen/")
    page.get_by_role("link", name=title).click()
    page.wait_for_url(f"**/inkoop/inkoopvragen/{request.pk}/")
    shoot(page, "requests-public-detail")
    page.locator("#login-to-respond").click()

    # Sign in through the real form; back on the request, respond with a quote.
    page.locator("#id_username").fill("ondernemer-1")
    page.locator("#id_password").fill("impactportal-demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/inkoop/inkoopvragen/{request.pk}/")
    page.locator("#respond-link").click()
    page.wait_for_url(re.compile(r".*/reageren/$"))
    page.locator("#id_quote_amount").fill("4250.00")
    page.locator("#id_message").fill("Wij maken de sporthal twee keer per week schoon.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/inkoop/inkoopvragen/{request.pk}/")
    expect(page.locator("#responses")).to_contain_text("4.250,00")
    assert PurchaseResponse.objects.filter(request=request, submitted_by__username="ondernemer-1").exists()

    # The colleague who posted it sees the response and can award it.
    login_as("inkoper-haarlem")
    page.goto(f"/inkoop/inkoopvragen/{request.pk}/")
    responses = page.locator("#responses")
    expect(responses).to_contain_text("4.250,00")
    expect(responses.get_by_role("button", name="Gunnen")).to_be_visible()
    shoot(page, "requests-poster-sees-response")
    assert not console_errors
