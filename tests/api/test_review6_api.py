"""API review 6: a reply posted with a field the endpoint does not know was stored as a message to
the entrepreneur (the sender meant an internal note); malformed JSON answered with the parser's
English; an address the API does not have answered an HTML page."""

import pytest

from brokers.helpdesk import services as helpdesk
from brokers.models import CaseMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(haarlem, enterprise_haarlem, ondernemer_1):
    return helpdesk.case_submit(submitter=ondernemer_1, enterprise=enterprise_haarlem, organisation=None,
                                category="financing", subject="Lening", description="Wij zoeken een lening.")


def test_a_reply_with_an_unknown_field_is_refused_and_nothing_is_stored(api, broker_haarlem, case):
    url = f"/api/v1/helpdesk/cases/{case.pk}/messages/"
    before = CaseMessage.objects.count()
    response = api(broker_haarlem).post(url, {"body": "Alleen voor collega's", "internal": True}, format="json")
    assert response.status_code == 400
    assert "is_internal" in response.json()["internal"][0]  # names the field it does know
    assert CaseMessage.objects.count() == before
    note = api(broker_haarlem).post(url, {"body": "Alleen voor collega's", "is_internal": True}, format="json")
    assert note.status_code == 201 and note.json()["is_internal"] is True


def test_malformed_json_is_explained_in_the_request_language(api, broker_haarlem):
    client = api(broker_haarlem)
    dutch = client.post("/api/v1/contact-moments/", "{bad", content_type="application/json",
                        HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch.status_code == 400
    assert dutch.json()["detail"] == "De inhoud van het verzoek is geen geldige JSON (regel 1, teken 2)."
    english = client.post("/api/v1/contact-moments/", "{bad", content_type="application/json",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"] == "The request body is not valid JSON (line 1, character 2)."


def test_an_address_the_api_does_not_have_answers_json(api, broker_haarlem, client):
    response = api(broker_haarlem).get("/api/v1/bestaat-niet/")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert "/api/v1/" in response.json()["detail"]
    assert client.get("/bestaat-niet/")["Content-Type"].startswith("text/html")  # pages stay pages


def test_spending_cannot_link_another_municipalitys_private_contract(api, haarlem, amersfoort, region,
                                                                    broker_haarlem):
    from brokers.models import Spending
    from tests.procurement import factories as procurement

    rules = procurement.rule_set(region=region, name="Regeling ZKIJ")
    theirs = procurement.contract(organisation=amersfoort, title="Groen onderhoud",
                                  rule_set=procurement.rule_set(organisation=amersfoort, name="Regeling Amersfoort"))
    ours = procurement.contract(organisation=haarlem, title="Schoonmaak", rule_set=rules)
    body = {"organisation": "haarlem", "kind": "spending", "date": "2025-04-01", "description": "Advies",
            "amount": "50", "link_model": "procurement.contract"}
    client = api(broker_haarlem)
    refused = client.post("/api/v1/brokers/spending/", {**body, "link_id": theirs.pk}, format="json")
    missing = client.post("/api/v1/brokers/spending/", {**body, "link_id": 99999999}, format="json")
    assert refused.status_code == missing.status_code == 400
    assert refused.json()["link_id"] == missing.json()["link_id"]  # no hint that Amersfoort's contract exists
    assert not Spending.objects.exists()
    assert client.post("/api/v1/brokers/spending/", {**body, "link_id": ours.pk}, format="json").status_code == 201


def test_the_inbox_export_names_the_category_column_as_what_it_holds(login, broker_haarlem, case):
    from django.urls import reverse

    header = login(broker_haarlem).get(reverse("helpdesk:inbox") + "?_export=csv").content.decode("utf-8-sig")
    columns = header.splitlines()[0].split(";")
    assert "Soort vraag" in columns and "Onderwerp" not in columns and "Vraag" in columns


def test_without_credentials_private_lists_ask_to_sign_in_and_public_ones_answer(client):
    """A client that forgot its token got an empty list of helpdesk cases, as if there were none."""
    for url in ("/api/v1/helpdesk/cases/", "/api/v1/brokers/spending/", "/api/v1/procurement/payments/"):
        response = client.get(url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"].startswith("Token"), url
    wrong_scheme = client.get("/api/v1/helpdesk/cases/", HTTP_AUTHORIZATION="Bearer abc")
    assert wrong_scheme.status_code == 401
    assert client.get("/api/v1/enterprises/").status_code == 200  # the showcase's rows are public


@pytest.mark.parametrize("body", [
    {"indicators": [], "kind": [1]},
    {"indicators": [], "kind": {"x": 1}},
    {"indicators": [{"name": "Banen", "count": 1, "value_per_case": 1, "beneficiary": ["x"]}]},
    [1, 2],
    "tekst",
])
def test_the_mkba_calculator_answers_bad_shapes_with_field_errors(api, broker_haarlem, body):
    """A list or an object where a code was expected answered 500 (unhashable type: 'list')."""
    response = api(broker_haarlem).post("/api/v1/financing/mkba/", body, format="json")
    assert response.status_code == 400, response.content
