"""Fixes from the user review of the reports: no report of a year without a measurement of its
own (a future year described with last month's measurement), the evaluation's baseline named by
its date and listed in the contents, no task id on the report page and no "being made" once it is
done, and indicator codes in the appendix that wrap only after a "." or "_"."""

import re
import subprocess
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import dateformat, formats, timezone, translation

from monitoring import registry, reports, services
from monitoring.models import ReportRequest, Snapshot, Target
from tests.monitoring.test_reports import pdf_text
from tests.pdf_words import PDFTOTEXT, words_outside_the_margins

pytestmark = pytest.mark.django_db

NEXT_YEAR = str(timezone.localdate().year + 1)


# --- 1. a year without a measurement of its own -----------------------------------------------


def test_a_future_year_is_refused_in_the_form_the_service_and_the_api(snapshots, login, api, broker_haarlem,
                                                                        haarlem):
    """2031 was accepted and described with the measurement of last November; 1999 was refused."""
    measured = Snapshot.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.report_request(user=broker_haarlem, kind="annual", period=NEXT_YEAR, organisation=haarlem)
    assert NEXT_YEAR in refused.value.message_dict["period"][0]

    client = login(broker_haarlem)
    client.cookies["django_language"] = "en"
    for year in (NEXT_YEAR, "1999"):
        response = client.post("/monitoring/rapporten/nieuw/", {"kind": "annual", "organisation": "haarlem",
                                                                 "period": year})
        assert response.status_code == 400, year
        errors = response.context["form"].errors
        assert list(errors) == ["period"] and year in errors["period"][0], errors

    response = api(broker_haarlem).post("/api/v1/monitoring/reports/", {"kind": "annual", "organisation": "haarlem",
                                                                        "period": NEXT_YEAR}, format="json")
    assert response.status_code == 400 and NEXT_YEAR in str(response.json())
    assert not ReportRequest.objects.exists() and Snapshot.objects.count() == measured


def test_in_january_this_year_has_no_measurement_of_its_own_yet(snapshots, broker_haarlem, haarlem, run_report,
                                                               monkeypatch):
    """Asked in January 2026, a report of 2026 would describe 2026 with December 2025's measurement."""
    monkeypatch.setattr(registry, "previous_month", lambda today=None: registry.month_period(2025, 12))
    with pytest.raises(ValidationError) as refused:
        services.report_request(user=broker_haarlem, kind="annual", period="2026", organisation=haarlem)
    assert "2026" in refused.value.message_dict["period"][0]
    report, created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert created and report.snapshot == snapshots  # last year's report is made from its December


def test_this_year_is_still_reported_from_last_months_measurement(register, broker_haarlem, haarlem, monkeypatch):
    monkeypatch.setattr(registry, "previous_month", lambda today=None: registry.month_period(2026, 11))
    services.check_period("2026")
    report, created = services.report_request(user=broker_haarlem, kind="annual", period="2026",
                                              organisation=haarlem, enqueue=False)
    assert created and report.snapshot.label == "2026-11"


# --- 2. the evaluation's baseline -------------------------------------------------------------


def test_the_evaluation_names_its_baseline_by_date_and_lists_it_in_the_contents(snapshots, programme,
                                                                                 broker_haarlem, haarlem, run_report):
    """The PDF printed "Nulmeting: Nulmeting nulmeting city-deal-impact-ondernemen." and its
    contents left the section out."""
    report, _created = run_report(user=broker_haarlem, kind="evaluation", period="2025", organisation=haarlem)
    assert report.status == "done"
    text = pdf_text(report)
    with translation.override("nl"):
        start = dateformat.format(programme.start_date, formats.get_format("DATE_FORMAT"))
    assert f"Nulmeting: de stand bij de start van City Deal op {start};" in text
    assert "nulmeting city-deal" not in text.lower()
    contents = text.split("Inhoud", 1)[1].split("pagina 2 van", 1)[0]
    assert "Indicatoren" in contents and "Nulmeting, nu en doel" in contents
    assert contents.index("Indicatoren") < contents.index("Nulmeting, nu en doel") < contents.index("Grafieken")


def test_an_annual_report_lists_no_evaluation_in_its_contents(snapshots, broker_haarlem, haarlem, run_report):
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert "Nulmeting, nu en doel" not in pdf_text(report)


# --- 3. the report page -----------------------------------------------------------------------


def test_the_report_page_shows_no_task_id_and_a_done_report_is_not_being_made(snapshots, login, broker_haarlem):
    """The page showed "Task be6fc3bd-…" next to "Het rapport wordt gemaakt." while the status said done."""
    client = login(broker_haarlem)
    # As in production: the task is queued when the request commits (here: at once, eagerly).
    with mock.patch("monitoring.services.transaction.on_commit", side_effect=lambda func, *a, **k: func()):
        response = client.post("/monitoring/rapporten/nieuw/", {"kind": "annual", "organisation": "haarlem",
                                                                 "period": "2025"}, follow=True)
    report = ReportRequest.objects.get()
    assert report.status == "done" and report.task_id
    page = response.content.decode()
    assert 'data-status="done"' in page
    assert "Het rapport is klaar." in page and "wordt gemaakt" not in page
    assert report.task_id not in page and "Taak" not in page
    # The checksum is folded under a summary that says what it is for, not a bare hash (phone walk).
    folded = page[page.index('<details id="report-checksum">'):]
    folded = folded[:folded.index("</details>")]
    assert "<summary>Controlegetal van de PDF</summary>" in folded and report.checksum in folded
    assert page.count(report.checksum) == 1
    client.cookies["django_language"] = "en"
    page = client.get(report.get_absolute_url()).content.decode()
    assert report.task_id not in page and "Task" not in page


def test_a_queued_report_says_it_is_being_made(snapshots, login, broker_haarlem, django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    with mock.patch("monitoring.tasks.build_report.apply_async") as enqueue, \
            django_capture_on_commit_callbacks(execute=True):
        enqueue.return_value.id = "be6fc3bd-0000-4000-8000-000000000000"
        response = client.post("/monitoring/rapporten/nieuw/", {"kind": "annual", "organisation": "haarlem",
                                                                 "period": "2025"})
    page = client.get(response.url).content.decode()
    assert 'data-status="queued"' in page and "Het rapport wordt gemaakt." in page
    assert "be6fc3bd" not in page


# --- 4. indicator codes in the appendix -------------------------------------------------------


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>')


def first_column_of_the_appendix(content: bytes) -> str:
    """The words of the appendix's first column (indicator names and codes) line by line, page
    by page (``pdftotext -bbox`` lists them in no reliable order)."""
    run = subprocess.run([PDFTOTEXT, "-bbox", "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603
    pages = run.stdout.decode().split("<page ")[1:]
    words = [(page, float(y0), float(x0), word) for page, text in enumerate(pages)
             for x0, y0, word in WORD.findall(text)]
    words.sort()
    start = next(i for i, (_p, _y, _x, word) in enumerate(words) if word == "Bijlage:" and words[i + 1][3] == "bronnen")
    column_end = next(x0 for _p, _y, x0, word in words[start:] if word == "Definitie")
    return " ".join(word for _p, _y, x0, word in words[start + 4:] if x0 < column_end)


def split_inside_a_word(text: str, code: str) -> list[str]:
    """Where ``code`` stands in ``text`` broken by white space (line ends), the pieces that end
    elsewhere than after a "." or "_"; the code not found at all is an error too."""
    found = re.search(r"\s*".join(re.escape(char) for char in code), text)
    if found is None:
        return [f"{code} missing"]
    pieces = found[0].split()
    return [piece for piece in pieces[:-1] if piece[-1] not in "._"]


def test_indicator_codes_break_only_after_a_dot_or_an_underscore(snapshots, broker_haarlem, haarlem, run_report):
    """The appendix split "ecosystem.properties_allocate / d" at the line end. A target for every
    indicator puts every code in the appendix."""
    for indicator in registry.indicators():
        Target.objects.update_or_create(code=indicator.code, year=2025, organisation=haarlem,
                                        defaults={"value": Decimal(1)})
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    content = reports.render(report)
    column = first_column_of_the_appendix(content)
    codes = [row["code"] for row in reports.build_context(report)["rows"]]
    assert "ecosystem.properties_allocated" in codes and "\u200b" not in column
    assert {code: split_inside_a_word(column, code) for code in codes
            if split_inside_a_word(column, code)} == {}
    assert words_outside_the_margins(content) == []


def test_code_breaks_escapes_and_marks_the_break_points():
    assert reports.code_breaks("ecosystem.properties_allocated") == "ecosystem.<wbr>properties_<wbr>allocated"
    assert reports.code_breaks("a<b>.c") == "a&lt;b&gt;.<wbr>c"

