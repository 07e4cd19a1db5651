"""Notifications are read in the language of the page, not in that of whoever caused them: a Dutch
broker's action showed Dutch on an English reader's notifications page (and the other way round).
Mail goes in the recipient's language (``tests/core/test_mail_language.py``): for one who chose none,
the portal's default (Dutch), whoever triggers it."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from impactportal.models import Notification
from impactportal.notifications import notify, notify_all

pytestmark = pytest.mark.django_db


def message():
    # Strings the English catalogue translates (the helpdesk's).
    return _("Nieuwe vraag: %(s)s") % {"s": "Subsidie"}, _("Vraag #%(pk)s is heropend.") % {"pk": 7}


def page(client, name, language, *args):
    client.cookies["django_language"] = language
    return client.get(reverse(name, args=args)).content.decode()


@pytest.mark.parametrize("triggered_in", ["nl", "en"])
def test_both_languages_are_stored_whoever_triggers(broker_haarlem, triggered_in):
    with translation.override(triggered_in):
        note = notify(recipient=broker_haarlem, message=message, email=False)
    assert (note.subject, note.body) == ("Nieuwe vraag: Subsidie", "Vraag #7 is heropend.")
    assert (note.subject_en, note.body_en) == ("New question: Subsidie", "Question #7 has been reopened.")


def test_the_notifications_page_shows_the_page_language(login, broker_haarlem):
    with translation.override("nl"):  # a Dutch-speaking colleague's action
        notify(recipient=broker_haarlem, message=message, email=False)
    client = login(broker_haarlem)
    english = page(client, "notifications", "en")
    assert "New question: Subsidie" in english and "Question #7 has been reopened." in english
    assert "Nieuwe vraag" not in english and "heropend" not in english
    dutch = page(client, "notifications", "nl")
    assert "Nieuwe vraag: Subsidie" in dutch and "Vraag #7 is heropend." in dutch
    assert "New question" not in dutch


def test_the_entrepreneurs_own_page_shows_the_page_language(login, ondernemer_1, enterprise_haarlem):
    with translation.override("nl"):
        notify(recipient=ondernemer_1, message=message, email=False)
    client = login(ondernemer_1)
    english = page(client, "enterprises:mine-detail", "en", enterprise_haarlem.pk)
    assert "New question: Subsidie" in english and "Nieuwe vraag" not in english
    assert "Nieuwe vraag: Subsidie" in page(client, "enterprises:mine-detail", "nl", enterprise_haarlem.pk)


def test_rows_from_before_show_their_dutch_on_english_pages(login, broker_haarlem):
    old = Notification.objects.create(recipient=broker_haarlem, subject="Oude melding", body="Oude tekst",
                                      subject_en="", body_en="")
    with translation.override("en"):
        assert (old.shown_subject, old.shown_body, str(old)) == ("Oude melding", "Oude tekst", "Oude melding")
    with translation.override("nl"):
        notify(recipient=broker_haarlem, message=message, email=False)
    english = page(login(broker_haarlem), "notifications", "en")
    assert "Oude melding" in english and "Oude tekst" in english and "New question: Subsidie" in english


def test_plain_text_is_the_same_in_both_languages(login, broker_haarlem):
    note = notify(recipient=broker_haarlem, subject="Import klaar", body="12 regels", email=False)
    assert (note.subject, note.subject_en, note.body, note.body_en) == ("Import klaar",) * 2 + ("12 regels",) * 2
    assert "Import klaar" in page(login(broker_haarlem), "notifications", "en")


@pytest.mark.parametrize("triggered_in", ["nl", "en"])
def test_mail_goes_in_dutch_whoever_triggers(broker_haarlem, mailoutbox, django_capture_on_commit_callbacks,
                                            triggered_in):
    with translation.override(triggered_in), django_capture_on_commit_callbacks(execute=True):
        notify(recipient=broker_haarlem, message=message, url="/meldingen/")
    [mail] = mailoutbox
    assert mail.subject == "Nieuwe vraag: Subsidie"
    assert mail.body.startswith("Vraag #7 is heropend.") and mail.body.endswith("/meldingen/")
    assert mail.to == [broker_haarlem.email]


def test_written_once_per_language_for_everyone_and_still_once_per_event(broker_haarlem, broker_amersfoort,
                                                                         inkoper_haarlem):
    calls = []

    def counted():
        calls.append(translation.get_language())
        return message()

    people = [broker_haarlem, broker_amersfoort, inkoper_haarlem]
    assert notify_all(people, message=counted, dedupe_key="event:1") == 3
    assert sorted(calls) == ["en", "nl"]
    assert notify_all(people, message=counted, dedupe_key="event:1") == 0
    assert Notification.objects.filter(dedupe_key="event:1").count() == 3
    assert set(Notification.objects.values_list("subject_en", flat=True)) == {"New question: Subsidie"}
