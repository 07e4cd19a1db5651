"""Review: the outcome contract form checked its maximum, provider and term against the claims and
payments without a lock, so a payment made while the form was open slipped past. The save is now
``services_outcomes.contract_update``, which locks the contract and checks again."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from financing import services_outcomes as services
from financing.forms.outcomes import OutcomeContractForm
from financing.models import OutcomeContract

from . import outcome_factories as of
from .test_outcomes import verified

pytestmark = pytest.mark.django_db


def _data(contract, **changes):
    return {"organisation": contract.organisation_id, "title": contract.title, "provider": contract.provider.kvk_number,
            "target_group": contract.target_group, "start_date": contract.start_date.isoformat(),
            "end_date": contract.end_date.isoformat(), "maximum": str(contract.maximum),
            "maximum_status": contract.maximum_status} | changes


@pytest.fixture
def contract(haarlem, enterprise_haarlem):
    return of.contract(haarlem, enterprise_haarlem, maximum="30000.00")


def test_a_stale_form_copy_below_a_payment_made_meanwhile_is_refused(contract, ondernemer_1, broker_haarlem):
    metric = of.metric(contract, price="5000.00", target=10)
    claim = verified(metric, ondernemer_1, broker_haarlem, 3)
    form = OutcomeContractForm(_data(contract, maximum="10000"), instance=contract, user=broker_haarlem)
    assert form.is_valid(), form.errors  # nothing paid yet when the form was checked
    services.claim_pay(claim=claim, by=broker_haarlem)  # € 15.000, paid meanwhile
    with pytest.raises(ValidationError) as refused:
        services.contract_update(contract=form.instance, by=broker_haarlem)
    assert "15.000,00" in str(refused.value.message_dict["maximum"])
    assert OutcomeContract.objects.get(pk=contract.pk).maximum == D("30000.00")


def test_a_claim_submitted_meanwhile_keeps_its_provider_and_period(contract, haarlem, enterprise_haarlem, ondernemer_1,
                                                                  broker_haarlem):
    from tests import factories as f

    metric = of.metric(contract, price="5000.00", target=10)
    other = f.EnterpriseFactory(municipality=haarlem)
    form = OutcomeContractForm(_data(contract, provider=other.kvk_number, start_date="2025-06-01"),
                               instance=contract, user=broker_haarlem)
    assert form.is_valid(), form.errors
    verified(metric, ondernemer_1, broker_haarlem, 2, month=2)  # a claim over February, meanwhile
    with pytest.raises(ValidationError) as refused:
        services.contract_update(contract=form.instance, by=broker_haarlem)
    assert {"provider", "start_date"} <= set(refused.value.message_dict)
    assert OutcomeContract.objects.get(pk=contract.pk).provider_id == enterprise_haarlem.pk


def test_the_page_saves_through_the_service_and_shows_its_refusal(login, contract, ondernemer_1, broker_haarlem,
                                                                  monkeypatch):
    """The form's own check is left out (as when it ran before the payment): the page still refuses."""
    import financing.forms.outcomes as forms

    metric = of.metric(contract, price="5000.00", target=10)
    services.claim_pay(claim=verified(metric, ondernemer_1, broker_haarlem, 3), by=broker_haarlem)
    monkeypatch.setattr(forms, "contract_errors", lambda **kwargs: {})
    url = reverse("financing:outcome-contract-update", args=[contract.pk])
    client = login(broker_haarlem)
    response = client.post(url, _data(contract, maximum="10000"))
    assert response.status_code in (200, 400)
    assert "15.000,00" in str(response.context["form"].errors["maximum"])
    assert OutcomeContract.objects.get(pk=contract.pk).maximum == D("30000.00")
    response = client.post(url, _data(contract, maximum="20000", title="Nieuwe titel"))
    assert response.status_code == 302
    stored = OutcomeContract.objects.get(pk=contract.pk)
    assert (stored.maximum, stored.title) == (D("20000.00"), "Nieuwe titel")


def test_only_who_may_change_the_contract_saves_it(contract, broker_amersfoort):
    from django.http import Http404

    contract.maximum = D("1")
    with pytest.raises(Http404):
        services.contract_update(contract=contract, by=broker_amersfoort)
    assert OutcomeContract.objects.get(pk=contract.pk).maximum == D("30000.00")
