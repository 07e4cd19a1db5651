"""The impact statement (a summary and the enterprise's own figures) took four pages, the second a
table of contents with two entries. A report with so few sections has no contents, and its sections
follow each other on the page: the title page and one page."""

import re

import pytest

from monitoring import registry, reports, services

from .test_reports import pdf_bytes_text, pdf_text

pytestmark = pytest.mark.django_db


def _pages(text: str) -> int:
    return int(re.search(r"pagina \d+ van (\d+)", text)[1])


def test_the_impact_statement_has_no_contents_and_fits_on_two_pages(haarlem, enterprise_haarlem, ondernemer_1,
                                                                    run_report):
    services.snapshot_take(period=registry.month_period(2025, 12))
    report, _created = run_report(user=ondernemer_1, kind="impact_statement", period="2025",
                                  enterprise=enterprise_haarlem)
    context = reports.build_context(report)
    assert len(context["sections"]) == 2 and not context["contents"]
    text = pdf_text(report)
    assert "Inhoud" not in text
    assert _pages(text) == 2
    assert text.index("Samenvatting") < text.index("Indicatoren") < text.index("Keurmerken")


def test_an_annual_report_keeps_its_contents(snapshots, broker_haarlem, haarlem, run_report):
    annual, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    context = reports.build_context(annual)
    assert context["contents"] and len(context["sections"]) == 5
    text = pdf_bytes_text(reports.render(annual))
    assert "Inhoud" in text and _pages(text) > 4
