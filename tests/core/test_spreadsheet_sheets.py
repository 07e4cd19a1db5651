"""A workbook with several worksheets (a sheet of notes or totals before the data): both imports
read the first worksheet whose header row their own header check accepts, say on the import's
report which worksheet they read, and refuse a workbook none of whose worksheets fits with a
message naming the worksheets found. A workbook with one worksheet is read as before."""

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises import imports
from enterprises.constants import Scheme
from enterprises.models import Certification, RegisterImport
from impactportal.models import Job
from impactportal.spreadsheet_rows import Header, Unreadable, read_rows
from impactportal.ui.import_messages import text as message_text
from procurement import payment_imports
from procurement.models import PaymentImport, SupplierPayment
from tests import factories as f

pytestmark = pytest.mark.django_db
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAYMENTS_HEADER = ["kvk-nummer", "naam", "datum", "bedrag excl. btw", "kostensoort"]
REGISTER_HEADER = ["kvk_nummer", "naam", "regeling", "geldig_tot", "nummer"]
NOTES = [["Toelichting bij de export"], ["Gemaakt door de financiële administratie"], [], ["Totaal", 1234.5]]
LATER = dt.date.today() + dt.timedelta(days=700)
TODAY = dt.date(2026, 1, 1)


def book(sheets: dict, cached: dict | None = None) -> bytes:
    """An .xlsx with a worksheet per ``{title: rows}``, in that order; ``cached`` gives formula cells
    of a worksheet the value a spreadsheet saves with them ({"sheet2": {"D3": "250"}})."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    if not cached:
        return out.getvalue()
    source, out = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            for part, cells in cached.items():
                if info.filename == f"xl/worksheets/{part}.xml":
                    text = data.decode()
                    for ref, value in cells.items():
                        text, count = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>.*?</f>)<v\s*/>',
                                              rf"\g<1>\g<2><v>{value}</v>", text)
                        assert count == 1, ref
                    data = text.encode()
            target.writestr(info, data)
    return out.getvalue()


def payments_book(**extra) -> bytes:
    return book({"Toelichting": NOTES, "Betalingen": [
        PAYMENTS_HEADER,
        [90000001, "Kerstpakketten Sociaal", dt.datetime(2025, 12, 15), 1234.56, "Relatiegeschenken"],
        [],
        [None, "Foreign Supplier Ltd", "31-03-2025", "1.000,00", "Advies"],
    ], **extra})


# --- the reader -----------------------------------------------------------------------------------


def test_the_first_worksheet_with_the_imports_header_is_read():
    rows, bad = parsed = payment_imports.parse(payments_book(), today=TODAY)
    assert bad == [] and parsed.sheet == "Betalingen"
    assert [(row.line, row.name, row.amount) for row in rows] == [
        (2, "Kerstpakketten Sociaal", Decimal("1234.56")), (4, "Foreign Supplier Ltd", Decimal("1000.00"))]
    records = list(read_rows(payments_book(), max_rows=10, header_check=payment_imports._header_check))
    header = records[0][1]
    assert isinstance(header, Header) and header.sheet == "Betalingen" and records[0] == (1, PAYMENTS_HEADER)
    # Without the import's check the reader takes the first worksheet, as it always did.
    assert list(read_rows(payments_book(), max_rows=10))[0] == (1, ["Toelichting bij de export"])


def test_of_two_fitting_worksheets_the_first_is_read_and_a_csv_names_none():
    raw = book({"2025": [PAYMENTS_HEADER, [None, "Eerste", "2025-01-05", "10", "x"]],
                "2024": [PAYMENTS_HEADER, [None, "Tweede", "2024-01-05", "20", "x"]]})
    (row,), bad = parsed = payment_imports.parse(raw, today=TODAY)
    assert (row.name, parsed.sheet, bad) == ("Eerste", "2025", [])
    csv = ";".join(PAYMENTS_HEADER) + "\n;Leverancier;2025-01-05;10;x\n"
    assert payment_imports.parse(csv, today=TODAY).sheet is None


def test_a_worksheet_with_an_empty_first_row_or_other_columns_is_passed_over():
    raw = book({"Leeg": [], "Kop op regel 3": [[], [], PAYMENTS_HEADER, [None, "Te laag", "2025-01-05", "1", "x"]],
                "Andere kolommen": [["Leverancier", "Totaal"], ["A", 10]],
                "Data": [PAYMENTS_HEADER, [None, "Goed", "2025-01-05", "10", "x"]]})
    (row,), bad = parsed = payment_imports.parse(raw, today=TODAY)
    assert (row.name, row.line, parsed.sheet, bad) == ("Goed", 2, "Data", [])
    assert payment_imports.header_problem(raw) == ""


def test_the_register_import_finds_its_worksheet_by_its_own_header_check():
    """The register's header needs a "regeling" column unless the form gives a default scheme: which
    worksheet fits depends on that, as the import's own check says."""
    without_scheme = [["kvk_nummer", "naam", "geldig_tot"], [11111111, "Zonder regeling", LATER]]
    full = [REGISTER_HEADER, [22222222, "Met regeling", "PSO 30+", LATER]]
    raw = book({"Overzicht": [["Aantal", 2]], "Basis": without_scheme, "Volledig": full})
    (row,), bad = parsed = imports.parse(raw)
    assert (row.name, row.scheme, parsed.sheet, bad) == ("Met regeling", Scheme.PSO_30, "Volledig", [])
    (row,), bad = parsed = imports.parse(raw, default_scheme=Scheme.CSO)
    assert (row.name, row.scheme, parsed.sheet, bad) == ("Zonder regeling", Scheme.CSO, "Basis", [])
    assert imports.header_problem(raw) == "" and imports.header_problem(raw, Scheme.CSO) == ""


def test_when_no_worksheet_fits_the_message_names_the_worksheets_found():
    raw = book({"Toelichting": NOTES, "Blad2": [["Leverancier", "Bedrag"], ["A", 10]], "Leeg": []})
    rows, bad = parsed = payment_imports.parse(raw, today=TODAY)
    assert rows == [] and parsed.sheet is None and [row["line"] for row in bad] == [1]
    message = message_text(bad[0]["message"])
    assert "Geen van de werkbladen in dit Excel-bestand heeft de kolommen die deze import nodig heeft" in message
    assert "Gevonden werkbladen: 'Toelichting', 'Blad2', 'Leeg'." in message
    # What the first worksheet's header lacks, in the import's own words.
    assert "Op het eerste werkblad: Kolommen ontbreken in de kopregel: kvk-nummer, naam, datum" in message
    assert "Er is niets verwerkt" in message
    assert payment_imports.header_problem(raw) == message  # the upload form says the same
    register = message_text(imports.parse(raw)[1][0]["message"])
    assert "Gevonden werkbladen: 'Toelichting', 'Blad2', 'Leeg'." in register
    assert "Kolommen ontbreken in de kopregel: kvk_nummer, naam, geldig_tot, regeling." in register
    with pytest.raises(Unreadable) as error:
        list(read_rows(raw, max_rows=10, header_check=payment_imports._header_check))
    assert error.value.line == 1 and error.value.message == message


def test_an_empty_first_worksheet_and_many_worksheets_are_named_briefly():
    raw = book({"Leeg": []} | {f"Blad{number}": [["Iets anders"]] for number in range(2, 14)})
    message = payment_imports.header_problem(raw)
    assert "Gevonden werkbladen: 'Leeg', 'Blad2', " in message and "'Blad10' en nog 3." in message
    assert "'Blad11'" not in message and "Op het eerste werkblad" not in message


def test_a_workbook_with_one_worksheet_is_read_whatever_its_header():
    raw = book({"Export": [["Leverancier", "Totaal"], ["A", 10]]})
    rows, bad = parsed = payment_imports.parse(raw, today=TODAY)
    assert rows == [] and parsed.sheet == "Export"
    assert bad == [{"line": 1, "message": bad[0]["message"]}]
    assert message_text(bad[0]["message"]).startswith("Kolommen ontbreken in de kopregel") and "werkbladen" not in message_text(bad[0]["message"])


def test_formulas_are_checked_on_the_worksheet_read():
    formula = [PAYMENTS_HEADER, [None, "A", "2025-01-05", 100, "x"], [None, "B", "2025-01-05", "=D2*2.5", "x"]]
    calculated = book({"Toelichting": NOTES, "Data": formula}, cached={"sheet2": {"D3": "250"}})
    rows, bad = payment_imports.parse(calculated, today=TODAY)
    assert bad == [] and [row.amount for row in rows] == [Decimal("100.00"), Decimal("250.00")]
    never_opened = book({"Toelichting": NOTES, "Data": formula})
    rows, bad = payment_imports.parse(never_opened, today=TODAY)
    assert rows == [] and [row["line"] for row in bad] == [3] and "geen opgeslagen uitkomst" in message_text(bad[0]["message"])


def payments_checksum(raw) -> str:
    """The identity of an upload's payments (``payment_imports.checksum`` of its rows, all good)."""
    rows, bad = payment_imports.parse(raw)
    assert rows and not bad
    return payment_imports.checksum(rows)


def test_the_checksum_is_of_the_rows_of_the_worksheet_read():
    first = payments_book()
    other_notes = book({"Toelichting": [["Andere toelichting"]], "Betalingen": [
        PAYMENTS_HEADER,
        [90000001, "Kerstpakketten Sociaal", dt.datetime(2025, 12, 15), 1234.56, "Relatiegeschenken"],
        [],
        [None, "Foreign Supplier Ltd", "31-03-2025", "1.000,00", "Advies"],
    ]})
    assert payments_checksum(first) == payments_checksum(other_notes)  # the same payments
    other_amount = book({"Toelichting": NOTES, "Betalingen": [
        PAYMENTS_HEADER,
        [90000001, "Kerstpakketten Sociaal", dt.datetime(2025, 12, 15), 1234.57, "Relatiegeschenken"],
    ]})
    assert payments_checksum(other_amount) != payments_checksum(first)


# --- the imports, end to end ----------------------------------------------------------------------


def upload(client, url, data, raw, name="export.xlsx"):
    return client.post(url, data | {"file": SimpleUploadedFile(name, raw, content_type=XLSX_TYPE)})


def test_payments_from_the_second_worksheet_end_to_end(haarlem, broker_haarlem, login,
                                                       django_capture_on_commit_callbacks):
    enterprise = f.EnterpriseFactory(name="Kerstpakketten Sociaal", kvk_number="90000001", municipality=haarlem)
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, reverse("procurement:payment-import-create"), {"organisation": haarlem.pk},
                          payments_book())
    payment_import = PaymentImport.objects.get()
    assert response.status_code == 302 and response["Location"] == payment_import.get_absolute_url()
    assert payment_import.report["sheet"] == "Betalingen" and payment_import.report["applied"] == 2
    assert SupplierPayment.objects.get(enterprise=enterprise).amount == Decimal("1234.56")
    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED and job.result["werkblad"] == "Betalingen"
    page = client.get(payment_import.get_absolute_url()).content.decode()
    assert "Gelezen werkblad" in page and '<dd id="import-sheet">Betalingen</dd>' in page


def test_a_csv_import_names_no_worksheet(haarlem, broker_haarlem, login, django_capture_on_commit_callbacks):
    csv = (";".join(PAYMENTS_HEADER) + "\n;Leverancier;2025-01-05;10;x\n").encode()
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, reverse("procurement:payment-import-create"), {"organisation": haarlem.pk}, csv,
               "betalingen.csv")
    payment_import = PaymentImport.objects.get()
    assert payment_import.report["applied"] == 1 and "sheet" not in payment_import.report
    assert "werkblad" not in Job.objects.get().result
    assert "Gelezen werkblad" not in client.get(payment_import.get_absolute_url()).content.decode()


def test_the_payments_form_refuses_a_workbook_without_a_fitting_worksheet(haarlem, broker_haarlem, login):
    raw = book({"Toelichting": NOTES, "Samenvatting": [["Totaal", 10]]})
    response = upload(login(broker_haarlem), reverse("procurement:payment-import-create"),
                      {"organisation": haarlem.pk}, raw)
    assert response.status_code == 200
    assert "Gevonden werkbladen: 'Toelichting', 'Samenvatting'." in response.context["form"].errors["file"][0]
    assert not PaymentImport.objects.exists()


def test_the_register_from_the_second_worksheet_end_to_end(haarlem, broker_haarlem, login,
                                                           django_capture_on_commit_callbacks):
    jansen = f.EnterpriseFactory(name="Fietsenmakerij Jansen", kvk_number="11111111", municipality=haarlem)
    raw = book({"Uitleg": [["Register van de Code Sociale Ondernemingen"]], "Register": [
        REGISTER_HEADER, [11111111, "Fietsenmakerij Jansen", "PSO 30+", dt.datetime.combine(LATER, dt.time()), 30111],
        [123456, "Te Kort", "PSO 30+", LATER],
    ]})
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, reverse("enterprises:import-create"),
                          {"organisation": haarlem.pk, "default_scheme": ""}, raw)
    register_import = RegisterImport.objects.get()
    assert response.status_code == 302 and register_import.job.status == Job.Status.SUCCEEDED
    report = register_import.report
    assert report["sheet"] == "Register" and [m["line"] for m in report["malformed"]] == [3]
    assert Certification.objects.get(enterprise=jansen).valid_until == LATER
    assert register_import.job.result["werkblad"] == "Register"
    page = client.get(register_import.get_absolute_url()).content.decode()
    assert '<dd id="import-sheet">Register</dd>' in page and "Regel 3" in page


def test_the_register_form_refuses_a_workbook_without_a_fitting_worksheet(haarlem, broker_haarlem, login):
    raw = book({"Uitleg": [["Register"]], "Cijfers": [["kvk_nummer", "aantal"], [11111111, 3]]})
    response = upload(login(broker_haarlem), reverse("enterprises:import-create"),
                      {"organisation": haarlem.pk, "default_scheme": ""}, raw)
    assert response.status_code == 200
    assert "Gevonden werkbladen: 'Uitleg', 'Cijfers'." in response.context["form"].errors["file"][0]
    assert not RegisterImport.objects.exists()

