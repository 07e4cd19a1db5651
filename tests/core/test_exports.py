"""Large list exports run as a background job; only the user who asked downloads the file."""

import pytest
from django.urls import reverse

from brokers.models import BudgetLine
from impactportal import exports
from impactportal.models import Job
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines(haarlem, amersfoort):
    for year in range(2001, 2011):
        BudgetLine.objects.create(organisation=haarlem, year=year, kind="network", amount=1000)
    BudgetLine.objects.create(organisation=amersfoort, year=2005, kind="network", amount=99999)


def test_small_export_is_immediate(login, broker_haarlem, lines, monkeypatch):
    monkeypatch.setattr(exports, "SYNC_EXPORT_LIMIT", 100)
    response = login(broker_haarlem).get(reverse("brokers:budget-list") + "?_export=csv")
    assert response.status_code == 200 and response.content.decode().count("\n") == 11
    assert not Job.objects.exists()


def test_large_export_becomes_a_job_with_a_download(client, broker_haarlem, lines, monkeypatch,
                                                     django_capture_on_commit_callbacks):
    monkeypatch.setattr(exports, "SYNC_EXPORT_LIMIT", 5)
    client.force_login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("brokers:budget-list") + "?year=2005&_export=csv")
    # A filter that leaves one row stays synchronous …
    assert response.status_code == 200 and not Job.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("brokers:budget-list") + "?_export=csv")
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == reverse("job-detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.kind == "export"
    page = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert 'id="job-download"' in page
    download = client.get(reverse("job-detail", args=[job.pk]) + "?download=1")
    body = b"".join(download.streaming_content).decode()
    # … and the file holds exactly the rows the broker sees: ten Haarlem lines, no Amersfoort.
    assert body.count("\n") == 11 and "99999" not in body
    # Running the task again changes nothing.
    assert exports.export_list(view="brokers.views.BudgetList", query="", export_format="csv", language="nl",
                               job_id=job.pk) == job.file.name


def test_only_the_requester_downloads(login, broker_haarlem, broker_amersfoort, haarlem):
    job = Job.objects.create(kind="export", title="Export", created_by=broker_haarlem, organisation=haarlem,
                             status=Job.Status.SUCCEEDED, result={"file": "exports/1-x.csv"})
    colleague_broker = f.broker(haarlem, "tweede-makelaar")
    url = reverse("job-detail", args=[job.pk]) + "?download=1"
    assert login(broker_amersfoort).get(url).status_code == 404
    assert login(colleague_broker).get(url).status_code == 403
