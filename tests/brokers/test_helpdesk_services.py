"""Case services: status and the service-level clock, rating, reopening, escalation, notifications."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from brokers import tasks
from brokers.helpdesk import services
from brokers.models import HelpdeskSettings
from impactportal.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_submit_derives_municipality_and_lands_in_queue(case_haarlem, haarlem, broker_haarlem):
    assert case_haarlem.organisation == haarlem and case_haarlem.status == "new"
    assert case_haarlem.first_response_due > case_haarlem.submitted_at
    assert case_haarlem.resolution_due > case_haarlem.first_response_due


def test_submit_refuses_someone_elses_enterprise(make_case, ondernemer_1, enterprise_amersfoort):
    with pytest.raises(ValidationError) as error:
        make_case(ondernemer_1, enterprise_amersfoort)
    assert "enterprise" in error.value.message_dict


def test_every_step_is_audited_with_the_actor(case_haarlem, broker_haarlem):
    services.case_assign(case=case_haarlem, assignee=broker_haarlem, by=broker_haarlem)
    services.case_refer(case=case_haarlem, department="inkoop", by=broker_haarlem)
    services.case_set_status(case=case_haarlem, status="resolved", by=broker_haarlem)
    entries = LogEntry.objects.get_for_object(case_haarlem).order_by("timestamp")
    assert entries.count() >= 4
    assert all(e.actor == broker_haarlem for e in entries[1:])
    changed = set().union(*(e.changes_dict.keys() for e in entries[1:]))
    assert {"assigned_to", "referred_department", "status"} <= changed


def test_waiting_for_entrepreneur_pauses_the_clock(case_haarlem, broker_haarlem, ondernemer_1):
    original_due = case_haarlem.resolution_due
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="Welke omzet verwacht u?",
                        wait_for_entrepreneur=True)
    case_haarlem.refresh_from_db()
    assert case_haarlem.status == "waiting" and case_haarlem.resolution_due is None
    assert case_haarlem.first_response_at is not None
    services.case_reply(case=case_haarlem, author=ondernemer_1, body="Ongeveer 100.000 euro.")
    case_haarlem.refresh_from_db()
    assert case_haarlem.status == "in_progress"
    assert case_haarlem.resolution_due >= original_due
    assert len(case_haarlem.sla_pauses) == 1 and case_haarlem.sla_pauses[0][1] is not None


def test_rating_only_when_resolved_and_only_by_the_requester(case_haarlem, broker_haarlem, ondernemer_1,
                                                             ondernemer_2):
    with pytest.raises(ValidationError):
        services.case_rate(case=case_haarlem, by=ondernemer_1, rating=5)
    services.case_set_status(case=case_haarlem, status="resolved", by=broker_haarlem)
    with pytest.raises(Http404):  # not their case: outside their scope
        services.case_rate(case=case_haarlem, by=ondernemer_2, rating=1)
    with pytest.raises(ValidationError):
        services.case_rate(case=case_haarlem, by=ondernemer_1, rating=9)
    services.case_rate(case=case_haarlem, by=ondernemer_1, rating=5, comment="Snel geholpen")
    case_haarlem.refresh_from_db()
    assert case_haarlem.rating == 5 and case_haarlem.rating_comment == "Snel geholpen"


def test_reopen_within_14_days_and_refused_after(case_haarlem, broker_haarlem, ondernemer_1):
    with pytest.raises(ValidationError):
        services.case_reopen(case=case_haarlem, by=ondernemer_1)  # still open
    services.case_assign(case=case_haarlem, assignee=broker_haarlem, by=broker_haarlem)
    # Services re-read the case under a lock and return the fresh row.
    resolved_at = services.case_set_status(case=case_haarlem, status="resolved", by=broker_haarlem).resolved_at
    with pytest.raises(ValidationError):
        services.case_reopen(case=case_haarlem, by=ondernemer_1, now=resolved_at + dt.timedelta(days=14, seconds=1))
    services.case_reopen(case=case_haarlem, by=ondernemer_1, reason="Toch niet opgelost",
                         now=resolved_at + dt.timedelta(days=13))
    case_haarlem.refresh_from_db()
    assert case_haarlem.status == "in_progress" and case_haarlem.resolved_at is None
    assert case_haarlem.messages.get().body == "Toch niet opgelost"


def test_closed_case_takes_no_replies_from_the_entrepreneur(case_haarlem, broker_haarlem, ondernemer_1):
    services.case_set_status(case=case_haarlem, status="closed", by=broker_haarlem)
    with pytest.raises(ValidationError):
        services.case_reply(case=case_haarlem, author=ondernemer_1, body="Nog iets")


def _make_late(case, days=10):
    case.submitted_at = timezone.now() - dt.timedelta(days=days)
    services.refresh_deadlines(case)
    case.save()


def test_breach_escalates_to_the_coordinator_once(case_haarlem, broker_haarlem, haarlem,
                                                  django_capture_on_commit_callbacks):
    other_broker = f.broker(haarlem, "tweede-makelaar")  # not a coordinator
    _make_late(case_haarlem, days=30)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.escalate_sla_breaches() == 2  # first response and resolution
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.escalate_sla_breaches() == 0
        services.escalate_breaches()
    notes = Notification.objects.filter(dedupe_key__startswith="helpdesk:sla:")
    assert sorted(n.dedupe_key.rsplit(":", 1)[1] for n in notes) == ["first_response", "resolution"]
    assert {n.recipient for n in notes} == {broker_haarlem}
    assert not Notification.objects.filter(recipient=other_broker, dedupe_key__startswith="helpdesk:sla:").exists()
    assert len([m for m in mail.outbox if "Servicenorm" in m.subject]) == 2


def test_no_escalation_while_waiting_or_within_target(case_haarlem, broker_haarlem, make_case, ondernemer_1,
                                                      enterprise_haarlem):
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="Vraag terug", wait_for_entrepreneur=True)
    case_haarlem.refresh_from_db()
    case_haarlem.submitted_at = timezone.now() - dt.timedelta(days=40)
    case_haarlem.save()
    make_case(ondernemer_1, enterprise_haarlem, subject="Vers")
    assert services.escalate_breaches() == 0


def test_settings_per_organisation_change_the_targets(case_haarlem, haarlem):
    HelpdeskSettings.objects.create(organisation=haarlem, first_response_days=1, resolution_days=2)
    first = case_haarlem.first_response_due
    services.refresh_deadlines(case_haarlem)
    assert case_haarlem.first_response_due < first
    assert HelpdeskSettings.for_organisation(haarlem).resolution_days == 2


def test_notifications_and_mails_never_carry_another_partys_email(
    make_case, ondernemer_1, enterprise_haarlem, broker_haarlem, inkoper_haarlem, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(ondernemer_1, enterprise_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_reply(case=case, author=broker_haarlem, body="Antwoord")
        services.case_refer(case=case, department="inkoop", by=broker_haarlem)
        services.case_reply(case=case, author=ondernemer_1, body="Dank")
        services.case_set_status(case=case, status="resolved", by=broker_haarlem)
    recipients = {tuple(m.to) for m in mail.outbox}
    assert (ondernemer_1.email,) in recipients and (broker_haarlem.email,) in recipients
    assert (inkoper_haarlem.email,) in recipients
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        others = {ondernemer_1.email, broker_haarlem.email, inkoper_haarlem.email} - set(message.to)
        text = message.subject + message.body
        assert not any(address in text for address in others), message.subject
    assert Notification.objects.filter(recipient=ondernemer_1, subject__startswith="Nieuwe reactie").exists()
    assert Notification.objects.filter(recipient=inkoper_haarlem, subject__startswith="Vraag doorverwezen").exists()
    assert Notification.objects.filter(recipient=ondernemer_1, subject__contains="status").exists()
