"""Celery task base and the cross-cutting tasks.

Tasks are thin: they take primary keys, call a service and are safe to run twice. ``PortalTask``
logs, retries transient failures (database or broker hiccups) with exponential backoff, and
marks the user's ``Job`` as failed when a task gives up, so failures are visible in the portal."""

import logging

from celery import Task, shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


class PortalTask(Task):
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = 2
    retry_backoff_max = 300
    retry_jitter = True
    max_retries = 5

    def before_start(self, task_id, args, kwargs):
        logger.info("task %s[%s] started", self.name, task_id)

    def on_success(self, retval, task_id, args, kwargs):
        logger.info("task %s[%s] succeeded", self.name, task_id)

    def on_retry(self, exc, task_id, args, kwargs, einfo):
        logger.warning("task %s[%s] retrying after %r", self.name, task_id, exc)

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        logger.error("task %s[%s] failed: %r", self.name, task_id, exc, exc_info=exc)
        job_id = kwargs.get("job_id")
        if job_id:
            from .models import Job

            Job.objects.filter(pk=job_id).update(
                status=Job.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now()
            )


def portal_task(*args, **kwargs):
    """``@portal_task`` = ``@shared_task(base=PortalTask)``."""
    kwargs.setdefault("base", PortalTask)
    return shared_task(*args, **kwargs)


@portal_task(name="impactportal.tasks.heartbeat")
def heartbeat() -> str:
    """Proves the worker and beat run; also used by CI to check a real worker round trip."""
    return timezone.now().isoformat()


@portal_task(name="impactportal.tasks.count_organisations")
def count_organisations() -> int:
    """A task that reads the database: CI runs it through a real worker on PostgreSQL."""
    from .accounts.models import Organisation

    return Organisation.objects.count()


@portal_task(name="impactportal.tasks.probe_job")
def probe_job(steps: int = 5, pause: float = 0.5, *, job_id: int) -> dict:
    """A short Job that reports progress step by step: proves that a worker picks up and runs Jobs
    (the dev-stack smoke test starts it through ``job_start``)."""
    import time

    from .jobs import job_finish, job_progress

    for step in range(1, steps + 1):
        time.sleep(pause)
        job_progress(job_id, step * 100 // (steps + 1), f"{step}/{steps}")
    job_finish(job_id, {"steps": steps})
    return {"steps": steps}


# --- retention (impactportal.retention; scheduled in settings.CELERY_BEAT_SCHEDULE) ----------


@portal_task(name="impactportal.tasks.purge_read_notifications")
def purge_read_notifications() -> int:
    from .retention import purge_read_notifications as purge

    return purge()


@portal_task(name="impactportal.tasks.purge_job_files")
def purge_job_files() -> int:
    from .retention import purge_job_files as purge

    return purge()


@portal_task(name="impactportal.tasks.purge_audit_log")
def purge_audit_log() -> int:
    """Nothing unless ``AUDIT_RETENTION_DAYS`` is set: the audit log is the audit trail."""
    from .retention import purge_audit_log as purge

    return purge()
