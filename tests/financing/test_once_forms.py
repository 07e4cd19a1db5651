"""A new MKBA analysis, outcome metric and claim are sent once (``impactportal.ui.once``): Back
and Opslaan again shows what the first POST made instead of a second analysis or a refusal."""

import datetime as dt

import pytest
from django.urls import reverse

from financing.models import MkbaAnalysis, OutcomeClaim, OutcomeMetric
from tests.core.test_form_once import ALREADY, messages_of, token_of

from . import outcome_factories as of
from .test_mkba_views import form_data

pytestmark = pytest.mark.django_db


def test_a_new_analysis_is_saved_once(login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    url = reverse("financing:mkba-create")
    data = form_data(organisation=haarlem.pk, _form_token=token_of(client.get(url)))
    wrong = client.post(url, {**data, "title": ""})
    assert wrong.status_code == 400 and token_of(wrong) == data["_form_token"]
    first = client.post(url, data)
    analysis = MkbaAnalysis.objects.get()
    assert first.status_code == 302
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == analysis.get_absolute_url() and ALREADY in messages_of(again)
    assert MkbaAnalysis.objects.count() == 1
    # Changing an analysis is no "create": its form carries no token.
    assert "_form_token" not in client.get(reverse("financing:mkba-update", args=[analysis.pk])).content.decode()


@pytest.fixture
def contract(haarlem, enterprise_haarlem):
    return of.contract(haarlem, enterprise_haarlem, end_date=dt.date.today() + dt.timedelta(days=400))


def test_a_metric_and_a_claim_are_sent_once(login, contract, broker_haarlem, ondernemer_1):
    client = login(broker_haarlem)
    url = reverse("financing:outcome-metric-create", args=[contract.pk])
    data = {"name": "Uitstroom naar werk", "definition": "Zes maanden werk.", "unit": "persoon", "price": "5000",
            "price_status": "PUBLIC", "target": "10", "cap": "", "validation_method": "Controle",
            "data_source": "Gemeente", "order": "0", "_form_token": token_of(client.get(url))}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == contract.get_absolute_url() and ALREADY in messages_of(again)
    metric = OutcomeMetric.objects.get(contract=contract)

    client = login(ondernemer_1)
    url = reverse("financing:claim-create", args=[contract.pk])
    data = {"metric": metric.pk, "period_start": "2025-01-01", "period_end": "2025-03-31", "claimed_count": "4",
            "_form_token": token_of(client.get(url))}
    assert client.post(url, data).status_code == 302
    claim = OutcomeClaim.objects.get()
    again = client.post(url, data)  # was: 400, "er is al een claim"
    assert again.status_code == 302 and again.url == claim.get_absolute_url() and ALREADY in messages_of(again)
    assert OutcomeClaim.objects.count() == 1
