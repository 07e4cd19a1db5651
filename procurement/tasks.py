"""Celery tasks of procurement: thin wrappers that call services (see ``services`` and the part modules)."""

from celery import shared_task  # noqa: F401
from django.db import transaction

from impactportal.tasks import portal_task

# --- contracts, realisations, contacts ---


@shared_task
def refresh_contract_statuses(today: str | None = None) -> int:
    """Daily: statuses move with the calendar (a contract falls behind as time passes)."""
    import datetime as dt

    from django.utils import timezone

    from .services import refresh_statuses

    return refresh_statuses(today=dt.date.fromisoformat(today) if today else timezone.localdate())


# --- matching and meetings (certificate lapse warnings) ---

# --- purchase requests and challenges ---

# --- figures and payments ---


@portal_task(name="procurement.tasks.import_payments")
def import_payments(import_id: int, job_id: int | None = None) -> dict:
    """Validate every row of an uploaded payments file, then apply all of it or nothing."""
    from django.utils.translation import gettext_noop

    from impactportal.audit import acting_as
    from impactportal.jobs import job_finish, job_progress

    from . import payment_imports
    from .models import PaymentImport

    payment_import = PaymentImport.objects.select_related("uploaded_by").get(pk=import_id)
    user = payment_import.uploaded_by

    def progress(done, total):
        if job_id:
            job_progress(job_id, 30 + int(70 * done / max(total, 1)), f"{done}/{total}")

    with payment_import.file.open("rb") as handle:
        raw = handle.read()
    if job_id:
        # The job's messages as message ids: the import page writes them in its reader's language.
        job_progress(job_id, 5, gettext_noop("Bestand controleren"))
    parsed = payment_imports.parse(payment_imports.decode(raw))
    rows, malformed = parsed
    # The payments and their report together (as the register import: nothing stays of a failure).
    with transaction.atomic():
        if malformed:
            report = {"applied": 0, "malformed": malformed}
            message = gettext_noop("Niets verwerkt: het bestand bevat regels met fouten")
        else:
            progress(0, len(rows))
            with acting_as(user):
                report = payment_imports.apply(rows, payment_import=payment_import, user=user,
                                               digest=payment_imports.checksum(rows), progress=progress,
                                               also_same=(payment_imports.file_checksum(raw),))
            report["malformed"] = []
            message = gettext_noop("Import verwerkt")
        report["total_rows"] = len(rows) + len(malformed)
        report["refused"] = parsed.refused
        if parsed.sheet is not None:
            report["sheet"] = parsed.sheet  # the worksheet read, of a workbook
        payment_import.report = report
        payment_import.save(update_fields=["report"])
    result = payment_imports.summary(report)
    if job_id:
        job_finish(job_id, result, message=message)
    return result
