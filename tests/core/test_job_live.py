"""``jobs.job_live``: a page reads how far a task is from what the task last reported, where the
job's row trails it (a task that applies its rows in one transaction writes the row where no
other connection sees it until the commit; tests/concurrency/test_job_progress.py shows that on
PostgreSQL)."""

import pytest
from django.core.cache import cache

from impactportal.jobs import job_finish, job_live, job_progress
from impactportal.models import Job


@pytest.fixture
def job(broker_haarlem):
    cache.clear()
    return Job.objects.create(kind="import", title="Import", created_by=broker_haarlem)


def _row_back_to(job, progress, status=Job.Status.RUNNING):
    """The row as another connection reads it while the task's transaction is open."""
    Job.objects.filter(pk=job.pk).update(progress=progress, status=status, message="Bestand controleren")
    return Job.objects.get(pk=job.pk)


@pytest.mark.django_db
def test_the_task_s_last_progress_shows_where_the_row_trails(job):
    job_progress(job.pk, 65, "5/10")
    shown = job_live(_row_back_to(job, 30, Job.Status.QUEUED))
    assert (shown.status, shown.progress, shown.message) == (Job.Status.RUNNING, 65, "5/10")


@pytest.mark.django_db
def test_the_row_shows_where_it_is_as_far_or_further(job):
    job_progress(job.pk, 30, "0/10")
    for row_progress in (30, 31):
        shown = job_live(_row_back_to(job, row_progress))
        assert (shown.progress, shown.message) == (row_progress, "Bestand controleren")


@pytest.mark.django_db
def test_a_finished_job_is_its_row(job):
    job_progress(job.pk, 90, "9/10")
    job_finish(job.pk, {}, message="Import verwerkt")
    shown = job_live(Job.objects.get(pk=job.pk))
    assert (shown.status, shown.progress, shown.message) == (Job.Status.SUCCEEDED, 100, "Import verwerkt")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, progress=30)
    assert job_live(Job.objects.get(pk=job.pk)).progress == 30  # a failure undid the rows: it says so


@pytest.mark.django_db
def test_nothing_reported_and_no_job(job):
    assert job_live(None) is None
    assert job_live(Job.objects.get(pk=job.pk)).progress == 0


@pytest.mark.django_db
def test_progress_is_bounded_in_the_cache_as_in_the_row(job):
    job_progress(job.pk, 250, "x" * 600)
    shown = job_live(_row_back_to(job, 0))
    assert shown.progress == 100 and len(shown.message) == 500
