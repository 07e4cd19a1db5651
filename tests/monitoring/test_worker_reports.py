"""Runs only where CI starts a real Celery worker (PostgreSQL + Redis): ``pytest -m worker``.
A report is requested through the API and the worker builds it: status, progress, checksum and
the PDF come back as the API promises."""

import os
import time
from pathlib import Path

import pytest

from monitoring import registry, services
from monitoring.models import ReportRequest
from tests import factories as f

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_report_is_built_by_a_real_worker(settings, api):
    assert os.environ.get("CELERY_BROKER_URL"), "run with CELERY_BROKER_URL and a worker (see .ci/run)"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    # The worker stores the PDF in its own media folder; read it from there.
    settings.MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", Path(settings.BASE_DIR) / "media"))
    from impactportal.celery import app

    app.conf.task_always_eager = False
    haarlem = f.OrganisationFactory(name="Gemeente Haarlem", slug="haarlem")
    f.EnterpriseFactory(municipality=haarlem, headcount=4, disadvantaged_count=3)
    broker = f.broker(haarlem, "makelaar-worker")
    services.snapshot_take(period=registry.month_period(2025, 12))
    client = api(broker)
    response = client.post("/api/v1/monitoring/reports/", {"kind": "annual", "organisation": "haarlem",
                                                           "period": "2025"}, format="json")
    assert response.status_code == 202
    report_id = response.json()["id"]
    deadline = time.monotonic() + 90
    detail = {}
    while time.monotonic() < deadline:
        detail = client.get(f"/api/v1/monitoring/reports/{report_id}/").json()
        if detail["status"] in ("done", "failed"):
            break
        time.sleep(0.5)
    assert detail["status"] == "done", detail
    assert detail["progress"] == 100 and len(detail["checksum"]) == 64 and detail["task_id"]
    pdf = client.get(f"/api/v1/monitoring/reports/{report_id}/file/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    # The same request again: the same report, no second file.
    again = client.post("/api/v1/monitoring/reports/", {"kind": "annual", "organisation": "haarlem",
                                                        "period": "2025"}, format="json")
    assert again.json()["id"] == report_id and ReportRequest.objects.count() == 1
