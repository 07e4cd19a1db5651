"""Accessibility walk 10 (and its review): a progress box that polls and replaces itself every
second is no live region and sits in none: inside one, every poll put new nodes in it and a screen
reader read status, message and progress out each second, and a finished import its whole report.
The page has one status instead (role="status", outside the box), holding one sentence of the
state; the box carries that sentence (data-status-text, without the percentage) and
static/js/portal.js writes it to the status when it changed, so each change of state is heard once."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from enterprises.models import RegisterImport
from impactportal.models import Job
from procurement.models import PaymentImport

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class ProgressPage(HTMLParser):
    """The polled box ``polled`` of a page or partial: its attributes, its ancestors' attributes,
    and the page's status regions (role="status"): attributes, text, and whether inside the box."""

    def __init__(self, html: str, polled: str):
        super().__init__(convert_charrefs=True)
        self.polled, self.box, self.ancestors, self.statuses, self._stack = polled, None, None, [], []
        self.feed(html)
        self.close()
        assert self.box is not None, html

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") == self.polled:
            self.box, self.ancestors = attrs, [a for _t, a, _s in self._stack]
        inside = attrs.get("id") == self.polled or any(a.get("id") == self.polled for _t, a, _s in self._stack)
        status = None
        if attrs.get("role") == "status" and "portal-messages" not in attrs.get("class", ""):
            status = {"attrs": attrs, "text": "", "inside": inside}
            self.statuses.append(status)
        if tag not in VOID:
            self._stack.append((tag, attrs, status))

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        for _tag, _attrs, status in self._stack:
            if status is not None:
                status["text"] += data

    @property
    def status(self) -> dict:
        """The page's one status for the box: outside it, visually hidden, naming it."""
        assert len(self.statuses) == 1, self.statuses
        (status,) = self.statuses
        assert not status["inside"] and status["attrs"]["data-status-of"] == self.polled
        assert status["attrs"]["class"] == "visually-hidden" and status["attrs"]["id"].endswith("-status")
        return status


def assert_page(html: str, polled: str, sentence: str) -> None:
    """A full page: no live region around or in the box; one status outside it, with the sentence."""
    page = ProgressPage(html, polled)
    assert not any("aria-live" in a or a.get("role") == "status" for a in page.ancestors + [page.box])
    assert page.status["text"] == sentence
    assert page.box["data-status-text"] == sentence


def assert_partial(html: str, polled: str, sentence: str, *, polls: bool) -> None:
    """What htmx swaps in: the box alone, no live region, its sentence in data-status-text."""
    assert html.lstrip().startswith(f'<div id="{polled}"') and "<html" not in html
    assert "aria-live" not in html and 'role="status"' not in html
    page = ProgressPage(html, polled)
    assert page.box["data-status-text"] == sentence
    assert ('hx-trigger="every 1s"' in html) is polls and ('hx-swap="outerHTML"' in html) is polls


def test_the_job_page_announces_changes_of_state_not_each_step(login, broker_haarlem, haarlem):
    job = Job.objects.create(kind="export", title="Export", created_by=broker_haarlem, organisation=haarlem)
    client = login(broker_haarlem)
    url = reverse("job-detail", args=[job.pk])
    assert_page(client.get(url).content.decode(), "job-progress", "In de wachtrij")
    assert_partial(client.get(url, HTTP_HX_REQUEST="true").content.decode(), "job-progress", "In de wachtrij",
                   polls=True)
    for progress in (40, 70):  # the same sentence at each step: nothing new to announce
        Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, progress=progress, message="40/100")
        assert_page(client.get(url).content.decode(), "job-progress", "Bezig")
        polled = client.get(url, HTTP_HX_REQUEST="true").content.decode()
        assert_partial(polled, "job-progress", "Bezig", polls=True)
        assert f'value="{progress}"' in polled  # the bar still moves
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, progress=100, file="exports/1-x.csv")
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert_partial(done, "job-progress", "Klaar: het bestand staat klaar om te downloaden.", polls=False)
    assert '<p class="utrecht-paragraph" id="job-ready">Klaar: het bestand staat klaar om te downloaden.</p>' in done
    # Without JavaScript nothing polls: the page, reloaded, holds the current sentence.
    assert_page(client.get(url).content.decode(), "job-progress", "Klaar: het bestand staat klaar om te downloaden.")
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, file="", error="Schijf vol.")
    assert_partial(client.get(url, HTTP_HX_REQUEST="true").content.decode(), "job-progress", "De taak is mislukt.",
                   polls=False)


@pytest.mark.parametrize("kind", ["register", "payments"])
def test_an_import_page_announces_changes_of_state_not_its_report(kind, login, broker_haarlem, haarlem):
    job = Job.objects.create(kind="import", title="Import", created_by=broker_haarlem, organisation=haarlem,
                             status=Job.Status.RUNNING, progress=10, message="10/100")
    model = RegisterImport if kind == "register" else PaymentImport
    batch = model.objects.create(organisation=haarlem, uploaded_by=broker_haarlem, file="imports/x.csv", job=job)
    client = login(broker_haarlem)
    url = batch.get_absolute_url()
    assert_page(client.get(url).content.decode(), "import-report", "Bezig")
    assert_partial(client.get(url, HTTP_HX_REQUEST="true").content.decode(), "import-report", "Bezig", polls=True)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.SUCCEEDED, progress=100)
    model.objects.filter(pk=batch.pk).update(report={"total_rows": 1, "matched": [], "unknown": [], "applied": 1})
    done = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    # Finished, the status says what the report holds (walk 11: the report itself is not read out).
    finished = ("De import is klaar: 1 regel gelezen, 0 gevonden in het register. Het rapport staat hieronder."
                if kind == "register" else
                "De import is klaar: 1 regel gelezen, 1 betaling verwerkt. Het rapport staat hieronder.")
    assert_partial(done, "import-report", finished, polls=False)
    assert 'id="import-done">De import is klaar; het rapport staat hieronder.</p>' in done
    assert_page(client.get(url).content.decode(), "import-report", finished)
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error="Onleesbaar bestand.")
    assert_partial(client.get(url, HTTP_HX_REQUEST="true").content.decode(), "import-report",
                   "De import is mislukt; er is niets gewijzigd.", polls=False)


def test_a_refused_payments_import_says_nothing_was_processed(login, broker_haarlem, haarlem):
    job = Job.objects.create(kind="import", title="Import", created_by=broker_haarlem, organisation=haarlem,
                             status=Job.Status.SUCCEEDED, progress=100)
    batch = PaymentImport.objects.create(
        organisation=haarlem, uploaded_by=broker_haarlem, file="imports/x.csv", job=job,
        report={"total_rows": 2, "applied": 0, "malformed": [{"line": 2, "message": "x"}, {"line": 3, "message": "y"}]})
    client = login(broker_haarlem)
    refused = "Er is niets verwerkt: 2 regels bevatten een fout. Herstel het bestand en importeer het opnieuw."
    assert_page(client.get(batch.get_absolute_url()).content.decode(), "import-report", refused)
