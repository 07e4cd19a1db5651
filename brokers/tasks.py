"""Scheduled helpdesk work: thin wrappers around services, safe to run twice."""

from impactportal.tasks import portal_task

from .helpdesk import services


@portal_task(name="brokers.tasks.escalate_sla_breaches")
def escalate_sla_breaches() -> int:
    """Hourly (Celery beat): tell coordinators about breached service levels, once per case."""
    return services.escalate_breaches()
