"""A reader's check of the steering group's report PDF: the charts draw the figures with a target
first; every figure says its unit and whether it is measured, estimated or self-declared; the
chapter per organisation, initiative and goal says what is missing instead of bare dashes; money
reads "€ 150.000,00"; the appendix labels each code; an English report page says, beside the
download, that the PDF is Dutch."""

from decimal import Decimal

import pytest
from django.utils import translation

from monitoring import reports
from monitoring.models import ProgrammeTheme, Target
from tests.monitoring.test_reports import pdf_bytes_text, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_report(snapshots, chair, programme, run_report):
    def make():
        report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
        return report

    return make


def _section(text: str, start: str, end: str) -> str:
    """The text from ``start`` to ``end`` in the report's body (after its contents page)."""
    at = text.index(start, text.index("Dit rapport beschrijft"))
    return text[at : text.index(end, at + len(start))]


# --- 1. the charts: figures with a target first ----------------------------------------------


def test_charts_draw_the_indicators_with_a_target_first(annual, haarlem, monkeypatch):
    """The first six rows (none with a target) were charted; the figures the steering group set a
    target for (helpdesk, jobs, MVI) never got a chart."""
    Target.objects.filter(organisation=haarlem).delete()
    measured = [row for row in reports.build_context(annual)["rows"] if row["value"] is not None]
    assert len(measured) >= 3
    last = measured[-1]
    Target.objects.create(code=last["code"], year=2025, organisation=haarlem, value=Decimal(50))
    monkeypatch.setattr(reports, "CHART_LIMIT", 2)
    context = reports.build_context(annual)
    names = [str(chart["name"]) for chart in context["charts"]]
    # the one with a target first, then the first of the others in the report's order; no more than the limit
    assert names == [str(last["name"]), str(measured[0]["name"])]
    assert context["charts_left_out"] == len(measured) - 2
    text = pdf_bytes_text(reports.render(annual))
    assert "Eerst getekend zijn de indicatoren met een doel" in _section(text, "Grafieken", "Per organisatie")


# --- 2. every figure with its unit and kind -------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "dutch", "english"),
    [
        (Decimal("27.9"), "percentage", "27,9%", "27.9%"),
        (Decimal("150000"), "money", "€\u00a0150.000,00", "€150,000.00"),
        (Decimal("100088.025"), "money", "€\u00a0100.088,03", "€100,088.03"),
        (Decimal(2326), "count", "2.326", "2,326"),
        (None, "money", "–", "–"),
    ],
)
def test_a_report_figure_carries_its_unit_sign_in_both_languages(value, unit, dutch, english):
    with translation.override("nl"):
        assert reports.figure(value, unit) == dutch
    with translation.override("en"):
        assert reports.figure(value, unit) == english


def test_the_goals_say_their_unit_and_kind(annual, haarlem):
    """ "Per doel" read "5 — 2,7": no unit, and not whether the figure is measured or self-declared."""
    Target.objects.filter(organisation=haarlem).delete()
    Target.objects.create(code="procurement.mvi_share", year=2025, organisation=haarlem, value=Decimal(5))
    Target.objects.create(
        code="enterprises.disadvantaged_jobs", year=2025, organisation=haarlem, value=Decimal(2559)
    )
    goals = {goal["name"]: goal for goal in reports.build_context(annual)["goals"]}
    mvi = next(goal for name, goal in goals.items() if "MVI" in str(name))
    assert (mvi["target"], mvi["unit"], mvi["basis"]) == ("5%", "procent", "gemeten")
    jobs = next(goal for name, goal in goals.items() if "Banen" in str(name))
    assert (jobs["target"], jobs["unit"], jobs["basis"]) == ("2.559", "aantal", "zelf opgegeven")
    part = _section(pdf_bytes_text(reports.render(annual)), "Per doel", "Bijlage")
    assert "Eenheid" in part and "Status" in part
    assert all(word in part for word in ("5%", "procent", "gemeten", "2.559", "aantal", "zelf opgegeven")), (
        part
    )


def test_the_table_per_organisation_and_the_charts_say_unit_and_kind(programme_report):
    """ "Voortgang toolbox" read "27,9, 41,9" with no unit; the charts named the unit only. (The
    toolbox's progress is no column since: a programme report does not list it.)"""
    report = programme_report()
    context = reports.build_context(report)
    details = [column["detail"] for part in context["level_parts"] for column in part["columns"]]
    assert len(details) == len(context["level_codes"]) and all(", " in detail for detail in details)
    assert "aantal, zelf opgegeven" in details  # the jobs the enterprises declare
    assert all(chart["detail"] for chart in context["charts"])
    text = pdf_text(report)
    levels = _section(text, "Per deelnemende organisatie", "Per initiatief")
    assert "eenheid, status" in levels and "zelf opgegeven" in levels and "aantal, gemeten" in levels
    assert "(aantal, gemeten)" in _section(text, "Grafieken", "Per organisatie")


# --- 3. and 4. the chapter per organisation, initiative and goal says what is missing -------------


def test_initiatives_without_coordinator_or_figures_say_so(programme_report, programme):
    """Initiatives were listed as "coördinator: —" with no figures and no explanation."""
    ProgrammeTheme.objects.filter(programme=programme).delete()
    ProgrammeTheme.objects.create(programme=programme, name="Impactfinanciering", order=1)
    ProgrammeTheme.objects.create(
        programme=programme, name="Impactnetwerken", order=2, coordinator_name="Floortje van Aken"
    )
    part = _section(pdf_text(programme_report()), "Per initiatief (thema)", "Per doel")
    assert "coördinator: —" not in part and "—" not in part.replace("Impactfinanciering —", "").replace(
        "Impactnetwerken —", ""
    )
    assert "Impactfinanciering — nog geen coördinator aangewezen" in part
    assert "Impactnetwerken — coördinator: Floortje van Aken" in part
    assert "er zijn geen cijfers per initiatief" in part


def test_a_programme_without_initiatives_says_so(programme_report, programme):
    ProgrammeTheme.objects.filter(programme=programme).delete()
    part = _section(pdf_text(programme_report()), "Per initiatief (thema)", "Per doel")
    assert "Dit programma heeft nog geen initiatieven (thema's) vastgelegd." in part


def test_an_organisations_report_says_why_each_part_of_the_chapter_is_empty(annual, haarlem):
    """The contents promised "Per organisatie, initiatief en doel"; the chapter held one sentence
    about goals."""
    Target.objects.filter(organisation=haarlem).delete()
    text = pdf_bytes_text(reports.render(annual))
    assert "Per organisatie, initiatief en doel" in text.split("Dit rapport beschrijft")[0]  # the contents
    chapter = _section(text, "Per organisatie, initiatief en doel Per deelnemende organisatie", "Bijlage")
    assert (
        "Dit rapport gaat over Gemeente Haarlem: cijfers per deelnemende organisatie staan alleen in een "
        "programmarapportage." in chapter
    )
    assert "Per initiatief (thema) Initiatieven (thema's) horen bij een programma" in chapter
    assert (
        "Per doel Nog geen doelen vastgelegd voor 2025: er is niets om de cijfers mee te vergelijken."
        in chapter
    )


# --- 5. money with its sign ------------------------------------------------------------------


def test_money_reads_with_the_euro_sign_in_the_tables(annual, haarlem):
    Target.objects.create(
        code="procurement.sroi_obligation", year=2025, organisation=haarlem, value=Decimal("2500000.00")
    )
    with translation.override("nl"):
        row = next(
            row
            for row in reports.build_context(annual)["rows"]
            if row["code"] == "procurement.sroi_obligation"
        )
        assert row["target"] == "€\u00a02.500.000,00"
    with translation.override("en"):
        row = next(
            row
            for row in reports.build_context(annual)["rows"]
            if row["code"] == "procurement.sroi_obligation"
        )
        assert row["target"] == "€2,500,000.00"
    indicators = _section(pdf_bytes_text(reports.render(annual)), "Indicatoren", "Grafieken")
    assert "€ 2.500.000,00" in indicators


# --- 6. the appendix labels the code ---------------------------------------------------------


def test_the_appendix_labels_each_indicators_code(annual):
    """The appendix printed bare keys ("brokers.actions_completed") under each name."""
    rows = reports.build_context(annual)["rows"]
    appendix = pdf_text(annual).split("Bijlage: bronnen en status")[-1].replace(". ", ".").replace("_ ", "_")
    assert appendix.count("code: ") == len(rows)
    assert all(f"code: {row['code']}" in appendix for row in rows), appendix


# --- 7. the English page says the PDF is Dutch, beside the download -----------------------------


def test_the_english_report_page_says_beside_the_download_that_the_pdf_is_dutch(
    annual, login, broker_haarlem
):
    client = login(broker_haarlem)
    assert 'id="report-language"' not in client.get(annual.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "en"
    for html in (
        client.get(annual.get_absolute_url()).content.decode(),
        client.get(annual.get_absolute_url(), headers={"HX-Request": "true"}).content.decode(),
    ):
        status = html[html.index('id="report-status"') :]
        status = status[: status.index("</div>")]
        assert status.index('id="report-pdf"') < status.index('id="report-language"'), status
    assert "The PDF is in Dutch, the language in which the report is adopted." in status  # a draft
