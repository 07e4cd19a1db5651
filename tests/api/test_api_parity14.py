"""API writes against the pages that do the same (parity review 14), with real API keys."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from rest_framework.test import APIClient

from enterprises.models import ContactMoment
from procurement.models import ContractContact
from tests.api_keys import api_key_for
from tests.procurement import builders_requests as rb
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db


def _keyed(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(user)}")
    return client


@pytest.fixture
def contract(haarlem, broker_haarlem, region, enterprise_haarlem):
    pf.rule_set(region=region, name="Regeling ZKIJ")
    return pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)


def _actor_of(obj):
    return LogEntry.objects.get_for_object(obj).order_by("-timestamp", "-pk").first().actor


def test_a_change_after_a_service_acted_as_someone_else_keeps_the_requests_actor(broker_haarlem, contract):
    """``contact_invite`` makes the account ``acting_as(None)``, then links the contact: auditlog's
    ``set_actor`` left its own context behind, so the link (and anything later in the request) was
    logged without an actor, through the API key as on the page (``audit.acting_as``)."""
    answer = _keyed(broker_haarlem).post(f"/api/v1/procurement/contracts/{contract.pk}/invite/",
                                         {"name": "Anna Bos", "email": "anna@example.org"}, format="json")
    assert answer.status_code == 200, answer.content
    contact = ContractContact.objects.get(contract=contract)
    assert _actor_of(contact) == broker_haarlem
    assert _actor_of(contact.user) is None  # the account itself: made by no one, as before


def test_the_same_on_the_page(client, broker_haarlem, contract):
    client.force_login(broker_haarlem)
    answer = client.post(reverse("procurement:contract-invite", args=[contract.pk]),
                         {"name": "Anna Bos", "email": "anna@example.org"})
    assert answer.status_code == 302
    assert _actor_of(ContractContact.objects.get(contract=contract)) == broker_haarlem


def test_an_intake_without_any_answer_is_refused_as_on_the_page(broker_haarlem, enterprise_haarlem, login):
    """The intake form refused a first meeting without a single intake answer; the API stored it, an
    empty record counted as an intake. The rule is the model's now (``ContactMoment.clean``)."""
    client = _keyed(broker_haarlem)
    intake = {"organisation": "haarlem", "enterprise": enterprise_haarlem.pk, "kind": "intake",
              "date": "2026-02-01", "subject": "Intakegesprek"}
    refused = client.post("/api/v1/contact-moments/", intake | {"intake_needs": "  "}, format="json")
    assert refused.status_code == 400, refused.content
    assert refused.json() == {"intake_activities": ["Vul ten minste één van de intakevragen in."]}
    assert not ContactMoment.objects.exists()
    page = login(broker_haarlem).post(reverse("enterprises:contact-create", args=[enterprise_haarlem.pk]), {
        "organisation": enterprise_haarlem.municipality_id, "kind": "intake", "date": "2026-02-01",
        "subject": "Intakegesprek"})
    assert "Vul ten minste één van de intakevragen in." in page.content.decode()  # the page's rule, the same
    assert not ContactMoment.objects.exists()

    created = client.post("/api/v1/contact-moments/", intake | {"intake_needs": "Een werkplek"}, format="json")
    assert created.status_code == 201, created.content
    url = f"/api/v1/contact-moments/{created.json()['id']}/"
    emptied = client.patch(url, {"intake_needs": ""}, format="json")  # judged as it would be saved
    assert emptied.status_code == 400 and "intake_activities" in emptied.json()
    assert client.patch(url, {"kind": "conversation", "intake_needs": ""}, format="json").status_code == 200


def test_a_correction_that_makes_a_line_a_twin_asks_for_confirmation_as_on_the_page(broker_haarlem, contract,
                                                                                   login):
    """The correction form refuses a line that, corrected, reports the same as another line of the
    contract unless confirmed (``RealisationForm.clean``, ``exclude`` the line itself); PATCH took it
    silently, and the same placement then counted twice."""
    first = pf.realisation(contract, by=broker_haarlem, candidate_ref="KAND-1")
    second = pf.realisation(contract, by=broker_haarlem, candidate_ref="KAND-1", date=dt.date(2025, 4, 1))
    url = f"/api/v1/procurement/realisations/{second.pk}/"
    client = _keyed(broker_haarlem)
    refused = client.patch(url, {"date": "2025-03-01"}, format="json")
    assert refused.status_code == 400, refused.content
    assert list(refused.json()) == ["confirm_duplicate"]
    second.refresh_from_db()
    assert second.date == dt.date(2025, 4, 1)
    page = login(broker_haarlem).post(reverse("procurement:realisation-update", args=[second.pk]), {
        "date": "2025-03-01", "fte": "1", "months": "12", "candidate_ref": "KAND-1"})
    assert page.status_code == 400 and "confirm_duplicate" in page.context["form"].errors  # the page's rule
    # Another correction of a line without a twin, and a confirmed one, go through.
    assert client.patch(f"/api/v1/procurement/realisations/{first.pk}/", {"months": "6"},
                        format="json").status_code == 200
    assert client.patch(url, {"date": "2025-03-01", "months": "6", "confirm_duplicate": True},
                        format="json").status_code == 200
    second.refresh_from_db()
    assert second.date == dt.date(2025, 3, 1)


def test_a_contact_moment_made_an_intake_on_its_edit_page_gets_the_intake_questions(broker_haarlem, haarlem,
                                                                                     enterprise_haarlem, login):
    """With the rule in the model, the edit form of a conversation turned into an intake is the
    intake form: the questions to answer, not an error on a field the form does not have."""
    moment = ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, subject="Gesprek",
                                          date=dt.date(2026, 2, 1))
    page = login(broker_haarlem).post(reverse("enterprises:contact-update", args=[moment.pk]), {
        "organisation": haarlem.pk, "kind": "intake", "date": "2026-02-01", "subject": "Gesprek"})
    assert page.status_code == 200
    assert page.context["form"].errors == {"intake_activities": ["Vul ten minste één van de intakevragen in."]}
    moment.refresh_from_db()
    assert moment.kind == "conversation"


def test_a_patch_of_a_response_without_its_message_keeps_the_message(haarlem, enterprise_haarlem, ondernemer_1):
    """The edit form always sends the message it shows; PATCH with the amount alone stored an empty
    message (the field's default), erasing what the entrepreneur wrote to the buyer."""
    quote = rb.response(rb.purchase_request(haarlem), rb.admitted(enterprise_haarlem), by=ondernemer_1)
    client = _keyed(ondernemer_1)
    url = f"/api/v1/procurement/responses/{quote.pk}/"
    changed = client.patch(url, {"quote_amount": "19000.00"}, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["message"] == "Wij doen dit graag." and changed.json()["quote_amount"] == "19000.00"
    assert client.patch(url, {"quote_amount": "19000.00", "message": ""}, format="json").json()["message"] == ""
