"""Helpdesk notifications in the reader's language: a Dutch entrepreneur's question reaches an
English-reading broker in English, a status set on an English page reaches the entrepreneur in
Dutch (the status's name too) and their mail is Dutch."""

import pytest
from django.urls import reverse
from django.utils import translation

from brokers.helpdesk import services
from impactportal.models import Notification

pytestmark = pytest.mark.django_db


def test_a_question_asked_in_dutch_reads_in_english_on_the_english_page(
    make_case, ondernemer_1, enterprise_haarlem, broker_haarlem, login, django_capture_on_commit_callbacks
):
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        make_case(ondernemer_1, enterprise_haarlem, subject="Vraag van Haarlem")
    note = Notification.objects.get(recipient=broker_haarlem, dedupe_key__startswith="helpdesk:new:")
    assert note.subject_en == "New question: Vraag van Haarlem"
    client = login(broker_haarlem)
    client.cookies["django_language"] = "en"
    english = client.get(reverse("notifications")).content.decode()
    assert "New question: Vraag van Haarlem" in english
    assert "A new question has arrived at the helpdesk of" in english and "Nieuwe vraag:" not in english
    client.cookies["django_language"] = "nl"
    dutch = client.get(reverse("notifications")).content.decode()
    assert "Nieuwe vraag: Vraag van Haarlem" in dutch and "New question" not in dutch


def test_a_status_set_on_an_english_page_is_stored_in_both_languages_and_mailed_in_dutch(
    case_haarlem, ondernemer_1, broker_haarlem, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.case_set_status(case=case_haarlem, status="resolved", by=broker_haarlem)
    note = Notification.objects.get(recipient=ondernemer_1, subject__contains="status")
    assert note.subject == "Uw vraag heeft een nieuwe status: Opgelost"
    assert note.body == "De status van uw vraag “Vraag van Haarlem” is nu: Opgelost."
    assert note.subject_en == "Your question has a new status: Resolved"
    assert note.body_en == "The status of your question “Vraag van Haarlem” is now: Resolved."
    [mail] = [m for m in mailoutbox if m.to == [ondernemer_1.email]]
    assert mail.subject == "Uw vraag heeft een nieuwe status: Opgelost" and "is nu: Opgelost." in mail.body
