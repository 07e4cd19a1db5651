"""Retention (AVG storage limitation): the nightly clean-ups of ``impactportal.retention``, each
tested at its boundary (a row exactly at the limit is kept, one a second older is removed), and
their beat schedule."""

import datetime as dt
from pathlib import Path
from unittest import mock

import pytest
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from impactportal import retention
from impactportal import tasks as portal_tasks
from impactportal.accounts import tasks as account_tasks
from impactportal.audit import acting_as
from impactportal.celery import app
from impactportal.models import Job, Notification
from tests import factories as f

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC)
SECOND = dt.timedelta(seconds=1)


def _at_and_past(days):
    """(exactly at the limit, one second past it)."""
    limit = NOW - dt.timedelta(days=days)
    return limit, limit - SECOND


# --- sign-in logs (django-axes) -------------------------------------------------------------


def _axes_rows(model, when, name):
    extra = {"get_data": "", "post_data": "", "failures_since_start": 1} if model is AccessAttempt else {}
    row = model.objects.create(username=name, ip_address="192.0.2.1", user_agent="test", http_accept="*/*",
                               path_info="/accounts/login/", **extra)
    model.objects.filter(pk=row.pk).update(attempt_time=when)  # attempt_time is set on creation
    return row


@pytest.mark.parametrize("model", [AccessLog, AccessAttempt, AccessFailureLog])
def test_sign_in_logs_are_kept_90_days_by_default(model, settings):
    assert django_settings.AXES_LOG_RETENTION_DAYS == 90
    at, past = _at_and_past(90)
    kept, removed = _axes_rows(model, at, "kept"), _axes_rows(model, past, "removed")
    recent = _axes_rows(model, NOW, "recent")
    assert retention.purge_login_logs(now=NOW) == 1
    assert set(model.objects.values_list("pk", flat=True)) == {kept.pk, recent.pk}
    assert removed.pk not in set(model.objects.values_list("pk", flat=True))
    settings.AXES_LOG_RETENTION_DAYS = 30
    assert retention.purge_login_logs(now=NOW) == 1  # "kept" is 90 days old
    assert list(model.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_sign_in_log_task_uses_the_setting(settings):
    settings.AXES_LOG_RETENTION_DAYS = 10
    old = _axes_rows(AccessLog, timezone.now() - dt.timedelta(days=10, seconds=5), "old")
    new = _axes_rows(AccessLog, timezone.now() - dt.timedelta(days=9), "new")
    assert account_tasks.purge_login_logs.delay().get() == 1
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [new.pk] and old.pk != new.pk


# --- sessions --------------------------------------------------------------------------------


def _session(expires):
    store = SessionStore()
    store["marker"] = str(expires)
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
    return store.session_key


def test_expired_sessions_are_cleared_by_djangos_clearsessions():
    at_the_limit, expired = _session(NOW), _session(NOW - SECOND)
    live = _session(NOW + dt.timedelta(hours=8))
    with mock.patch.object(timezone, "now", return_value=NOW):
        account_tasks.clear_sessions.delay().get()
    assert set(Session.objects.values_list("session_key", flat=True)) == {at_the_limit, live}
    assert expired not in set(Session.objects.values_list("session_key", flat=True))


# --- notifications ---------------------------------------------------------------------------


def test_read_notifications_are_kept_a_year_and_unread_ones_always(broker_haarlem, settings):
    assert django_settings.NOTIFICATION_RETENTION_DAYS == 365
    at, past = _at_and_past(365)
    make = lambda subject, read_at: Notification.objects.create(  # noqa: E731
        recipient=broker_haarlem, subject=subject, read_at=read_at)
    kept, removed, unread = make("kept", at), make("removed", past), make("unread", None)
    Notification.objects.filter(pk=unread.pk).update(created_at=NOW - dt.timedelta(days=3000))
    assert retention.purge_read_notifications(now=NOW) == 1
    assert set(Notification.objects.values_list("subject", flat=True)) == {"kept", "unread"}
    assert not Notification.objects.filter(pk=removed.pk).exists() and kept.pk
    settings.NOTIFICATION_RETENTION_DAYS = 1
    Notification.objects.filter(pk=kept.pk).update(read_at=timezone.now() - dt.timedelta(days=1, seconds=5))
    assert portal_tasks.purge_read_notifications.delay().get() == 1
    assert list(Notification.objects.values_list("subject", flat=True)) == ["unread"]


# --- export files of jobs --------------------------------------------------------------------


def _job_with_file(user, finished_at, name):
    job = Job.objects.create(kind="export", title=name, created_by=user, status=Job.Status.SUCCEEDED)
    job.file.save(f"{name}.csv", ContentFile(b"naam;kvk\n"), save=False)
    Job.objects.filter(pk=job.pk).update(file=job.file.name, checksum="0" * 64, finished_at=finished_at)
    job.refresh_from_db()
    return job


def test_job_files_are_kept_7_days(inkoper_haarlem, settings):
    assert django_settings.JOB_FILE_RETENTION_DAYS == 7
    at, past = _at_and_past(7)
    kept, removed = _job_with_file(inkoper_haarlem, at, "kept"), _job_with_file(inkoper_haarlem, past, "removed")
    path_kept, path_removed = kept.file.path, removed.file.path
    # A job that never finished counts from its start.
    stuck = _job_with_file(inkoper_haarlem, None, "stuck")
    Job.objects.filter(pk=stuck.pk).update(created_at=past)
    assert retention.purge_job_files(now=NOW) == 2
    kept.refresh_from_db()
    removed.refresh_from_db()
    assert kept.file and Path(path_kept).read_bytes() == b"naam;kvk\n"
    assert not removed.file and not Path(path_removed).exists()
    assert not (Path(settings.MEDIA_ROOT) / "jobs" / str(removed.pk)).exists()  # its folder too
    assert Job.objects.filter(pk=removed.pk).exists()  # the job stays, without its file
    assert retention.purge_job_files(now=NOW) == 0  # twice is harmless


def test_a_job_whose_file_was_removed_says_so(inkoper_haarlem, login):
    job = _job_with_file(inkoper_haarlem, timezone.now() - dt.timedelta(days=8), "oud")
    client = login(inkoper_haarlem)
    assert 'id="job-download"' in client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert portal_tasks.purge_job_files.delay().get() == 1
    html = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert 'id="job-download"' not in html and 'id="job-file-removed"' in html
    assert client.get(reverse("job-detail", args=[job.pk]), {"download": 1}).status_code == 404


# --- audit log -------------------------------------------------------------------------------


def _audited(broker, name, when):
    with acting_as(broker):
        enterprise = f.EnterpriseFactory(name=name, municipality=broker.memberships.first().organisation)
    LogEntry.objects.get_for_object(enterprise).update(timestamp=when)
    return enterprise


def test_the_audit_log_is_kept_unless_a_period_is_set(broker_haarlem, settings):
    assert django_settings.AUDIT_RETENTION_DAYS is None
    ancient = _audited(broker_haarlem, "Oud bedrijf", NOW - dt.timedelta(days=40 * 365))
    assert retention.purge_audit_log(now=NOW) == 0
    assert portal_tasks.purge_audit_log.delay().get() == 0
    assert LogEntry.objects.get_for_object(ancient).exists()
    settings.AUDIT_RETENTION_DAYS = 2555  # seven years
    at, past = _at_and_past(2555)
    kept, removed = _audited(broker_haarlem, "Grens", at), _audited(broker_haarlem, "Voorbij", past)
    assert retention.purge_audit_log(now=NOW) == 2  # "Voorbij" and the ancient one
    assert LogEntry.objects.get_for_object(kept).exists()
    assert not LogEntry.objects.get_for_object(removed).exists()


# --- the schedule ----------------------------------------------------------------------------


def test_beat_runs_every_clean_up_daily():
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    wanted = {"impactportal.accounts.tasks.clear_sessions", "impactportal.accounts.tasks.purge_login_logs",
              "impactportal.tasks.purge_read_notifications", "impactportal.tasks.purge_job_files",
              "impactportal.tasks.purge_audit_log"}
    entries = {entry["task"]: entry["schedule"] for entry in schedule.values()}
    assert wanted <= set(entries)
    app.loader.import_default_modules()  # what a worker does: every scheduled task must exist
    for name in wanted:
        assert name in app.tasks, name
        crontab = entries[name]
        assert crontab.day_of_week == set(range(7)) and len(crontab.hour) == 1 and len(crontab.minute) == 1, name
