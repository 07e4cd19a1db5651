"""Heavy operations of the team workspace, timed by ``tests/perf/bench.py`` (OPERATIONS): each gets
the demo users by username."""

import datetime as dt

from django.utils import timezone


def print_all_modules(users):
    """The whole toolbox PDF of Haarlem (13 modules, linked data read live), as the print job does."""
    from impactportal.jobs import job_start
    from impactportal.models import Job

    from ..tasks import toolbox_pdf
    from .progress import organisation_for

    user = users["makelaar-haarlem"]
    organisation = organisation_for(user)
    job = job_start(task=toolbox_pdf, title="bench", kind="toolbox_pdf", user=user, organisation=organisation,
                    organisation_id=organisation.pk, module_number=None, language="nl")
    toolbox_pdf.apply(kwargs={"organisation_id": organisation.pk, "module_number": None, "language": "nl",
                              "job_id": job.pk})
    return Job.objects.get(pk=job.pk).file.size


def indicator_toolbox_progress(users):
    """``brokers.toolbox_progress`` for every organisation at once, for the last 30 days."""
    from impactportal.indicators import Period

    from ..indicators_toolbox import toolbox_progress

    end = timezone.now()
    return len(toolbox_progress(Period(end - dt.timedelta(days=30), end, "bench")))
