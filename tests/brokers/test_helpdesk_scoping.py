"""Who sees which case and message, through the screens and the API."""

import pytest
from django.urls import reverse

from brokers.helpdesk import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(case_haarlem, broker_haarlem):
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="GEHEIME NOTITIE intern", internal=True)
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="Publiek antwoord aan u")
    return case_haarlem


def test_entrepreneur_never_sees_other_entrepreneurs_case(login, api, ondernemer_2, case_haarlem, case_amersfoort):
    client = login(ondernemer_2)
    listing = client.get(reverse("helpdesk:my-cases")).content.decode()
    assert "Vraag van Amersfoort" in listing and "Vraag van Haarlem" not in listing
    for name in ("helpdesk:my-case", "helpdesk:case-detail"):
        assert client.get(reverse(name, args=[case_haarlem.pk])).status_code == 404
    for name in ("helpdesk:my-case-reply", "helpdesk:my-case-rate", "helpdesk:my-case-reopen"):
        assert client.post(reverse(name, args=[case_haarlem.pk]), {"body": "x", "rating": 5}).status_code == 404
    token_client = api(ondernemer_2)
    ids = [c["id"] for c in token_client.get("/api/v1/helpdesk/cases/").json()["results"]]
    assert ids == [case_amersfoort.pk]
    assert token_client.get(f"/api/v1/helpdesk/cases/{case_haarlem.pk}/").status_code == 404
    assert token_client.get(f"/api/v1/helpdesk/cases/{case_haarlem.pk}/messages/").status_code == 404
    assert token_client.post(f"/api/v1/helpdesk/cases/{case_haarlem.pk}/messages/", {"body": "x"}).status_code == 404


def test_entrepreneur_never_sees_internal_notes(login, api, ondernemer_1, answered):
    client = login(ondernemer_1)
    page = client.get(reverse("helpdesk:my-case", args=[answered.pk])).content.decode()
    assert "Publiek antwoord aan u" in page and "GEHEIME NOTITIE" not in page
    # The staff URL sends the entrepreneur to their own page instead of showing the staff view.
    response = client.get(reverse("helpdesk:case-detail", args=[answered.pk]))
    assert response.status_code == 302 and response.url == reverse("helpdesk:my-case", args=[answered.pk])
    messages = api(ondernemer_1).get(f"/api/v1/helpdesk/cases/{answered.pk}/messages/").json()
    assert [m["body"] for m in messages] == ["Publiek antwoord aan u"]
    assert all(m["is_internal"] is False for m in messages)


def test_entrepreneur_cannot_post_internal_note_or_handle_the_case(api, ondernemer_1, broker_haarlem, case_haarlem):
    client = api(ondernemer_1)
    url = f"/api/v1/helpdesk/cases/{case_haarlem.pk}"
    assert client.post(f"{url}/messages/", {"body": "x", "is_internal": True}, format="json").status_code == 403
    assert client.post(f"{url}/status/", {"status": "closed"}, format="json").status_code == 403
    assert client.post(f"{url}/assign/", {"assignee": broker_haarlem.pk}, format="json").status_code == 403
    case_haarlem.refresh_from_db()
    assert case_haarlem.status == "new" and not case_haarlem.messages.exists()


def test_other_municipality_broker_never_sees_the_queue(login, api, broker_amersfoort, answered, case_amersfoort):
    client = login(broker_amersfoort)
    inbox = client.get(reverse("helpdesk:inbox")).content.decode()
    assert "Vraag van Amersfoort" in inbox and "Vraag van Haarlem" not in inbox
    assert client.get(reverse("helpdesk:case-detail", args=[answered.pk])).status_code == 404
    for name in ("case-reply", "case-assign", "case-refer", "case-status"):
        response = client.post(reverse(f"helpdesk:{name}", args=[answered.pk]), {"body": "x", "status": "closed",
                                                                                  "department": "inkoop"})
        assert response.status_code == 404, name
    token_client = api(broker_amersfoort)
    assert [c["id"] for c in token_client.get("/api/v1/helpdesk/cases/").json()["results"]] == [case_amersfoort.pk]
    assert token_client.get(f"/api/v1/helpdesk/cases/{answered.pk}/").status_code == 404
    # Bulk assign ignores cases outside the broker's queue.
    client.post(reverse("helpdesk:bulk-assign"), {"cases": [answered.pk], "assignee": broker_amersfoort.pk})
    answered.refresh_from_db()
    assert answered.assigned_to is None


def test_colleague_sees_only_cases_referred_to_their_department(login, api, inkoper_haarlem, broker_haarlem,
                                                                 make_case, ondernemer_1, enterprise_haarlem):
    to_inkoop = make_case(ondernemer_1, enterprise_haarlem, subject="Over inkoop")
    to_vastgoed = make_case(ondernemer_1, enterprise_haarlem, subject="Over vastgoed")
    not_referred = make_case(ondernemer_1, enterprise_haarlem, subject="Niet doorverwezen")
    client = login(inkoper_haarlem)
    assert client.get(reverse("helpdesk:case-detail", args=[to_inkoop.pk])).status_code == 404
    services.case_refer(case=to_inkoop, department="inkoop", by=broker_haarlem, note="Kun jij hiernaar kijken?")
    services.case_refer(case=to_vastgoed, department="vastgoed", by=broker_haarlem)
    inbox = client.get(reverse("helpdesk:inbox")).content.decode()
    assert "Over inkoop" in inbox and "Over vastgoed" not in inbox and "Niet doorverwezen" not in inbox
    assert "Doorverwezen vragen" in inbox
    page = client.get(reverse("helpdesk:case-detail", args=[to_inkoop.pk]))
    assert page.status_code == 200 and "Kun jij hiernaar kijken?" in page.content.decode()
    for case in (to_vastgoed, not_referred):
        assert client.get(reverse("helpdesk:case-detail", args=[case.pk])).status_code == 404
    # The colleague replies, but assigning and referring belong to the broker.
    response = client.post(reverse("helpdesk:case-reply", args=[to_inkoop.pk]), {"body": "Inkoop helpt graag."})
    assert response.status_code == 302
    assert client.post(reverse("helpdesk:case-assign", args=[to_inkoop.pk]),
                       {"assignee": broker_haarlem.pk}).status_code == 403
    ids = [c["id"] for c in api(inkoper_haarlem).get("/api/v1/helpdesk/cases/").json()["results"]]
    assert ids == [to_inkoop.pk]


def test_roles_without_a_queue(login, stuurgroep, case_haarlem, client):
    steering = login(stuurgroep)
    assert steering.get(reverse("helpdesk:inbox")).status_code == 403
    assert steering.get(reverse("helpdesk:case-detail", args=[case_haarlem.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("helpdesk:inbox")).status_code == 302
    assert client.get(reverse("helpdesk:my-cases")).status_code == 302
