"""Retention (AVG art. 5(1)(e), storage limitation): what the portal deletes, and when.

Each clean-up keeps a row whose moment is exactly ``days`` before ``now`` and deletes one a second
older; the periods are settings (README, "Environment"). Beat runs them nightly through the thin
tasks in ``impactportal.accounts.tasks`` (sessions, sign-in logs) and ``impactportal.tasks``
(notifications, export files, audit log). Each returns how many rows (or files) it removed and is
safe to run twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)


def cutoff(days: int, now: dt.datetime | None = None) -> dt.datetime:
    """The oldest moment that is still kept."""
    return (now or timezone.now()) - dt.timedelta(days=days)


def clear_sessions() -> None:
    """Django's ``clearsessions``: the session engine deletes the sessions that have expired."""
    from django.core.management import call_command

    call_command("clearsessions")


def purge_login_logs(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """django-axes' records of sign-ins (``AccessLog``), failed attempts (``AccessAttempt``) and
    failures (``AccessFailureLog``): user names and IP addresses, kept for the lockout and for
    looking into an attack, not forever. An attempt is judged by its last failure (axes updates
    ``attempt_time``), so a running lockout is never cut short by it."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    limit = cutoff(settings.AXES_LOG_RETENTION_DAYS if days is None else days, now)
    removed = 0
    for model in (AccessLog, AccessAttempt, AccessFailureLog):
        removed += model.objects.filter(attempt_time__lt=limit).delete()[0]
    return removed


def purge_read_notifications(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Notifications read more than ``NOTIFICATION_RETENTION_DAYS`` ago; unread ones stay."""
    from .models import Notification

    limit = cutoff(settings.NOTIFICATION_RETENTION_DAYS if days is None else days, now)
    return Notification.objects.filter(read_at__lt=limit).delete()[0]


def purge_job_files(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """The files of background jobs (exports, import reports under ``media/jobs``) finished more
    than ``JOB_FILE_RETENTION_DAYS`` ago (a job without an end by its start): the file goes, the job
    stays (its page says the file was removed, and the requester can run the export again)."""
    from .models import Job

    limit = cutoff(settings.JOB_FILE_RETENTION_DAYS if days is None else days, now)
    old = (Job.objects.exclude(file="")
           .filter(Q(finished_at__lt=limit) | Q(finished_at__isnull=True, created_at__lt=limit)))
    removed = 0
    for job in old.only("pk", "file"):
        name = job.file.name
        try:
            job.file.storage.delete(name)
        except OSError:  # already gone, or a permission problem: the row is cleared either way
            logger.warning("job %s: could not delete %s", job.pk, name, exc_info=True)
        Job.objects.filter(pk=job.pk).update(file="")
        _remove_empty_folder(job.file.storage, name)
        removed += 1
    return removed


def _remove_empty_folder(storage, name: str) -> None:
    """``jobs/<pk>/`` once its last file is gone (file system storage only)."""
    try:
        folder = os.path.dirname(storage.path(name))
    except NotImplementedError:
        return
    with contextlib.suppress(OSError):  # not empty, or already gone
        os.rmdir(folder)


def purge_audit_log(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Audit entries older than ``AUDIT_RETENTION_DAYS``. Unset (the default): nothing is deleted,
    the audit log is the portal's audit trail."""
    from auditlog.models import LogEntry

    days = settings.AUDIT_RETENTION_DAYS if days is None else days
    if not days:
        return 0
    return LogEntry.objects.filter(timestamp__lt=cutoff(days, now)).delete()[0]
