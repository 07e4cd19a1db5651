"""``/api/v1/helpdesk/cases/`` and ``/api/v1/knowledge/instruments/``."""

import pytest

from brokers.helpdesk import services
from brokers.models import Case

pytestmark = pytest.mark.django_db
CASES = "/api/v1/helpdesk/cases/"


def test_entrepreneur_files_and_follows_a_case(api, ondernemer_1, enterprise_haarlem, broker_haarlem):
    client = api(ondernemer_1)
    response = client.post(CASES, {"enterprise": enterprise_haarlem.pk, "category": "impact",
                                   "subject": "Impact meten", "description": "Hoe?"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["organisation"] == "haarlem" and body["status"] == "new"
    assert body["submitter"] and "@" not in body["submitter"]  # a name, never an address
    case_id = body["id"]
    staff = api(broker_haarlem)
    assert staff.post(f"{CASES}{case_id}/messages/", {"body": "Notitie", "is_internal": True},
                      format="json").status_code == 201
    assert staff.post(f"{CASES}{case_id}/messages/", {"body": "Antwoord"}, format="json").status_code == 201
    assert [m["body"] for m in client.get(f"{CASES}{case_id}/messages/").json()] == ["Antwoord"]
    assert [m["body"] for m in staff.get(f"{CASES}{case_id}/messages/").json()] == ["Notitie", "Antwoord"]
    assert client.post(f"{CASES}{case_id}/rate/", {"rating": 5}, format="json").status_code == 400
    assert staff.post(f"{CASES}{case_id}/status/", {"status": "resolved"}, format="json").json()["status"] == "resolved"
    rated = client.post(f"{CASES}{case_id}/rate/", {"rating": 5, "comment": "Top"}, format="json")
    assert rated.status_code == 200 and rated.json()["rating"] == 5
    reopened = client.post(f"{CASES}{case_id}/reopen/", {"reason": "Nog een vraag"}, format="json")
    assert reopened.status_code == 200 and reopened.json()["status"] == "in_progress"


def test_broker_assigns_and_refers_through_the_api(api, case_haarlem, broker_haarlem, broker_amersfoort):
    staff = api(broker_haarlem)
    response = staff.post(f"{CASES}{case_haarlem.pk}/assign/", {"assignee": broker_haarlem.pk}, format="json")
    assert response.status_code == 200
    assert response.json()["assigned_to"] and "@" not in response.json()["assigned_to"]
    refused = staff.post(f"{CASES}{case_haarlem.pk}/assign/", {"assignee": broker_amersfoort.pk}, format="json")
    assert refused.status_code == 400 and "assigned_to" in refused.json()
    referred = staff.post(f"{CASES}{case_haarlem.pk}/refer/", {"department": "inkoop"}, format="json")
    assert referred.status_code == 200 and referred.json()["referred_department"] == "inkoop"
    filtered = staff.get(CASES, {"status": "referred"}).json()["results"]
    assert [c["id"] for c in filtered] == [case_haarlem.pk]


@pytest.mark.parametrize("payload, field", [
    ({"category": "nope", "subject": "x", "description": "y", "organisation": "haarlem"}, "category"),
    ({"category": "other", "description": "y", "organisation": "haarlem"}, "subject"),
    ({"category": "other", "subject": "x", "description": "y", "organisation": "nergens"}, "organisation"),
    ({"category": "other", "subject": "x", "description": "y"}, "organisation"),
    ({"category": "other", "subject": "x" * 300, "description": "y", "organisation": "haarlem"}, "subject"),
    ({"category": ["other"], "subject": {"a": 1}, "description": "y", "organisation": "haarlem"}, "subject"),
])
def test_bad_case_input_gives_field_errors(api, ondernemer_1, haarlem, payload, field):
    response = api(ondernemer_1).post(CASES, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Case.objects.exists()


def test_enterprise_of_someone_else_is_refused(api, ondernemer_1, enterprise_amersfoort):
    response = api(ondernemer_1).post(CASES, {"category": "other", "subject": "x", "description": "y",
                                              "enterprise": enterprise_amersfoort.pk}, format="json")
    assert response.status_code == 400 and "enterprise" in response.json()


@pytest.mark.parametrize("path, payload", [
    ("rate/", {"rating": 0}), ("rate/", {"rating": "veel"}), ("status/", {"status": "weg"}),
    ("refer/", {"department": "nergens"}), ("assign/", {"assignee": "x"}), ("messages/", {"body": ""}),
])
def test_bad_action_input_gives_field_errors(api, case_haarlem, broker_haarlem, ondernemer_1, path, payload):
    # Each action by someone it is granted to (rating is the requester's): the grant is checked
    # first (403), then the input (400 with the field named).
    user = ondernemer_1 if path == "rate/" else broker_haarlem
    response = api(user).post(f"{CASES}{case_haarlem.pk}/{path}", payload, format="json")
    assert response.status_code == 400
    assert set(payload) & set(response.json())


def test_anonymous_gets_no_cases(api, case_haarlem):
    assert api().get(CASES).status_code == 401  # sign in first: not an empty list that looks like none
    assert api().get(f"{CASES}{case_haarlem.pk}/").status_code == 401
    assert api().post(CASES, {}, format="json").status_code in (401, 403)
    assert api().post(f"{CASES}{case_haarlem.pk}/messages/", {"body": "x"}, format="json").status_code in (401, 403)


def test_knowledge_base_is_public_and_filters_by_category(api, instruments):
    listing = api().get("/api/v1/knowledge/instruments/").json()
    assert listing["count"] == 3
    fitting = api().get("/api/v1/knowledge/instruments/", {"category": "financing"}).json()["results"]
    assert {i["name"] for i in fitting} == {"Finance Tool", "Impact Noord"}
    assert api().get("/api/v1/knowledge/instruments/", {"category": "x"}).status_code == 400
    assert api().post("/api/v1/knowledge/instruments/", {"name": "x"}, format="json").status_code in (401, 403, 405)


def test_services_and_api_agree_on_waiting(api, case_haarlem, broker_haarlem, ondernemer_1):
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="Vraag", wait_for_entrepreneur=True)
    body = api(ondernemer_1).get(f"{CASES}{case_haarlem.pk}/").json()
    assert body["status"] == "waiting" and body["resolution_due"] is None
