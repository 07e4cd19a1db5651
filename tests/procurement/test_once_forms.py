"""A realisation line, a challenge entry, a quote and a rule set's new version are sent once
(``impactportal.ui.once``): Back and the button again shows what the first POST made."""

import pytest
from django.urls import reverse

from procurement.constants import ChallengePhase
from procurement.models import PurchaseResponse, RuleSet, Submission
from tests.core.test_form_once import ALREADY, messages_of, token_of

from . import factories as pf
from .builders_requests import admitted, challenge, purchase_request

pytestmark = pytest.mark.django_db


def twice(client, url, data):
    """Send ``data`` twice; the second answer."""
    first = client.post(url, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    again = client.post(url, data)
    assert again.status_code == 302 and ALREADY in messages_of(again)
    return first, again


def test_a_realisation_line_is_reported_once(login, broker_haarlem, contract):
    client = login(broker_haarlem)
    block = pf.block(contract, "participatiewet-kort")
    url = reverse("procurement:realisation-create", args=[contract.pk])
    data = {"block": block.pk, "date": "2025-03-01", "fte": "0.8", "months": "12", "candidate_ref": "KAND-014",
            "_form_token": token_of(client.get(url, {"block": block.pk}))}
    wrong = client.post(url, {**data, "fte": ""})
    assert wrong.status_code == 400 and token_of(wrong) == data["_form_token"]
    first, again = twice(client, url, data)
    assert again.url == first.url == contract.get_absolute_url()
    assert contract.realisations.count() == 1  # not a second line behind "Mogelijk dubbel gemeld"


def test_a_challenge_entry_and_a_quote_are_sent_once(login, haarlem, enterprise_haarlem, ondernemer_1):
    client = login(ondernemer_1)
    c = challenge(haarlem, phase=ChallengePhase.SUBMISSIONS)
    url = reverse("procurement:challenge-submit", args=[c.pk])
    twice(client, url, {"enterprise": enterprise_haarlem.pk, "title": "Plan", "summary": "Zo doen we het",
                        "_form_token": token_of(client.get(url))})
    assert Submission.objects.count() == 1

    admitted(enterprise_haarlem)
    req = purchase_request(haarlem)
    url = reverse("procurement:request-respond", args=[req.pk])
    twice(client, url, {"enterprise": enterprise_haarlem.pk, "quote_amount": "1200.00", "message": "Graag",
                        "_form_token": token_of(client.get(url))})
    assert PurchaseResponse.objects.count() == 1


def test_a_new_version_is_made_once(login, broker_haarlem, zkij_rules):
    client = login(broker_haarlem)
    url = reverse("procurement:rule-set-new-version", args=[zkij_rules.pk])
    data = {"valid_from": "2026-01-01", "valid_until": "", "notes": "Nieuwe bedragen",
            "_form_token": token_of(client.get(url))}
    wrong = client.post(url, {**data, "valid_until": "2025-01-01"})
    assert wrong.status_code == 400 and token_of(wrong) == data["_form_token"]
    first, again = twice(client, url, data)
    assert again.url == first.url
    assert RuleSet.objects.filter(name=zkij_rules.name).count() == 2  # the original and one new version
