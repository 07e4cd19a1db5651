"""List exports too large for a request run as a background job.

The job replays the list view as the user who asked (same URL, same filters, same access
scope), so a background export contains exactly what the screen would have exported."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.test import RequestFactory
from django.urls import resolve
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails

from .jobs import job_finish, job_progress
from .models import Job
from .tasks import portal_task

# Up to this many rows an export is built in the request; above it, in a Celery job.
SYNC_EXPORT_LIMIT = 5000
BACKGROUND_FLAG = "_portal_background_export"


@portal_task(name="impactportal.exports.export_list")
def export_list(*, path: str, query: str, job_id: int) -> str:
    job = Job.objects.select_related("created_by").get(pk=job_id)
    if job.result.get("file"):  # already done: running twice changes nothing
        return job.result["file"]
    job_progress(job_id, 10, _("De export wordt gemaakt…"))
    request = RequestFactory().get(path, QueryDict(query))
    request.user = job.created_by
    request.htmx = HtmxDetails(request)
    setattr(request, BACKGROUND_FLAG, True)
    match = resolve(path)
    response = match.func(request, *match.args, **match.kwargs)
    disposition = response.get("Content-Disposition", "")
    filename = disposition.split("filename=")[-1].strip('"') if "filename=" in disposition else "export.csv"
    name = default_storage.save(f"exports/{job_id}-{filename}", ContentFile(response.content))
    job_finish(job_id, {"file": name, "rows": job.result.get("rows")}, _("De export is klaar."))
    return name
