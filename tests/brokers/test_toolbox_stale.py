"""A toolbox answer page loaded before a colleague saved does not overwrite the colleague's answer
(as the generic edit forms, ``impactportal.ui.versions``): 409, nothing saved, the new answer and a
message. A fresh page saves, and a POST without a version works as before."""

import re

import pytest
from django.urls import reverse

from brokers.models import Answer, AnswerVersion
from brokers.toolbox import services
from impactportal.ui import versions
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    return f.toolbox_edition()


@pytest.fixture
def colleague_broker(haarlem):
    return f.broker(haarlem, "makelaar-haarlem-2")


def vision():
    return f.toolbox_question("vision")


def module_page(client, question):
    response = client.get(reverse("brokers:toolbox-module", args=[question.module.number]))
    assert response.status_code == 200
    return response.content.decode()


def version_in(html, question, form="toolbox-answer") -> str:
    """The version the form of ``question`` carries (its answer form, or its reset form)."""
    action = reverse(f"brokers:{form}", args=[question.pk])
    found = re.search(re.escape(f'action="{action}"') + r'.*?name="_version" value="([^"]*)"', html, re.S)
    assert found, form
    return found.group(1)


def save(client, question, value, version=None, submit="save"):
    data = {"value": value, "submit": submit}
    if version is not None:
        data[versions.FIELD] = version
    return client.post(reverse("brokers:toolbox-answer", args=[question.pk]), data)


def test_a_stale_answer_page_saves_nothing_and_shows_the_colleagues_answer(
        edition, login, haarlem, broker_haarlem, colleague_broker):
    question = vision()
    services.answer_save(organisation=haarlem, question=question, value="Eerste visie", by=broker_haarlem)
    loaded = version_in(module_page(login(broker_haarlem), question), question)
    # A colleague saves while the page is open.
    services.answer_save(organisation=haarlem, question=question, value="Visie van de collega", by=colleague_broker)
    history = AnswerVersion.objects.count()

    response = save(login(broker_haarlem), question, "Mijn oude tekst", loaded)

    assert response.status_code == 409
    answer = Answer.objects.get(question=question, organisation=haarlem)
    assert (answer.value, answer.saved_value) == ("Visie van de collega", "Visie van de collega")
    assert AnswerVersion.objects.count() == history
    html = response.content.decode()
    assert versions.stale_message().split(";")[0] in html
    # The form holds the colleague's answer; what was typed is beside it, read-only, to copy
    # (test_walk_brokers: it was thrown away).
    assert "Visie van de collega</textarea>" in html
    assert html.count("Mijn oude tekst") == 1 and re.search(r"<textarea[^>]*readonly[^>]*>Mijn oude tekst</textarea>",
                                                             html)
    fresh = version_in(html, question)
    assert fresh != loaded
    # Sent again from the page it got back: saved.
    assert save(login(broker_haarlem), question, "Samen herschreven", fresh).status_code == 302
    assert Answer.objects.get(question=question, organisation=haarlem).saved_value == "Samen herschreven"


def test_a_page_loaded_before_the_first_answer_does_not_overwrite_it(
        edition, login, haarlem, broker_haarlem, colleague_broker):
    question = vision()
    loaded = version_in(module_page(login(broker_haarlem), question), question)
    services.answer_save(organisation=haarlem, question=question, value="Eerst!", by=colleague_broker)
    response = save(login(broker_haarlem), question, "Ook eerst", loaded)
    assert response.status_code == 409
    assert Answer.objects.get(question=question, organisation=haarlem).saved_value == "Eerst!"


def test_a_fresh_page_saves_and_a_post_without_a_version_works_as_before(edition, login, haarlem, broker_haarlem):
    question = vision()
    client = login(broker_haarlem)
    loaded = version_in(module_page(client, question), question)
    assert save(client, question, "Met versie", loaded).status_code == 302
    assert Answer.objects.get(question=question).saved_value == "Met versie"
    assert save(client, question, "Zonder versie").status_code == 302  # an old page, a script
    assert Answer.objects.get(question=question).saved_value == "Zonder versie"
    # A refused answer (an unknown option) keeps the version it was sent with.
    choice = f.toolbox_question("team-form")
    loaded = version_in(module_page(client, choice), choice)
    response = save(client, choice, "Geen optie", loaded)
    assert response.status_code == 400 and version_in(response.content.decode(), choice) == loaded


def test_a_stale_reset_keeps_the_colleagues_draft(edition, login, haarlem, broker_haarlem, colleague_broker):
    question = vision()
    services.answer_save(organisation=haarlem, question=question, value="Opgeslagen", by=broker_haarlem)
    services.answer_save(organisation=haarlem, question=question, value="Mijn concept", by=broker_haarlem, draft=True)
    client = login(broker_haarlem)
    loaded = version_in(module_page(client, question), question, "toolbox-answer-reset")
    services.answer_save(organisation=haarlem, question=question, value="Concept van de collega",
                         by=colleague_broker, draft=True)
    url = reverse("brokers:toolbox-answer-reset", args=[question.pk])
    response = client.post(url, {versions.FIELD: loaded})
    assert response.status_code == 409
    assert versions.stale_message().split(";")[0] in response.content.decode()
    assert Answer.objects.get(question=question).value == "Concept van de collega"
    fresh = version_in(response.content.decode(), question, "toolbox-answer-reset")
    assert client.post(url, {versions.FIELD: fresh}).status_code == 302
    assert Answer.objects.get(question=question).value == "Opgeslagen"


def test_the_version_of_a_loaded_answer_is_the_version_of_its_row(edition, haarlem, broker_haarlem):
    """The module page reads each answer's version from the answers it loaded (no query per
    question); the service compares it with the row's: both must hash the same values."""
    from brokers.toolbox import stale

    answer = services.answer_save(organisation=haarlem, question=vision(), value="Eerst de helpdesk",
                                  by=broker_haarlem, draft=True)
    answer = Answer.objects.get(pk=answer.pk)
    assert stale.version_of(answer) == stale.answer_version(answer.pk) != stale.NO_ANSWER
    assert stale.version_of(None) == stale.NO_ANSWER
