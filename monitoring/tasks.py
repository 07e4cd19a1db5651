"""Tasks of monitoring: thin, idempotent, by primary key.

- ``take_monthly_snapshot`` (beat, the 1st of each month): last month's values and its year so far (1 January to
  the month's end), computed together; a second run stores nothing;
- ``build_report``: the PDF of one report request (and its copy for other departments, if it holds a
  department's figures), with progress on its Job; retries transient errors;
- ``build_public_file``: the public PDF of a report just approved, from the version as approved;
- ``january_drafts`` (beat, 2 January): a draft annual report per organisation with brokers, a
  notification to its brokers, and to each programme's steering group which participants have one."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.utils import timezone

from impactportal.jobs import job_progress
from impactportal.models import Job
from impactportal.tasks import PortalTask, portal_task

logger = logging.getLogger(__name__)


class ReportTask(PortalTask):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        super().on_failure(exc, task_id, args, kwargs, einfo)
        from .constants import ReportStatus
        from .models import ReportRequest

        ReportRequest.objects.filter(pk=kwargs.get("report_id")).exclude(status=ReportStatus.DONE).update(
            status=ReportStatus.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000], finished_at=timezone.now())


@portal_task(name="monitoring.tasks.take_monthly_snapshot")
def take_monthly_snapshot() -> dict:
    from . import registry, services

    # With its year so far, from the same data (``services.month_take``): a report's two columns agree.
    snapshot, created = services.month_take(period=registry.previous_month())
    return {"snapshot": snapshot.pk, "created": created}


@portal_task(name="monitoring.tasks.build_report", base=ReportTask)
def build_report(*, report_id: int, job_id: int | None = None) -> dict:
    from django.utils.translation import gettext as _

    from . import reports, services
    from .constants import ReportStatus
    from .models import ReportRequest

    report = ReportRequest.objects.select_related("snapshot", "organisation", "programme", "enterprise").get(
        pk=report_id)
    if job_id and report.job_id and report.job_id != job_id:
        # The report was asked to be made again since (its texts changed): that later job makes it.
        _job_done(job_id, report)
        return {"report": report.pk, "superseded_by": report.job_id}
    if report.status == ReportStatus.DONE and report.file:
        return {"report": report.pk, "checksum": report.checksum}  # ran before: the same file
    ReportRequest.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING)
    # Made again (the keepers' texts changed): the earlier files are removed once the new ones are
    # stored, and the department copy is made anew with the file.
    earlier = {report.file.name, report.department_file.name} - {"", None}
    report.department_file, report.department_checksum = "", ""

    def progress(pct, message=""):
        if job_id:
            job_progress(job_id, pct, message)

    # Each step says what it does: the report page shows it beside the bar (``_report_status.html``).
    progress(5, _("Meting %(month)s wordt gelezen") % {"month": reports.month_label(report.snapshot.label)})
    content = reports.render(report, progress=progress)
    progress(80, _("PDF gemaakt; controlegetal wordt berekend"))
    digest = reports.checksum(content)
    report.file.save(reports.filename(report), ContentFile(content), save=False)
    # The copy for colleagues of other departments, if the report holds a department's figures:
    # made before the report is done, so no reader finds a done draft without it.
    progress(85, _("Versie voor andere afdelingen wordt gemaakt"))
    services.report_department_copy(report=report, store=False)
    progress(90, _("Rapport wordt opgeslagen"))
    made = {report.file.name, report.department_file.name} - {"", None}
    # Stored only while this is the report's latest job: texts changed again meanwhile asked for
    # another, which stores the file with those texts (this one's files are removed).
    latest = {"job_id": job_id} if job_id else {}
    stored = ReportRequest.objects.filter(pk=report.pk, **latest).update(
        file=report.file.name, checksum=digest, department_file=report.department_file.name or "",
        department_checksum=report.department_checksum if report.department_file else "",
        status=ReportStatus.DONE, error="", finished_at=timezone.now())
    storage = report.file.storage
    for name in (earlier - made) if stored else (made - earlier):
        storage.delete(name)
    if not stored:
        _job_done(job_id, report)
        return {"report": report.pk, "superseded": True}
    if job_id:
        Job.objects.filter(pk=job_id).update(status=Job.Status.SUCCEEDED, progress=100, finished_at=timezone.now(),
                                             checksum=digest, result={"report": report.pk})
    return {"report": report.pk, "checksum": digest}


@portal_task(name="monitoring.tasks.build_public_file")
def build_public_file(*, report_id: int) -> dict:
    """The public variant of a report just approved (``services.report_public_file``)."""
    from . import services

    return {"report": report_id, "made": services.report_public_file(report_id=report_id)}


def _job_done(job_id, report) -> None:
    """A build that a later one replaced: its job ends (nothing to show), pointing at the report."""
    Job.objects.filter(pk=job_id).exclude(status=Job.Status.SUCCEEDED).update(
        status=Job.Status.SUCCEEDED, progress=100, finished_at=timezone.now(), result={"report": report.pk})


@portal_task(name="monitoring.tasks.january_drafts")
def january_drafts(year: int | None = None) -> int:
    """Draft annual reports of last year for every organisation that has brokers; notifies its
    brokers and its programmes' steering groups (once per report: deduplicated)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from impactportal.accounts.constants import Role
    from impactportal.accounts.models import Organisation, Programme, User, users_with_role
    from impactportal.notifications import notify_all

    from . import services
    from .constants import ReportKind

    year = year or timezone.localdate().year - 1
    system = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    made, drafts = 0, []
    for organisation in Organisation.objects.filter(memberships__role=Role.BROKER, is_active=True).distinct():
        report, created = services.report_request(user=system, kind=ReportKind.ANNUAL, period=str(year),
                                                  organisation=organisation)
        made += created
        drafts.append(organisation)
        notify_all(
            users_with_role(Role.BROKER, organisation=organisation.pk),
            message=lambda name=organisation.name: (
                _("Concept-jaarrapportage %(year)s %(organisation)s") % {"year": year, "organisation": name},
                _("Het concept van de jaarlijkse voortgangsrapportage staat klaar voor beoordeling.")),
            url=reverse("monitoring:report-detail", args=[report.pk]), dedupe_key=f"monitoring-annual-{report.pk}")
    # The steering group hears which participants have a draft (the drafts themselves stay the
    # organisations' own until they are published).
    for programme in Programme.objects.filter(participants__in=drafts).distinct():
        names = sorted({o.name for o in drafts} & set(programme.participants.values_list("name", flat=True)))
        notify_all(
            users_with_role(Role.STEERING, programme=programme.pk),
            message=lambda names=names: (
                ngettext("Concept-jaarrapportages %(year)s: %(count)s deelnemer",
                         "Concept-jaarrapportages %(year)s: %(count)s deelnemers", len(names))
                % {"year": year, "count": len(names)},
                _("Concepten klaar bij: %(names)s") % {"names": ", ".join(names)}),
            url=reverse("monitoring:public-programme", args=[programme.slug]),
            dedupe_key=f"monitoring-annual-{year}-programme-{programme.pk}")
    return made
