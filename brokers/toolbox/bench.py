"""Heavy operations of the team workspace, timed by ``tests/perf/bench.py`` (OPERATIONS): each gets
the demo users by username."""

import datetime as dt

from django.utils import timezone


def print_all_modules(users):
    """The whole toolbox PDF of Haarlem (13 modules, linked data read live), as the print job does."""
    from impactportal.models import Job

    from .printing import toolbox_pdf_job
    from .progress import organisation_for

    user = users["makelaar-haarlem"]
    organisation = organisation_for(user)
    job = Job.objects.create(kind="toolbox_pdf", title="bench", created_by=user, organisation=organisation)
    toolbox_pdf_job(organisation_id=organisation.pk, module_number=None, language="nl", job_id=job.pk)
    return Job.objects.get(pk=job.pk).file.size


def indicator_toolbox_progress(users):
    """``brokers.toolbox_progress`` for every organisation at once, for the last 30 days."""
    from impactportal.indicators import Period

    from ..indicators_toolbox import toolbox_progress

    end = timezone.now()
    return len(toolbox_progress(Period(end - dt.timedelta(days=30), end, "bench")))
