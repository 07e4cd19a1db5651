"""Screens of a file import that runs as a background job (the register import, supplier
payments): upload → Job with progress → a report of bad and unmatched rows, shown on the page and
downloadable as CSV. An app names its model, form, Celery task and report module; the report
module has ``REPORT_PAGE_ROWS`` (rows shown per section), ``write_report_csv(report, out)`` and
``outcome(report)`` (the counts of a finished import, each a phrase, for its status sentence; ``counted``
and ``rows_read`` below write them). The report's messages are stored untranslated and written in the
reader's language when read (``import_messages``): the template gets them as ``report``, the CSV
writes them with ``import_messages.text``. The task stores the job's messages as message ids
(``gettext_noop``), which the template gets written as ``job_message`` (``jobs.job_message``)."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from impactportal.jobs import job_live, job_message, job_start, job_status_text
from impactportal.models import Job
from impactportal.money import number

from . import generic
from .import_messages import readable


class JobImportCreate(generic.ScopedCreateView):
    """Store the upload and start ``task`` (with ``import_id``) as a Job of the import's organisation."""

    task = None
    job_title = ""
    job_kind = ""

    def form_valid(self, form):
        with transaction.atomic():
            upload = form.save(commit=False)
            upload.uploaded_by = self.request.user
            upload.save()
            upload.job = job_start(task=self.task, title=str(self.job_title), kind=self.job_kind,
                                   user=self.request.user, organisation=upload.organisation, import_id=upload.pk)
            upload.save(update_fields=["job"])
        self.object = upload  # the upload page, should the form be sent again (``once``)
        return redirect(upload.get_absolute_url())


class JobImportDetail(generic.ScopedDetailView):
    """The import's progress and report; htmx polls swap in only the report partial."""

    partial_template_name = ""
    report_module = None

    def get_template_names(self):
        return [self.partial_template_name] if self.request.htmx else [self.template_name]

    def get_object(self, queryset=None):
        upload = super().get_object(queryset)
        job_live(upload.job)  # the rows are applied in one transaction: its progress is in the cache
        return upload

    def get_context_data(self, **kwargs):
        # ``report``: the stored report with its messages in the reader's language, not the uploader's;
        # ``job_message``: the job's step ("Bestand controleren", "Import verwerkt") likewise.
        job = self.object.job
        return super().get_context_data(**kwargs) | {"report_rows": self.report_module.REPORT_PAGE_ROWS,
                                                     "report": readable(self.object.report),
                                                     "job_message": job_message(job) if job else "",
                                                     "status_text": self.status_text()}

    def status_text(self) -> str:
        """The import's state in one sentence, for the page's status region and the polled
        report's ``data-status-text`` (static/js/portal.js announces it when it changes)."""
        job = self.object.job
        if not job:
            return ""
        # The outcome sentence reads the whole report: only once there is one to tell, not on every poll.
        done = self.done_text() if job.status == Job.Status.SUCCEEDED else ""
        return job_status_text(job, done=done, failed=_("De import is mislukt; er is niets gewijzigd."))

    def done_text(self) -> str:
        """A finished import's sentence with its outcome in counts: the report appears on the page
        all at once and is no live region, so the status says what it holds."""
        if not self.object.report:
            return _("De import is klaar; het rapport staat hieronder.")
        if self.object.report.get("refused"):  # no rows were counted: the file was refused as a whole
            return _("Het bestand is niet verwerkt; de reden staat hieronder.")
        outcome = self.report_module.outcome(self.object.report)
        return _("De import is klaar: %(outcome)s. Het rapport staat hieronder.") % {"outcome": ", ".join(outcome)}


def counted(n: int, phrase, *, always: bool = False) -> str | None:
    """One count of an import's ``outcome``: ``phrase(n)`` is the app's own ``ngettext`` call with
    "%(n)s" (written out in the app, so makemessages finds its msgids there), filled in with ``n`` as
    the reader's language writes numbers; None when there are none, unless the count is ``always`` said."""
    if not n and not always:
        return None
    return phrase(n) % {"n": number(n)}


def rows_read(n: int) -> str:
    """The rows of the uploaded file read, which every import's outcome starts with."""
    return ngettext("%(n)s regel gelezen", "%(n)s regels gelezen", n) % {"n": number(n)}


class JobImportReportDownload:
    """Mixin for a ``JobImportDetail``: the whole report as CSV (the page shows the first rows)."""

    filename = "import-{pk}.csv"

    def render_to_response(self, context, **response_kwargs):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename.format(pk=self.object.pk)}"'
        self.report_module.write_report_csv(self.object.report or {}, response)
        return response
