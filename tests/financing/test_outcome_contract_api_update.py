"""PATCH and PUT of an outcome contract in the API (``/api/v1/financing/outcome-contracts/{id}/``).
The page saved a change through ``services_outcomes.contract_update`` (the row locked, the claims
and payments asked again); the API had no update at all. It now saves through the same service,
under the page's policy: 404 outside the view scope, 403 for who may see but not change."""

from decimal import Decimal as D

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from financing import services_outcomes as services
from financing.models import OutcomeContract
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership
from tests import factories as f
from tests.api_keys import api_key_for

from . import outcome_factories as of
from .test_outcomes import verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(haarlem, enterprise_haarlem):
    return of.contract(haarlem, enterprise_haarlem, maximum="30000.00")


def _url(contract):
    return reverse("financing-outcome-contracts-detail", args=[contract.pk])


def _stored(contract):
    return OutcomeContract.objects.get(pk=contract.pk)


def _paid(contract, ondernemer, broker, count=3):
    """A claim of ``count`` × € 5.000, verified and paid."""
    metric = of.metric(contract, price="5000.00", target=10)
    services.claim_pay(claim=verified(metric, ondernemer, broker, count), by=broker)
    return metric


def test_a_patch_changes_the_title_and_is_audited(contract, broker_haarlem):
    client = APIClient()  # with a real key: the audit log's actor comes from its sign-in (audit.name_actor)
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(broker_haarlem)}")
    response = client.patch(_url(contract), {"title": "Werkfit 2.0"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["title"] == "Werkfit 2.0" and response.json()["paid_total"] == "0.00"
    stored = _stored(contract)
    assert (stored.title, stored.maximum) == ("Werkfit 2.0", D("30000.00"))
    entry = LogEntry.objects.get_for_object(stored).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == broker_haarlem and entry.changes_dict["title"] == ["Duurzaam aan het werk", "Werkfit 2.0"]


def test_a_put_replaces_the_contract(api, contract, broker_haarlem, enterprise_haarlem):
    body = {"title": "Werkfit", "provider": enterprise_haarlem.pk, "target_group": "Statushouders",
            "start_date": "2025-01-01", "end_date": "2028-06-30", "maximum": "45000.00",
            "description": "Begeleiding naar werk", "maximum_status": "PRIVATE"}
    response = api(broker_haarlem).put(_url(contract), body, format="json")
    assert response.status_code == 200, response.content
    assert {k: response.json()[k] for k in ("description", "maximum_status", "maximum")} == {
        "description": "Begeleiding naar werk", "maximum_status": "PRIVATE", "maximum": "45000.00"}
    stored = _stored(contract)
    assert (stored.title, stored.target_group, stored.maximum, str(stored.end_date)) == (
        "Werkfit", "Statushouders", D("45000.00"), "2028-06-30")


def test_a_maximum_below_what_was_paid_is_refused_on_maximum(api, contract, ondernemer_1, broker_haarlem):
    _paid(contract, ondernemer_1, broker_haarlem)  # € 15.000 paid
    response = api(broker_haarlem).patch(_url(contract), {"maximum": "10000.00", "title": "Nieuw"}, format="json")
    assert response.status_code == 400
    assert "15.000,00" in response.json()["maximum"][0]
    assert (_stored(contract).maximum, _stored(contract).title) == (D("30000.00"), "Duurzaam aan het werk")
    # In the request's language, and a maximum at what was paid is fine.
    response = api(broker_haarlem).patch(_url(contract), {"maximum": "10000.00"}, format="json",
                                         HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400 and "has already been paid" in response.json()["maximum"][0]
    assert api(broker_haarlem).patch(_url(contract), {"maximum": "15000.00"}, format="json").status_code == 200
    assert _stored(contract).maximum == D("15000.00")


def test_the_provider_stays_once_it_claimed(api, contract, haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem):
    metric = of.metric(contract, price="5000.00", target=10)
    verified(metric, ondernemer_1, broker_haarlem, 2)
    other = f.EnterpriseFactory(municipality=haarlem)
    response = api(broker_haarlem).patch(_url(contract), {"provider": other.pk}, format="json")
    assert response.status_code == 400
    assert "provider" in response.json() and "aanbieder" in response.json()["provider"][0]
    assert _stored(contract).provider_id == enterprise_haarlem.pk


def test_the_term_covers_the_periods_claimed(api, contract, ondernemer_1, broker_haarlem):
    metric = of.metric(contract, price="5000.00", target=10)
    verified(metric, ondernemer_1, broker_haarlem, 2, month=2)
    response = api(broker_haarlem).patch(_url(contract), {"start_date": "2025-03-01"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["start_date"]
    assert str(_stored(contract).start_date) == "2025-01-01"


def test_an_end_before_the_start_is_a_field_error(api, contract, broker_haarlem):
    response = api(broker_haarlem).patch(_url(contract), {"end_date": "2024-12-31"}, format="json")
    assert response.status_code == 400 and "end_date" in response.json()
    assert str(_stored(contract).end_date) == "2027-12-31"


def test_the_commissioner_does_not_move(api, contract, broker_haarlem):
    """``organisation`` is read-only: another one is refused (not silently ignored); the contract's
    own, as a GET answered it, may be sent back."""
    url = _url(contract)
    response = api(broker_haarlem).patch(url, {"organisation": "amersfoort", "title": "Nieuw"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["organisation"]
    assert api(broker_haarlem).patch(url, {"organisation": "haarlem", "title": "Nieuw"}, format="json").status_code == 200
    assert (_stored(contract).organisation.slug, _stored(contract).title) == ("haarlem", "Nieuw")


def test_a_user_of_another_municipality_gets_404(api, contract, broker_amersfoort):
    for call in (api(broker_amersfoort).patch, api(broker_amersfoort).put):
        response = call(_url(contract), {"title": "Gekaapt", "maximum": "1.00"}, format="json")
        assert response.status_code == 404
    assert api(broker_amersfoort).delete(_url(contract)).status_code == 404  # no 405 that says it exists
    assert _stored(contract).title == "Duurzaam aan het werk"


def test_the_provider_may_see_but_not_change_it(api, contract, ondernemer_1):
    assert api(ondernemer_1).get(_url(contract)).status_code == 200
    for call in (api(ondernemer_1).patch, api(ondernemer_1).put):
        assert call(_url(contract), {"title": "Gekaapt"}, format="json").status_code == 403
    assert _stored(contract).title == "Duurzaam aan het werk"


@pytest.mark.parametrize("who, status", [
    ("broker_haarlem", 200), ("broker_amersfoort", 404), ("inkoper_haarlem", 404), ("ondernemer_1", 403),
    ("ondernemer_2", 404), ("stuurgroep", 404), ("partner_haarlem", 404), ("admin", 200), (None, 401),
])
def test_every_role(request, api, contract, who, status):
    """The page's policy, per role: the commissioner's brokers change; the provider sees (403);
    everyone else finds nothing (404); without credentials 401."""
    user = (f.UserFactory(username="beheerder", is_superuser=True) if who == "admin"
            else request.getfixturevalue(who) if who else None)
    response = api(user).patch(_url(contract), {"title": "Nieuwe titel"}, format="json")
    assert response.status_code == status
    assert (_stored(contract).title == "Nieuwe titel") == (status == 200)


def test_a_patch_keeps_a_field_another_client_changed_meanwhile(api, contract, broker_haarlem, monkeypatch):
    """Two clients PATCH different fields of one contract at once: the later save keeps the other's
    change (the fields sent are set on the row as it is when locked, not on the copy read before)."""
    from financing.api import outcomes as api_outcomes

    validate = api_outcomes.OutcomeContractChangeSerializer.is_valid

    def meanwhile(self, *args, **kwargs):
        valid = validate(self, *args, **kwargs)
        OutcomeContract.objects.filter(pk=contract.pk).update(reference="ZK-2026-17")  # the other client
        return valid

    monkeypatch.setattr(api_outcomes.OutcomeContractChangeSerializer, "is_valid", meanwhile)
    response = api(broker_haarlem).patch(_url(contract), {"title": "Werkfit 2.0"}, format="json")
    assert response.status_code == 200, response.content
    stored = _stored(contract)
    assert (stored.title, stored.reference) == ("Werkfit 2.0", "ZK-2026-17")


def test_the_provider_stays_after_a_rejected_claim_too(api, contract, haarlem, enterprise_haarlem, ondernemer_1,
                                                      broker_haarlem):
    """A contract's claims, rejected ones too (their note, reason and evidence), are read by its
    provider: another provider would read the first one's, and the first would lose its own."""
    metric = of.metric(contract, price="5000.00", target=10)
    claim = verified(metric, ondernemer_1, broker_haarlem, 2, accepted=0, reason="Bewijs onvolledig")
    other = f.EnterpriseFactory(municipality=haarlem)
    response = api(broker_haarlem).patch(_url(contract), {"provider": other.pk}, format="json")
    assert response.status_code == 400 and "provider" in response.json()
    assert _stored(contract).provider_id == enterprise_haarlem.pk
    other_user = f.entrepreneur(other, "ondernemer-ander")
    assert api(other_user).get(reverse("financing-claims-detail", args=[claim.pk])).status_code == 404
    assert api(ondernemer_1).get(reverse("financing-claims-detail", args=[claim.pk])).status_code == 200


def test_the_commissioner_stays_on_the_page_as_in_the_api(api, login, contract, haarlem, amersfoort, ondernemer_1,
                                                          broker_haarlem):
    """A broker of two organisations was offered both as the commissioner of a paid contract on its
    edit page (the API refused it): the payments would have read as the other one's."""
    _paid(contract, ondernemer_1, broker_haarlem)
    both = f.broker(haarlem, "makelaar-twee-gemeenten")
    Membership.objects.create(user=both, role=Role.BROKER, organisation=amersfoort)
    assert api(both).patch(_url(contract), {"organisation": amersfoort.slug}, format="json").status_code == 400
    client = login(both)
    url = reverse("financing:outcome-contract-update", args=[contract.pk])
    page = client.get(url)
    assert page.context["form"].fields["organisation"].disabled
    stored = _stored(contract)
    response = client.post(url, {
        "organisation": amersfoort.pk, "title": "Werkfit, verhuisd", "provider": stored.provider.kvk_number,
        "target_group": stored.target_group, "start_date": stored.start_date.isoformat(),
        "end_date": stored.end_date.isoformat(), "maximum": "30000,00", "maximum_status": stored.maximum_status})
    assert response.status_code == 302  # the other fields are saved; the commissioner is not the form's to change
    stored = _stored(contract)
    assert (stored.organisation_id, stored.title) == (haarlem.pk, "Werkfit, verhuisd")


def test_the_service_refuses_another_commissioner(contract, amersfoort, broker_haarlem):
    changed = _stored(contract)
    changed.organisation = amersfoort
    with pytest.raises(ValidationError) as refused:
        services.contract_update(contract=changed, by=broker_haarlem)
    assert "organisation" in refused.value.message_dict
    assert _stored(contract).organisation_id == contract.organisation_id
