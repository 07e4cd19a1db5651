"""What an outside API client found (nineteenth session): a PATCH of a verified realisation line
with only a read-only field (``{"status": "verified"}``, or ``{}``) was a correction of nothing
that took back the broker's verification and lowered what the contract realised. Unknown fields
are refused now, and so is a correction that changes nothing (on the page too)."""

import datetime as dt

import pytest
from django.urls import reverse

from procurement import services
from procurement.constants import RealisationStatus

from . import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified(haarlem, broker_haarlem, zkij_rules):
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, title="Schoonmaak")
    line = pf.realisation(contract, by=broker_haarlem)
    services.realisation_assess(realisation=line, by=broker_haarlem, verify=True, today=dt.date(2025, 6, 1))
    line.refresh_from_db()
    contract.refresh_from_db()
    return line, contract


@pytest.mark.parametrize("body", [{"status": "verified"}, {}, {"verified_at": None}], ids=["status", "empty", "ro"])
def test_a_patch_of_nothing_keeps_the_verification(body, verified, broker_haarlem, api):
    line, contract = verified
    realised = contract.realised
    response = api(broker_haarlem).patch(f"/api/v1/procurement/realisations/{line.pk}/", body, format="json")
    assert response.status_code == 400, response.content
    line.refresh_from_db()
    contract.refresh_from_db()
    assert line.status == RealisationStatus.VERIFIED and line.verified_at is not None
    assert contract.realised == realised > 0


def test_a_real_correction_still_goes_back_to_submitted(verified, broker_haarlem, api):
    line, _contract = verified
    response = api(broker_haarlem).patch(f"/api/v1/procurement/realisations/{line.pk}/",
                                         {"description": "Schoonmaak kantoor, gecorrigeerd"}, format="json")
    assert response.status_code == 200, response.content
    line.refresh_from_db()
    assert line.status == RealisationStatus.SUBMITTED and line.description == "Schoonmaak kantoor, gecorrigeerd"


def test_the_correction_form_saved_unchanged_keeps_the_verification(verified, broker_haarlem, login):
    from tests.browser_forms import form_of

    line, _contract = verified
    client = login(broker_haarlem)
    url = reverse("procurement:realisation-update", args=[line.pk])
    response = client.post(url, form_of(client.get(url)))
    assert response.status_code == 400 and "verandert niets aan de regel" in response.content.decode()
    line.refresh_from_db()
    assert line.status == RealisationStatus.VERIFIED


# --- a response's PATCH: the fields sent, and only known ones ---------------------------------------


def test_a_patch_of_a_response_changes_only_what_it_sends(haarlem, enterprise_haarlem, ondernemer_1, api):
    from .test_requests import admitted, purchase_request, response

    admitted(enterprise_haarlem)
    resp = response(purchase_request(haarlem), enterprise_haarlem, by=ondernemer_1)
    quote = resp.quote_amount
    url = f"/api/v1/procurement/responses/{resp.pk}/"
    client = api(ondernemer_1)
    changed = client.patch(url, {"message": "Levering binnen twee weken."}, format="json")
    assert changed.status_code == 200, changed.content
    resp.refresh_from_db()
    assert resp.message == "Levering binnen twee weken." and resp.quote_amount == quote
    for body in ({"quote_amount": "0"}, {"status": "awarded"}):
        assert client.patch(url, body, format="json").status_code == 400
    resp.refresh_from_db()
    assert resp.quote_amount == quote and resp.status == "submitted"


# --- the codes a supplier reports against ---------------------------------------------------------


def test_the_supplier_reads_the_codes_of_the_contracts_blocks(haarlem, broker_haarlem, zkij_rules, enterprise_haarlem,
                                                           ondernemer_1, broker_amersfoort, api):
    """A new line needs a block code, which the supplier could not find: the rule set answers them
    404. The contract's ``blocks/`` lists what its reporting form offers, and a line reported with
    one of them is taken."""
    from procurement.constants import BlockKind

    contract = pf.contract(organisation=haarlem, by=broker_haarlem, title="Groenonderhoud",
                           supplier=enterprise_haarlem)
    client = api(ondernemer_1)
    assert client.get(f"/api/v1/procurement/rule-sets/{contract.rule_set_id}/").status_code == 404
    response = client.get(f"/api/v1/procurement/contracts/{contract.pk}/blocks/")
    assert response.status_code == 200, response.content
    blocks = response.json()
    expected = contract.rule_set.blocks.exclude(kind=BlockKind.CERTIFICATE).order_by("order", "id")
    assert [b["code"] for b in blocks] == list(expected.values_list("code", flat=True)) != []
    assert {"code", "kind", "name", "value", "share", "max_years"} == set(blocks[0])
    assert api(broker_amersfoort).get(f"/api/v1/procurement/contracts/{contract.pk}/blocks/").status_code == 404
