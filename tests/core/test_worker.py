"""Runs only where CI starts a real Celery worker (PostgreSQL + Redis): ``pytest -m worker``."""

import os

import pytest

from impactportal.accounts.models import Organisation

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_task_round_trip_through_real_worker(settings):
    assert os.environ.get("CELERY_BROKER_URL"), "run with CELERY_BROKER_URL and a worker (see .ci/run)"
    from impactportal.tasks import count_organisations, heartbeat

    settings.CELERY_TASK_ALWAYS_EAGER = False
    from impactportal.celery import app

    app.conf.task_always_eager = False
    Organisation.objects.create(name="Gemeente Worker", slug="worker", kind="gemeente")
    assert heartbeat.delay().get(timeout=30)
    # The worker reads the same (test) database: it sees the organisation just committed.
    assert count_organisations.delay().get(timeout=30) == Organisation.objects.count() == 1
