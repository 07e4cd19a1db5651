"""Accessibility walk 10: the report page's status box polls and replaces itself every second; its
live region is the page's wrapper, which stays, and a finished report says so in words."""

import re
from unittest import mock

import pytest

from monitoring.models import ReportRequest

pytestmark = pytest.mark.django_db


def test_the_report_status_sits_in_a_live_region_that_stays(snapshots, login, broker_haarlem,
                                                            django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    with mock.patch("monitoring.tasks.build_report.apply_async") as enqueue, \
            django_capture_on_commit_callbacks(execute=True):
        enqueue.return_value.id = "be6fc3bd-0000-4000-8000-000000000000"
        response = client.post("/monitoring/rapporten/nieuw/", {"kind": "annual", "organisation": "haarlem",
                                                                 "period": "2025"})
    page = client.get(response.url).content.decode()
    assert re.search(r'<div id="report-status-live" aria-live="polite"><div id="report-status" hx-get="[^"]+" '
                     r'hx-trigger="every 1s" hx-swap="outerHTML">', page)
    polled = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert polled.lstrip().startswith('<div id="report-status" hx-get=') and "aria-live" not in polled
    ReportRequest.objects.update(status="done")
    done = client.get(response.url, HTTP_HX_REQUEST="true").content.decode()
    assert "aria-live" not in done and "hx-trigger" not in done
    assert '<strong data-status="done">Klaar</strong>: de PDF staat klaar om te openen.</p>' in done
