"""Accessibility walk 10: a progress box that polls and replaces itself every second sits in a live
region that stays (the page's wrapper), so a screen reader hears its news; the polled partial has
no live region of its own (a new live node each second was announced unreliably), and a finished
box says so in words."""

import re

import pytest
from django.urls import reverse

from enterprises.models import RegisterImport
from impactportal.models import Job
from procurement.models import PaymentImport

pytestmark = pytest.mark.django_db


def _live_wrapper(html: str, wrapper: str, polled: str) -> None:
    assert re.search(rf'<div id="{wrapper}" aria-live="polite">(\{{#.*?#\}})?<div id="{polled}"', html), html
    assert html.count("aria-live") == html.count('aria-live="polite"')


def _polled_partial(html: str, polled: str) -> None:
    assert html.lstrip().startswith(f'<div id="{polled}"') and "aria-live" not in html
    assert 'hx-swap="outerHTML"' in html and "<html" not in html


def test_the_job_page_keeps_its_live_region(login, broker_haarlem, haarlem):
    job = Job.objects.create(kind="export", title="Export", created_by=broker_haarlem, organisation=haarlem,
                             status=Job.Status.RUNNING, progress=40)
    client = login(broker_haarlem)
    url = reverse("job-detail", args=[job.pk])
    _live_wrapper(client.get(url).content.decode(), "job-progress-live", "job-progress")
    _polled_partial(client.get(url, HTTP_HX_REQUEST="true").content.decode(), "job-progress")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, progress=100, file="exports/1-x.csv")
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "aria-live" not in done and "hx-trigger" not in done  # polling stops
    assert '<p class="utrecht-paragraph" id="job-ready">Klaar: het bestand staat klaar om te downloaden.</p>' in done


@pytest.mark.parametrize("kind", ["register", "payments"])
def test_an_import_page_keeps_its_live_region(kind, login, broker_haarlem, haarlem):
    job = Job.objects.create(kind="import", title="Import", created_by=broker_haarlem, organisation=haarlem,
                             status=Job.Status.RUNNING, progress=10)
    model = RegisterImport if kind == "register" else PaymentImport
    batch = model.objects.create(organisation=haarlem, uploaded_by=broker_haarlem, file="imports/x.csv", job=job)
    client = login(broker_haarlem)
    url = batch.get_absolute_url()
    _live_wrapper(client.get(url).content.decode(), "import-report-live", "import-report")
    _polled_partial(client.get(url, HTTP_HX_REQUEST="true").content.decode(), "import-report")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, progress=100)
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "aria-live" not in done and "hx-trigger" not in done
    assert 'id="import-done">De import is klaar; het rapport staat hieronder.</p>' in done
