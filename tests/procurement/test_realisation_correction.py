"""Correcting a realisation line: the UI page and ``PATCH /api/v1/procurement/realisations/{id}/``.
The line is valued again, goes back to "submitted", the contract's totals follow, and the block
never changes."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from procurement import services
from procurement.constants import RealisationStatus
from procurement.models import Realisation

from . import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker(broker_haarlem):
    return broker_haarlem


@pytest.fixture
def contract(haarlem, broker, region, enterprise_haarlem):
    pf.rule_set(region=region, name="Regeling ZKIJ")
    return pf.contract(organisation=haarlem, by=broker, supplier=enterprise_haarlem)


@pytest.fixture
def line(contract, broker):
    return pf.realisation(contract, by=broker, fte=D("1"), months=D("12"), candidate_ref="KAND-001")


def test_page_corrects_and_revalues(client, broker, line):
    before = line.value
    client.force_login(broker)
    url = reverse("procurement:realisation-update", args=[line.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"date": "2025-03-01", "fte": "0.5", "months": "12", "candidate_ref": "KAND-001"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.fte == D("0.5")
    assert line.value == (before / 2).quantize(D("0.01"))
    line.contract.refresh_from_db()
    assert line.contract.reported == line.value


def test_page_shows_field_errors_and_changes_nothing(client, broker, line):
    client.force_login(broker)
    response = client.post(reverse("procurement:realisation-update", args=[line.pk]),
                           {"date": "2025-03-01", "fte": "9", "months": "12", "candidate_ref": "KAND-001"})
    assert response.status_code == 400
    assert response.context["form"].errors["fte"]
    assert Realisation.objects.get(pk=line.pk).fte == D("1")


def test_verified_line_corrected_by_broker_goes_back_to_submitted(broker, line):
    services.realisation_assess(realisation=line, by=broker, verify=True, today=dt.date(2025, 6, 1))
    line.contract.refresh_from_db()
    assert line.contract.realised == line.value
    services.realisation_update(realisation=line, by=broker, values={"months": D("6")}, today=dt.date(2025, 6, 1))
    line.refresh_from_db()
    line.contract.refresh_from_db()
    assert line.status == RealisationStatus.SUBMITTED and line.verified_by is None
    assert line.contract.realised == 0 and line.contract.reported == line.value


def test_api_patch_corrects(api, broker, line):
    client = api(broker)
    response = client.patch(f"/api/v1/procurement/realisations/{line.pk}/", {"months": "6"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["months"] == "6.00"
    assert D(response.json()["value"]) < line.value


@pytest.mark.parametrize("body, field", [
    ({"block": "kennisuren"}, "block"),  # another block: a new line, not a correction
    ({"hours": "3"}, "hours"),  # a field a placement does not take
    ({"fte": "-1"}, "fte"),
])
def test_api_patch_refuses_bad_input(api, broker, line, body, field):
    response = api(broker).patch(f"/api/v1/procurement/realisations/{line.pk}/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Realisation.objects.get(pk=line.pk).value == line.value


def test_closed_contract_refuses_corrections(broker, line):
    # A broker corrects even a verified line while the contract runs; once it is closed, nobody does.
    services.realisation_assess(realisation=line, by=broker, verify=True)
    services.contract_close(contract=line.contract, by=broker)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.realisation_update(realisation=line, by=broker, values={"months": D("6")})
