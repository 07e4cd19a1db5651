"""Celery tasks of the register: thin wrappers around services, safe to run twice."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from impactportal.audit import acting_as
from impactportal.jobs import job_finish, job_progress
from impactportal.tasks import portal_task


@portal_task(name="enterprises.tasks.certification_checks")
def certification_checks(today: str | None = None) -> dict:
    """Daily (Celery beat): statuses, expiry warnings and lapsed badges."""
    import datetime as dt

    from .services import run_certification_checks

    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    with acting_as(None):
        return run_certification_checks(today=day)


@portal_task(name="enterprises.tasks.import_register")
def import_register(import_id: int, job_id: int | None = None) -> dict:
    from . import imports
    from .models import RegisterImport

    register_import = RegisterImport.objects.select_related("uploaded_by").get(pk=import_id)
    user = register_import.uploaded_by

    def progress(done, total, start=0, span=100):
        if job_id:
            job_progress(job_id, start + int(span * done / max(total, 1)), f"{done}/{total}")

    with register_import.file.open("rb") as handle:
        text = imports.decode(handle.read())
    if job_id:
        # The job's messages as message ids: the import page writes them in its reader's language.
        job_progress(job_id, 5, gettext_noop("Bestand controleren"))
    parsed = imports.parse(text, register_import.default_scheme)
    rows, malformed = parsed
    progress(0, len(rows), 30, 70)
    # The changes and their report together: a report that could not be stored (it failed after the
    # rows were applied) left the changes in place while the page said nothing had changed.
    with transaction.atomic(), acting_as(user):
        report = imports.apply(rows, user=user, today=timezone.localdate(),
                               progress=lambda done, total: progress(done, total, 30, 70))
        report["malformed"] = malformed
        report["total_rows"] = len(rows) + len(malformed)
        report["refused"] = parsed.refused
        if parsed.sheet is not None:
            report["sheet"] = parsed.sheet  # the worksheet read, of a workbook
        register_import.report = report
        register_import.save(update_fields=["report"])
    result = imports.summary(report, malformed, report["total_rows"])
    if job_id:
        job_finish(job_id, result, message=gettext_noop("Import verwerkt"))
    return result
