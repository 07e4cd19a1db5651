"""Accessibility walk 10 (and its review): the report page's status box polls and replaces itself
every second, so it is no live region and sits in none (its status, percentage and, once done, its
PDF link were read out each second); the page's one status, outside it, holds one sentence of the
report's state, which the box carries (data-status-text) for static/js/portal.js to write there
when it changes. A finished report says so in words."""

from unittest import mock

import pytest

from impactportal.models import Job
from monitoring.models import ReportRequest
from tests.core.test_a11y_progress_10 import assert_page, assert_partial

pytestmark = pytest.mark.django_db


def test_the_report_page_announces_changes_of_state_not_each_step(snapshots, login, broker_haarlem,
                                                                  django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    with mock.patch("monitoring.tasks.build_report.apply_async") as enqueue, \
            django_capture_on_commit_callbacks(execute=True):
        enqueue.return_value.id = "be6fc3bd-0000-4000-8000-000000000000"
        response = client.post("/monitoring/rapporten/nieuw/", {"kind": "annual", "organisation": "haarlem",
                                                                 "period": "2025"})
    url = response.url
    assert_page(client.get(url).content.decode(), "report-status", "In de wachtrij")
    assert_partial(client.get(url, HTTP_HX_REQUEST="true").content.decode(), "report-status", "In de wachtrij",
                   polls=True)
    report = ReportRequest.objects.get()
    assert report.job_id
    for progress in (40, 70):  # each step the same sentence: nothing new to announce
        ReportRequest.objects.update(status="running")
        Job.objects.filter(pk=report.job_id).update(status=Job.Status.RUNNING, progress=progress)
        assert_page(client.get(url).content.decode(), "report-status", "Bezig")
        polled = client.get(url, HTTP_HX_REQUEST="true").content.decode()
        assert_partial(polled, "report-status", "Bezig", polls=True)
        assert f'value="{progress}"' in polled  # the bar still moves
    ReportRequest.objects.update(status="done")
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert_partial(done, "report-status", "Klaar: de PDF staat klaar om te openen.", polls=False)
    assert '<strong data-status="done">Klaar</strong>: de PDF staat klaar om te openen.</p>' in done
    # Without JavaScript nothing polls: the page, reloaded, holds the current sentence.
    assert_page(client.get(url).content.decode(), "report-status", "Klaar: de PDF staat klaar om te openen.")
    ReportRequest.objects.update(status="failed", error="Geen gegevens.")
    assert_partial(client.get(url, HTTP_HX_REQUEST="true").content.decode(), "report-status",
                   "Het maken van het rapport is mislukt.", polls=False)
