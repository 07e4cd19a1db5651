"""The language a question and a message were written in (WCAG 3.1.2 Language of Parts): kept at
submission from the page's (or the API request's) language, and marked with ``lang`` wherever the
person's own text is shown, so a Dutch question on an English page is read out in Dutch."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import translation

from brokers.helpdesk import services
from brokers.models import Case, CaseMessage
from impactportal import audit

pytestmark = pytest.mark.django_db
CASES = "/api/v1/helpdesk/cases/"


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _question(enterprise, subject="Lening voor een machine", description="Wij zoeken geld."):
    return {"category": "financing", "subject": subject, "description": description, "organisation": "",
            "enterprise": enterprise.pk}


def test_a_question_asked_on_an_english_page_is_kept_as_english(login, ondernemer_1, enterprise_haarlem,
                                                                broker_haarlem):
    client = login(ondernemer_1)
    assert client.post(reverse("helpdesk:case-new"), _question(enterprise_haarlem)).status_code == 302
    assert Case.objects.get().language == "nl"  # the portal's default language
    english = _english(client).post(reverse("helpdesk:case-new"), _question(
        enterprise_haarlem, "Loan for a machine", "We are looking for a loan."))
    assert english.status_code == 302
    assert Case.objects.get(subject="Loan for a machine").language == "en"


def test_each_message_keeps_the_language_of_its_author(login, case_haarlem, ondernemer_1, broker_haarlem):
    staff = login(broker_haarlem)
    staff.post(reverse("helpdesk:case-reply", args=[case_haarlem.pk]), {"body": "Wat voor lening?"})
    requester = _english(login(ondernemer_1))
    requester.post(reverse("helpdesk:my-case-reply", args=[case_haarlem.pk]), {"body": "A small one."})
    assert list(CaseMessage.objects.values_list("body", "language")) == [
        ("Wat voor lening?", "nl"), ("A small one.", "en")]
    # A note with a referral and a reason to reopen are written by people too.
    with translation.override("en"):
        services.case_refer(case=case_haarlem, department="inkoop", by=broker_haarlem, note="Procurement knows")
    assert CaseMessage.objects.get(body="Procurement knows").language == "en"


def test_an_unknown_or_regional_language_is_kept_as_one_of_the_portals():
    with translation.override("en-gb"):
        assert services.written_language() == "en"
    with translation.override(None):
        assert services.written_language() == "nl"


def test_a_dutch_question_on_an_english_case_page_is_marked_dutch(login, case_haarlem, broker_haarlem, ondernemer_1):
    with translation.override("en"):
        services.case_reply(case=case_haarlem, author=broker_haarlem, body="Which bank?")
    for user, url in ((broker_haarlem, "helpdesk:case-detail"), (ondernemer_1, "helpdesk:my-case")):
        html = _english(login(user)).get(reverse(url, args=[case_haarlem.pk])).content.decode()
        assert '<html lang="en"' in html
        assert re.search(r'<h1 [^>]*id="case-title" lang="nl">Vraag van Haarlem</h1>', html)
        question = re.search(r'<div id="case-question" lang="(\w+)">(.*?)</div>', html, re.S)
        assert question and question[1] == "nl" and "Wij zoeken een lening." in question[2]
        assert re.search(r'<div class="portal-message__body" lang="en"><p>Which bank\?</p></div>', html)


def test_an_english_question_is_marked_english_in_the_inbox_and_the_lists(
    login, make_case, ondernemer_1, enterprise_haarlem, broker_haarlem
):
    with translation.override("en"):
        case = make_case(ondernemer_1, enterprise_haarlem, subject="Loan for a machine")
    case_page = login(broker_haarlem).get(reverse("helpdesk:case-detail", args=[case.pk])).content.decode()
    assert '<html lang="nl"' in case_page and 'id="case-title" lang="en">Loan for a machine</h1>' in case_page
    inbox = login(broker_haarlem).get(reverse("helpdesk:inbox")).content.decode()
    assert f'href="{case.get_absolute_url()}" lang="en">Loan for a machine</a>' in inbox
    mine = login(ondernemer_1).get(reverse("helpdesk:my-cases")).content.decode()
    assert f'href="{reverse("helpdesk:my-case", args=[case.pk])}" lang="en">Loan for a machine</a>' in mine


def test_the_change_log_names_the_language(case_haarlem, make_case, ondernemer_1, enterprise_haarlem):
    with translation.override("en"):
        english = make_case(ondernemer_1, enterprise_haarlem, subject="Loan")
    rows = [row for entry in audit.history_for(english) for row in entry["changes"]]
    assert ("taal van de vraag", "—", "Engels") in rows  # the language's name, not its code "en"
    rows = [row for entry in audit.history_for(case_haarlem) for row in entry["changes"]]
    assert ("taal van de vraag", "—", "Nederlands") in rows


def test_the_api_keeps_the_language_of_the_request_read_only(api, ondernemer_1, enterprise_haarlem, broker_haarlem):
    client = api(ondernemer_1)
    response = client.post(CASES, {"enterprise": enterprise_haarlem.pk, "category": "impact", "subject": "Impact",
                                   "description": "How?", "language": "nl"}, format="json",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 201, response.json()
    assert response.json()["language"] == "en" and Case.objects.get().language == "en"
    case_id = response.json()["id"]
    reply = client.post(f"{CASES}{case_id}/messages/", {"body": "Nog iets"}, format="json")
    assert reply.status_code == 201 and reply.json()["language"] == "nl"
    assert [m["language"] for m in client.get(f"{CASES}{case_id}/messages/").json()] == ["nl"]


def test_the_api_schema_describes_the_language_as_read_only():
    from drf_spectacular.generators import SchemaGenerator

    schemas = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    for name in ("Case", "Message"):
        field = schemas[name]["properties"]["language"]
        assert field["readOnly"] is True and "written in" in field["description"]
    assert "language" not in schemas["CaseCreateRequest"]["properties"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_the_questions_and_messages_asked_before_it_dutch(haarlem):
    migration = ("brokers", "0014_helpdesk_language")
    executor = MigrationExecutor(connection)
    before = executor.loader.get_migration(*migration).dependencies
    executor.migrate(before)
    old = MigrationExecutor(connection).loader.project_state(before).apps
    case = old.get_model("brokers", "Case").objects.create(
        organisation_id=haarlem.pk, category="financing", subject="Oude vraag", description="Van voor de taal.")
    old.get_model("brokers", "CaseMessage").objects.create(case_id=case.pk, body="Oud antwoord")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert Case.objects.get(pk=case.pk).language == "nl"
    assert CaseMessage.objects.get(case_id=case.pk).language == "nl"
