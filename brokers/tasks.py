"""Scheduled helpdesk work: thin wrappers around services, safe to run twice."""

from impactportal.tasks import portal_task

from .helpdesk import services


@portal_task(name="brokers.tasks.escalate_sla_breaches")
def escalate_sla_breaches() -> int:
    """Hourly (Celery beat): tell coordinators about breached service levels, once per case."""
    return services.escalate_breaches()


@portal_task(name="brokers.tasks.toolbox_pdf")
def toolbox_pdf(*, organisation_id: int, module_number: int | None, language: str, job_id: int) -> str:
    """The PDF of an organisation's toolbox answers (all modules or one), as the job's creator."""
    from .toolbox.printing import toolbox_pdf_job

    return toolbox_pdf_job(organisation_id=organisation_id, module_number=module_number, language=language,
                           job_id=job_id)
