"""An approved report's PDF says so (first-time-user review): the page said "Vastgesteld … This
report no longer changes" while every page of the PDF still read "… · versie 1 · concept", because
the approval was stored without making the file again. The decision now makes the file (and the
department copy) with the approval's stamp, in its own transaction, before the file is frozen."""

import pytest
from django.urls import reverse

from monitoring import services
from monitoring.models import ReportRequest

from .test_payments_department import WITHHELD, _file_text, draft, snapshot, vastgoed  # noqa: F401  (fixtures)
from .test_reports import pdf_text

pytestmark = pytest.mark.django_db


def _stamp(text: str) -> str:
    at = text.index("versie 1")
    return text[at:at + 80]


def test_the_approved_report_file_says_who_approved_it_not_concept(annual, broker_haarlem, login):  # noqa: F811
    assert "versie 1 · concept" in pdf_text(annual)
    before = (annual.file.name, annual.checksum)
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved", note="Akkoord")
    annual.refresh_from_db()
    text = pdf_text(annual)
    assert "concept" not in text, _stamp(text)
    assert f"vastgesteld door {broker_haarlem}" in text
    # A new file, its checksum the one the page shows; the figures are the same snapshot's.
    assert (annual.file.name, annual.checksum) != before and len(annual.checksum) == 64
    response = login(broker_haarlem).get(reverse("monitoring:report-file", args=[annual.pk]))
    downloaded = _file_text(response)
    assert "concept" not in downloaded and "vastgesteld door" in downloaded
    # The approved file stays frozen as before.
    assert ReportRequest.objects.get(pk=annual.pk).is_approved


def test_a_request_for_changes_keeps_the_concept_file(annual, broker_haarlem):  # noqa: F811
    before = (annual.file.name, annual.checksum)
    services.review_decide(report=annual, by=broker_haarlem, outcome="changes_requested", note="Graag toelichten")
    annual.refresh_from_db()
    assert (annual.file.name, annual.checksum) == before and "versie 1 · concept" in pdf_text(annual)


def test_the_department_copy_of_an_approved_report_says_approved_too(draft, broker_haarlem, vastgoed, login):  # noqa: F811
    """Until publication a colleague of another department reads the department copy: after the
    approval it carries the same stamp (and still leaves out the department's figures)."""
    assert draft.department_file
    services.review_decide(report=draft, by=broker_haarlem, outcome="approved")
    draft.refresh_from_db()
    response = login(vastgoed).get(reverse("monitoring:report-file", args=[draft.pk]))
    text = _file_text(response)
    assert WITHHELD in text and "concept" not in text.replace("In dit concept", "")
    assert "vastgesteld door" in text
