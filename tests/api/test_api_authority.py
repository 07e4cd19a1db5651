"""Owners in a write body (``OwnerSlugField``) and the toolbox answers: the authority decision
comes before body validation. An organisation the caller can see but may not act for is 403
whatever else the body holds; an unknown one is a plain field error that names nothing internal."""

import pytest

from brokers.models import Answer, Spending
from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from procurement.models import Contract

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/procurement/contracts/", "/api/v1/brokers/spending/"])
def test_a_visible_organisation_the_user_may_not_act_for_is_403(api, inkoper_haarlem, haarlem, url):
    response = api(inkoper_haarlem).post(url, {"organisation": "haarlem", "title": ""}, format="json")
    assert response.status_code == 403
    assert not Contract.objects.exists() and not Spending.objects.exists()


def test_an_unknown_organisation_is_a_plain_field_error(api, broker_haarlem):
    response = api(broker_haarlem).post("/api/v1/procurement/contracts/", {"organisation": "nergens"}, format="json")
    assert response.status_code == 400
    assert response.json()["organisation"] == ["Onbekende organisatie 'nergens'."]
    assert not Contract.objects.exists()


def test_an_entrepreneur_may_move_the_enterprise_as_the_web_form_allows(api, ondernemer_1, enterprise_haarlem,
                                                                        amersfoort):
    """The enterprise moves with its address (the web form offers every municipality to its
    entrepreneur); an admitted one goes back to review, as through the form."""
    Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(admission_status=AdmissionStatus.ADMITTED)
    url = f"/api/v1/enterprises/{enterprise_haarlem.pk}/"
    moved = api(ondernemer_1).patch(url, {"municipality": "amersfoort", "confirm_review": True}, format="json")
    assert moved.status_code == 200, moved.json()
    enterprise = Enterprise.objects.get(pk=enterprise_haarlem.pk)
    assert enterprise.municipality.slug == "amersfoort"
    assert enterprise.admission_status == AdmissionStatus.APPLIED
    # Keeping the municipality it has needs no right to assign one (a full PUT sends it).
    kept = api(ondernemer_1).patch(url, {"municipality": "amersfoort", "city": "Amersfoort"}, format="json")
    assert kept.status_code == 200, kept.json()


def test_an_entrepreneur_may_not_create_an_enterprise_under_any_municipality(api, ondernemer_1, amersfoort):
    response = api(ondernemer_1).post("/api/v1/enterprises/", {"name": "Nieuw", "municipality": "amersfoort"},
                                      format="json")
    assert response.status_code in (403, 404)
    assert not Enterprise.objects.filter(name="Nieuw").exists()


@pytest.mark.parametrize("actor", ["ondernemer_1", "stuurgroep", "inkoper_haarlem"])
def test_a_role_that_may_not_answer_the_toolbox_gets_403_first(request, api, actor):
    response = api(request.getfixturevalue(actor)).post("/api/v1/toolbox/answers/", {"question": 1, "value": "x"},
                                                        format="json")
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_a_broker_may_not_answer_for_another_organisation(api, broker_haarlem, amersfoort):
    client = api(broker_haarlem)
    refused = client.post("/api/v1/toolbox/answers/", {"question": 999999, "value": "x", "organisation": "amersfoort"},
                          format="json")
    assert refused.status_code == 403
    unknown = client.post("/api/v1/toolbox/answers/", {"question": 1, "value": "x", "organisation": "nergens"},
                          format="json")
    assert unknown.status_code == 400 and "nergens" in unknown.json()["organisation"][0]
    assert not Answer.objects.exists()
