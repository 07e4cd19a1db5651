"""A new question tells the whole desk without making the entrepreneur wait for each of them.

The page after "Vraag versturen" waited while ``notify`` handled the desk one person at a time
after the case committed: a dedupe look-up, a transaction of its own (a commit, an fsync on
SQLite) and a mail connection of its own per person. Now the desk's notifications share one
transaction and its mails one connection, each mail still to one person in their language."""

import pytest
from django.core.mail.backends import locmem
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brokers.helpdesk import services
from impactportal.models import Notification
from impactportal.notifications import notify_all
from tests import factories as f

DESK = 6


def _desk(haarlem, broker_haarlem):
    people = [broker_haarlem] + [f.broker(haarlem, f"makelaar-haarlem-{i}") for i in range(DESK - 1)]
    for person in people[1::2]:
        person.language = "en"
        person.save(update_fields=["language"])
    return people


@pytest.fixture
def mail_batches(monkeypatch):
    """The number of messages each opened mail connection sent."""
    batches = []
    send = locmem.EmailBackend.send_messages

    def counted(self, messages):
        batches.append(len(messages))
        return send(self, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", counted)
    return batches


@pytest.mark.django_db
def test_a_new_question_mails_the_desk_over_one_connection_each_in_their_language(
    haarlem, broker_haarlem, ondernemer_1, enterprise_haarlem, mailoutbox, mail_batches,
    django_capture_on_commit_callbacks,
):
    desk = _desk(haarlem, broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        case = services.case_submit(submitter=ondernemer_1, enterprise=enterprise_haarlem, category="financing",
                                    subject="Lening", description="Wij zoeken een lening.")
    assert mail_batches == [DESK]
    assert sorted(tuple(m.to) for m in mailoutbox) == sorted((p.email,) for p in desk)  # one address per mail
    for mail in mailoutbox:
        person = next(p for p in desk if [p.email] == mail.to)
        expected = "New question: Lening" if person.language == "en" else "Nieuwe vraag: Lening"
        assert mail.subject == expected and mail.body.endswith(f"/helpdesk/{case.pk}/")
        assert not mail.cc and not mail.bcc
    assert Notification.objects.filter(dedupe_key=f"helpdesk:new:{case.pk}").count() == DESK


@pytest.mark.django_db(transaction=True)
def test_a_new_question_commits_once_for_the_whole_desk(haarlem, broker_haarlem, ondernemer_1, enterprise_haarlem,
                                                         mailoutbox, monkeypatch):
    _desk(haarlem, broker_haarlem)
    commits = []
    commit = connection.commit
    monkeypatch.setattr(connection, "commit", lambda: commits.append(1) or commit())
    services.case_submit(submitter=ondernemer_1, enterprise=enterprise_haarlem, category="financing",
                         subject="Lening", description="Wij zoeken een lening.")
    assert len(mailoutbox) == DESK
    assert len(commits) == 2  # the case, then the desk's notifications: not one per person


@pytest.mark.django_db
def test_notify_all_looks_up_earlier_events_once_and_still_tells_each_person_once(
    haarlem, broker_haarlem, mailoutbox, mail_batches, django_capture_on_commit_callbacks
):
    desk = _desk(haarlem, broker_haarlem)
    Notification.objects.create(recipient=desk[0], subject="Eerder", dedupe_key="event:1")
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        assert notify_all(desk, subject="Onderwerp", body="Tekst", dedupe_key="event:1") == DESK - 1
    lookups = [q["sql"] for q in queries if q["sql"].startswith("SELECT") and "notification" in q["sql"]]
    assert len(lookups) == 1
    assert mail_batches == [DESK - 1] and desk[0].email not in {m.to[0] for m in mailoutbox}
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_all(desk, subject="Onderwerp", body="Tekst", dedupe_key="event:1") == 0
    assert mail_batches == [DESK - 1] and len(mailoutbox) == DESK - 1
