"""Retention of sign-in data (``impactportal.retention``; scheduled in
``settings.CELERY_BEAT_SCHEDULE``): expired sessions and django-axes' sign-in logs."""

from impactportal.tasks import portal_task


@portal_task(name="impactportal.accounts.tasks.clear_sessions")
def clear_sessions() -> None:
    """Django's ``clearsessions``: expired sessions are deleted."""
    from impactportal.retention import clear_sessions as clear

    clear()


@portal_task(name="impactportal.accounts.tasks.purge_login_logs")
def purge_login_logs() -> int:
    """Sign-in logs and failed attempts older than ``AXES_LOG_RETENTION_DAYS``."""
    from impactportal.retention import purge_login_logs as purge

    return purge()
