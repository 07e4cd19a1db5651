"""Both imports read an Excel workbook (.xlsx, its first worksheet) and a UTF-16 CSV (Excel's
"Unicode text") besides a UTF-8 or Windows-1252 CSV, through one reader (``spreadsheet_rows``):
numbers, dates and cached formula values become the text the imports already validate, line
numbers are the worksheet's row numbers, and an old, protected, damaged, oversized or overlong
workbook is refused with a message, never a 500."""

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
from impactportal import spreadsheet_rows
from impactportal.models import Job
from impactportal.spreadsheet_rows import Number, Unreadable, cell_text, read_rows
from impactportal.ui.import_messages import text as message_text
from procurement import payment_imports
from procurement.models import PaymentImport, SupplierPayment
from tests import factories as f

pytestmark = pytest.mark.django_db
D = Decimal
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAYMENTS_HEADER = ["kvk-nummer", "naam", "datum", "bedrag excl. btw", "kostensoort"]
REGISTER_HEADER = ["kvk_nummer", "naam", "regeling", "geldig_tot", "nummer"]
LATER = dt.date.today() + dt.timedelta(days=700)


def workbook(*rows, cached=None, saved_by=None, formatted=()) -> bytes:
    """An .xlsx of ``rows`` (its first worksheet); ``cached`` gives formula cells ({"D5": "2469"})
    the value a spreadsheet saves with them, which openpyxl itself never writes; ``formatted``
    cells ("G1") are empty but kept in the file, as Excel keeps a cell that has a format."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for ref in formatted:
        sheet[ref].number_format = "0.00"
    if saved_by:
        book.properties.lastModifiedBy = saved_by
    out = io.BytesIO()
    book.save(out)
    raw = out.getvalue()
    if not cached:
        return raw
    source, out = zipfile.ZipFile(io.BytesIO(raw)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                text = data.decode()
                for ref, value in cached.items():
                    text, count = re.subn(rf'(<c r="{ref}"[^>]*>)(<f>.*?</f>)<v\s*/>', rf"\g<1>\g<2><v>{value}</v>",
                                          text)
                    assert count == 1, ref
                data = text.encode()
            target.writestr(info, data)
    return out.getvalue()


def old_excel() -> bytes:
    """The start of an Excel 97-2003 workbook: an OLE2 compound file with a BIFF8 record."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\x09\x08\x10\x00\x00\x06\x05\x00" + bytes(2000)


def protected_workbook() -> bytes:
    """An .xlsx saved with a password: Excel encrypts it into an OLE2 compound file."""
    return (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000) + "EncryptionInfo".encode("utf-16-le") + bytes(50)
            + "EncryptedPackage".encode("utf-16-le") + bytes(2000))


def unicode_text(*lines) -> bytes:
    """What Excel's "Unicode text" save gives: UTF-16 (little-endian) with its byte order mark,
    tab-separated, CRLF line ends."""
    return "\r\n".join("\t".join(line) for line in lines).encode("utf-16")  # the codec writes the BOM


# --- the reader -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value, text", [
    (12345678, "12345678"), (12345678.0, "12345678"), (1234567, "1234567"), (1234.5, "1234.5"),
    (0.1 + 0.2, "0.30000000000000004"), (1e-05, "0.00001"), (D("1234.50"), "1234.5"), (-150, "-150"),
    (dt.datetime(2026, 3, 31), "2026-03-31"), (dt.datetime(2026, 3, 31, 14, 5), "2026-03-31"),
    (dt.date(2026, 3, 31), "2026-03-31"), (None, ""), ("  tekst ", "  tekst "),
])
def test_cells_become_the_text_the_imports_read(value, text):
    assert cell_text(value) == text
    if isinstance(value, (int, float, Decimal)):
        assert isinstance(cell_text(value), Number) and cell_text(value).value == D(str(value))


def test_a_workbook_is_read_as_rows_numbered_as_the_worksheet():
    raw = workbook(
        PAYMENTS_HEADER,
        [12345678, "Kantoorreus BV", dt.datetime(2025, 3, 31), 1234.5, "Kantoor"],
        [],  # an empty row in between: the next row is still row 4
        [None, "Foreign Ltd", "31-03-2025", "1.234,56"],
        [None, None, None], [], [None],  # empty rows at the end
        formatted=["G1", "H2", "B3", "Z9"],  # formatted empty cells are no columns, and no rows
    )
    assert list(read_rows(raw, max_rows=10)) == [
        (1, PAYMENTS_HEADER),
        (2, ["12345678", "Kantoorreus BV", "2025-03-31", "1234.5", "Kantoor"]),
        (4, ["", "Foreign Ltd", "31-03-2025", "1.234,56"]),
    ]


def test_a_workbook_that_states_a_wrong_size_is_read_whole():
    """Some programs write the size of the used area as "A1": every cell is read all the same."""
    source, out = zipfile.ZipFile(io.BytesIO(workbook(PAYMENTS_HEADER, ["1", "Naam", "2025-01-01", "10"]))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', data)
                assert count == 1
            target.writestr(info, data)
    assert list(read_rows(out.getvalue(), max_rows=10))[1] == (2, ["1", "Naam", "2025-01-01", "10"])


def test_formulas_are_read_by_the_value_the_spreadsheet_saved():
    raw = workbook(PAYMENTS_HEADER, [None, "A", "2025-01-01", 100, "x"], [None, "B", "2025-01-02", "=D2*2.5", "x"],
                   cached={"D3": "250"})
    assert list(read_rows(raw, max_rows=10))[2] == (3, ["", "B", "2025-01-02", "250", "x"])


def test_a_workbook_whose_formulas_have_no_saved_values_is_refused_as_a_whole():
    raw = workbook(PAYMENTS_HEADER, [None, "A", "2025-01-01", 100, "x"], [None, "B", "2025-01-02", "=D2*2", "x"])
    with pytest.raises(Unreadable) as error:
        list(read_rows(raw, max_rows=10))
    assert error.value.line == 3 and "geen opgeslagen uitkomst" in error.value.message
    rows, bad = payment_imports.parse(raw, today=dt.date(2026, 1, 1))
    assert rows == [] and [b["line"] for b in bad] == [3] and "sla het op" in message_text(bad[0]["message"])


def test_utf16_text_with_its_byte_order_mark_is_read():
    raw = unicode_text(PAYMENTS_HEADER, ["12345678", "Café Ünïcode", "31-03-2025", "1.234,56", "Catering"])
    assert list(read_rows(raw, max_rows=10)) == [
        (1, PAYMENTS_HEADER), (2, ["12345678", "Café Ünïcode", "31-03-2025", "1.234,56", "Catering"])]
    assert payment_imports.header_problem(raw[:100]) == ""  # the upload form's check, on UTF-16 too
    assert imports.header_problem(unicode_text(REGISTER_HEADER)) == ""


@pytest.mark.parametrize("raw, words", [
    (old_excel(), "oude indeling (.xls)"), (protected_workbook(), "wachtwoord"),
    (b"PK\x03\x04" + b"kapot" * 100, "beschadigd"),  # a zip that is not one
    (workbook(["a"])[:-200], "beschadigd"),  # cut off
])
def test_old_protected_and_damaged_workbooks_are_refused_with_what_to_do(raw, words):
    with pytest.raises(Unreadable) as error:
        list(read_rows(raw, max_rows=10))
    assert words in error.value.message and error.value.line == 1
    assert words in payment_imports.header_problem(raw) and words in imports.header_problem(raw)


def test_damaged_xml_inside_a_workbook_is_refused():
    source, out = zipfile.ZipFile(io.BytesIO(workbook(PAYMENTS_HEADER, ["1", "2"]))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data[:len(data) // 2] if info.filename == "xl/worksheets/sheet1.xml" else data)
    rows, bad = payment_imports.parse(out.getvalue())
    assert rows == [] and "beschadigd" in message_text(bad[0]["message"])


def test_a_workbook_too_large_unpacked_is_refused(monkeypatch):
    monkeypatch.setattr(spreadsheet_rows, "MAX_UNPACKED_BYTES", 2000)
    with pytest.raises(Unreadable) as error:
        list(read_rows(workbook(PAYMENTS_HEADER, ["x" * 3000]), max_rows=10))
    assert "uitgepakt te groot" in error.value.message


def test_an_empty_first_row_is_named():
    raw = workbook([], [], PAYMENTS_HEADER, ["1"])
    assert "Regel 1 van het werkblad is leeg" in payment_imports.header_problem(raw)
    assert "de eerste gegevens staan op regel 3" in message_text(payment_imports.parse(raw)[1][0]["message"])
    [empty] = payment_imports.parse(workbook())[1]
    assert empty["line"] == 1 and message_text(empty["message"]) == "Het bestand is leeg."


@pytest.mark.parametrize("make", [
    lambda rows: workbook(*rows),
    lambda rows: "\n".join(";".join(str(v) for v in row) for row in rows).encode(),
])
def test_more_rows_than_the_import_takes_applies_nothing(monkeypatch, make):
    monkeypatch.setattr(payment_imports, "MAX_ROWS", 3)
    rows = [PAYMENTS_HEADER] + [["", f"Leverancier {i}", "2025-01-01", "10", "x"] for i in range(4)]
    assert len(payment_imports.parse(make(rows[:4]))[0]) == 3  # at the cap: read
    parsed, bad = payment_imports.parse(make(rows))
    assert parsed == [] and bad == [{"line": 5, "message": bad[0]["message"]}]
    assert "meer dan 3 regels" in message_text(bad[0]["message"]) and "niets verwerkt" in message_text(bad[0]["message"])


# --- the payments import --------------------------------------------------------------------------


def test_payment_amounts_and_dates_typed_as_numbers_and_dates():
    raw = workbook(
        PAYMENTS_HEADER,
        [12345678, "Kantoorreus BV", dt.datetime(2025, 3, 31), 1234.5, "Kantoor"],
        [1234567.0, "Groninger Groen", dt.date(2025, 1, 5), 1.234, None],  # a number: 1.23, not 1234
        [None, "Rekenblad", "05-01-2025", "=1000/1.21", "x"],  # an amount calculated in the sheet
        [None, "Tekst", "05-01-2025", "1.234", "x"],  # text: the Dutch thousands point, as in a CSV
        cached={"D4": "826.44628099173553"},
    )
    rows, bad = payment_imports.parse(raw, today=dt.date(2026, 1, 1))
    assert bad == []
    assert [(r.line, r.kvk, r.date, r.amount) for r in rows] == [
        (2, "12345678", dt.date(2025, 3, 31), D("1234.50")), (3, "01234567", dt.date(2025, 1, 5), D("1.23")),
        (4, "", dt.date(2025, 1, 5), D("826.45")), (5, "", dt.date(2025, 1, 5), D("1234.00"))]


def test_text_amounts_in_a_workbook_stay_as_strict_as_in_a_csv():
    raw = workbook(PAYMENTS_HEADER, [None, "A", "2025-01-05", "1,234", "x"],
                   [None, "B", "2025-01-05", 1e15, "x"])
    rows, bad = payment_imports.parse(raw, today=dt.date(2026, 1, 1))
    assert rows == [] and [b["line"] for b in bad] == [2, 3]
    assert "niet eenduidig" in message_text(bad[0]["message"]) and "te groot" in message_text(bad[1]["message"])


def payments_checksum(raw) -> str:
    """The identity of an upload's payments (``payment_imports.checksum`` of its rows, all good)."""
    rows, bad = payment_imports.parse(raw)
    assert rows and not bad
    return payment_imports.checksum(rows)


def test_a_workbook_saved_again_unchanged_is_the_same_file():
    rows = (PAYMENTS_HEADER, [None, "A", dt.datetime(2025, 1, 5), 12.5, "x"])
    first = workbook(*rows, saved_by="Inkoper")
    again = workbook(*rows, saved_by="Makelaar")  # saved again: the file records who and when
    assert first != again
    assert payments_checksum(first) == payments_checksum(again)
    changed = workbook(PAYMENTS_HEADER, [None, "A", dt.datetime(2025, 1, 5), 12.51, "x"])
    assert payments_checksum(changed) != payments_checksum(first)


def upload_payments(client, org, raw, name, content_type=XLSX_TYPE):
    file = SimpleUploadedFile(name, raw, content_type=content_type)
    return client.post(reverse("procurement:payment-import-create"), {"organisation": org.pk, "file": file})


def test_payments_workbook_end_to_end(haarlem, broker_haarlem, login, django_capture_on_commit_callbacks):
    enterprise = f.EnterpriseFactory(name="Kerstpakketten Sociaal", kvk_number="90000001", municipality=haarlem)
    raw = workbook(
        PAYMENTS_HEADER,
        [90000001, "Kerstpakketten Sociaal", dt.datetime(2025, 12, 15), 1234.56, "Relatiegeschenken"],
        [None, "Foreign Supplier Ltd", dt.datetime(2025, 3, 31), "=D2+765.44", "Advies"],
        [], [None, None, None, None, None],
        cached={"D3": "2000"},
    )
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_payments(client, haarlem, raw, "betalingen.xlsx")
    payment_import = PaymentImport.objects.get()
    assert response.status_code == 302 and response["Location"] == payment_import.get_absolute_url()
    payments = SupplierPayment.objects.filter(batch=payment_import).order_by("date")
    assert [(p.supplier_name, p.date, p.amount, p.enterprise) for p in payments] == [
        ("Foreign Supplier Ltd", dt.date(2025, 3, 31), D("2000.00"), None),
        ("Kerstpakketten Sociaal", dt.date(2025, 12, 15), D("1234.56"), enterprise)]
    assert payment_import.report["applied"] == 2 and payment_import.report["total_rows"] == 2
    assert Job.objects.get().status == Job.Status.SUCCEEDED


def test_payments_workbook_with_a_bad_row_applies_nothing(haarlem, broker_haarlem, login,
                                                         django_capture_on_commit_callbacks):
    raw = workbook(
        PAYMENTS_HEADER,
        [90000001, "Goed", dt.datetime(2025, 12, 15), 10, "x"],
        [],
        [123456, "Te kort", dt.datetime(2025, 12, 15), 10, "x"],  # row 4: six digits
        [90000001, "Goed", dt.datetime(2025, 12, 16), 10, "x"],
    )
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        upload_payments(client, haarlem, raw, "betalingen.xlsx")
    payment_import = PaymentImport.objects.get()
    assert SupplierPayment.objects.count() == 0 and payment_import.report["applied"] == 0
    assert [(b["line"], "'123456'" in message_text(b["message"])) for b in payment_import.report["malformed"]] == [(4, True)]
    page = client.get(payment_import.get_absolute_url()).content.decode()
    assert 'id="import-refused"' in page and "Regel 4" in page


def test_payments_unicode_text_end_to_end(haarlem, broker_haarlem, login, django_capture_on_commit_callbacks):
    raw = unicode_text(PAYMENTS_HEADER, ["", "Café Ünïcode", "31-03-2025", "1.234,56", "Catering"])
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_payments(login(broker_haarlem), haarlem, raw, "betalingen.txt", "text/plain")
    assert response.status_code == 302
    payment = SupplierPayment.objects.get()
    assert payment.supplier_name == "Café Ünïcode" and payment.amount == D("1234.56")


@pytest.mark.parametrize("raw, name, words", [
    (old_excel(), "betalingen.xls", "Sla het in Excel op als Excel-werkmap (.xlsx) of als CSV"),
    (protected_workbook(), "betalingen.xlsx", "beveiligd met een wachtwoord"),
    (b"PK\x03\x04" + b"kapot" * 100, "betalingen.xlsx", "beschadigd"),
    (workbook(["a"])[:-200], "betalingen.xlsx", "beschadigd"),
    (workbook(["Leverancier", "Totaal"]), "betalingen.xlsx", "Kolommen ontbreken in de kopregel: kvk-nummer"),
    (b"PK\x03\x04" + bytes(5 * 1024 * 1024), "betalingen.xlsx", "te groot"),
    (workbook(PAYMENTS_HEADER), "betalingen.csv", "past niet bij de inhoud"),
])
def test_the_payments_form_refuses_what_it_cannot_read(haarlem, broker_haarlem, login, raw, name, words):
    response = upload_payments(login(broker_haarlem), haarlem, raw, name)
    assert response.status_code == 200
    assert words in response.context["form"].errors["file"][0]
    assert not PaymentImport.objects.exists()


# --- the register import --------------------------------------------------------------------------


def upload_register(client, org, raw, name):
    file = SimpleUploadedFile(name, raw, content_type=XLSX_TYPE)
    return client.post(reverse("enterprises:import-create"), {"organisation": org.pk, "file": file,
                                                              "default_scheme": ""})


def test_register_workbook_end_to_end(haarlem, broker_haarlem, login, django_capture_on_commit_callbacks):
    jansen = f.EnterpriseFactory(name="Fietsenmakerij Jansen", kvk_number="11111111", municipality=haarlem)
    zero = f.EnterpriseFactory(name="Groninger Groen", kvk_number="01234567", municipality=haarlem)
    raw = workbook(
        REGISTER_HEADER,
        [11111111, "Fietsenmakerij Jansen", "PSO 30+", dt.datetime.combine(LATER, dt.time()), 30111],
        [1234567, "Groninger Groen", "PSO 30+", LATER.strftime("%d-%m-%Y")],  # its leading zero was lost
        [],
        [123456, "Te Kort", "PSO 30+", dt.datetime(2027, 1, 1)],  # row 5
        [22222222, "Datum Fout", "PSO 30+", "31-13-2026"],  # row 6
        [], [None, None],
    )
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload_register(client, haarlem, raw, "register.xlsx")
    register_import = RegisterImport.objects.get()
    assert response.status_code == 302 and register_import.job.status == Job.Status.SUCCEEDED
    report = register_import.report
    assert [(m["line"], message_text(m["message"]).split(" ")[0]) for m in report["malformed"]] == [(5, "KvK-nummer"), (6, "Datum")]
    assert {m["line"] for m in report["matched"]} == {2, 3} and report["total_rows"] == 4
    jansen_cert = Certification.objects.get(enterprise=jansen)
    assert (jansen_cert.scheme, jansen_cert.valid_until, jansen_cert.number) == (Scheme.PSO_30, LATER, "30111")
    assert Certification.objects.get(enterprise=zero).valid_until == LATER
    page = client.get(register_import.get_absolute_url()).content.decode()
    assert "Regel 5" in page and "Regel 6" in page


def test_register_workbook_past_the_row_cap_applies_nothing(haarlem, monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 1)
    f.EnterpriseFactory(kvk_number="11111111", municipality=haarlem)
    raw = workbook(REGISTER_HEADER, [11111111, "A", "PSO 30+", LATER], [22222222, "B", "PSO 30+", LATER])
    rows, malformed = imports.parse(raw)
    assert rows == [] and malformed[0]["line"] == 3 and "meer dan 1 regels" in message_text(malformed[0]["message"])


@pytest.mark.parametrize("raw, name, words", [
    (old_excel(), "register.xls", "oude indeling (.xls)"),
    (protected_workbook(), "register.xlsx", "wachtwoord"),
    (workbook(["a"])[:-200], "register.xlsx", "beschadigd"),
    (b"kvk_nummer;naam;regeling;geldig_tot\n", "register.xlsx", "Upload een CSV-bestand."),
])
def test_the_register_form_refuses_what_it_cannot_read(haarlem, broker_haarlem, login, raw, name, words):
    response = upload_register(login(broker_haarlem), haarlem, raw, name)
    assert response.status_code == 200
    assert words in response.context["form"].errors["file"][0]
    assert not RegisterImport.objects.exists()


@pytest.mark.parametrize("raw, name, words", [
    # Named as a workbook, but not one: the message said "not allowed; allowed: CSV, XLSX".
    (b"\x89PNG\r\n\x1a\n" + bytes(64), "betalingen.xlsx",
     "De naam eindigt op .xlsx, maar de inhoud is geen XLSX-bestand. Open het in het programma waarmee het is "
     "gemaakt, sla het opnieuw op en upload het dan. Toegestaan: CSV, XLSX."),
    # A workbook named .xls: what it is, and the name to give it.
    (workbook(PAYMENTS_HEADER), "betalingen.xls",
     "De bestandsnaam past niet bij de inhoud van het bestand: het is een XLSX-bestand. Geef het de naam die "
     "daarbij past (eindigend op .xlsx) en upload het opnieuw."),
])
def test_a_file_whose_name_and_content_differ_is_told_what_to_do(haarlem, broker_haarlem, login, raw, name, words):
    response = upload_payments(login(broker_haarlem), haarlem, raw, name)
    assert response.context["form"].errors["file"] == [words]
    assert not PaymentImport.objects.exists()
