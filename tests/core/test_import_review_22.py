"""Review 22 of the imports with files as a municipality has them.

The round trip: the list an import belongs to, exported (CSV and XLSX, Dutch and English) and
uploaded back unchanged, is refused at upload saying it is the portal's own export and why (the
register import would verify every certificate against nothing; the payments would count twice),
instead of "Kolommen ontbreken". Real-world files: dates a workbook holds as serial numbers, dates
with a time of day, CSV lines ended by CR alone (Excel for Mac, in Mac Roman), column names below a
title row, a value in a workbook column without a name, a header-only register list and an empty
scheme cell each read or say what is wrong, with the line."""

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl.utils.datetime import to_excel

from enterprises import imports
from enterprises.constants import CertificationStatus, Scheme
from enterprises.models import Certification, RegisterImport
from impactportal.ui.import_messages import text as message_text
from procurement import payment_imports
from procurement.models import PaymentImport, SupplierPayment
from tests import factories as f

pytestmark = pytest.mark.django_db
LATER = dt.date.today() + dt.timedelta(days=400)
REGISTER = "kvk_nummer;naam;regeling;geldig_tot"
PAYMENTS = "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort"
TODAY = dt.date(2026, 6, 1)


def workbook(*rows, merge=None) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    if merge:
        book.active.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def messages(parsed) -> list[tuple[int, str]]:
    with translation.override("nl"):
        return [(bad["line"], message_text(bad["message"])) for bad in parsed[1]]


def upload(client, name, org, raw, filename):
    data = {"organisation": org.pk, "file": SimpleUploadedFile(filename, raw)}
    if name == "enterprises:import-create":
        data["default_scheme"] = ""
    return client.post(reverse(name), data)


def export(client, list_name, export_format, language) -> bytes:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse(list_name), {"_export": export_format})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


# --- the round trip: a list's export back into its import --------------------------------------------


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("list_name", ["enterprises:certification-list", "enterprises:register"])
def test_the_registers_own_lists_exported_and_uploaded_back_are_refused_as_the_portals_export(
        haarlem, broker_haarlem, login, language, export_format, list_name):
    enterprise = f.EnterpriseFactory(name="Fietsenmakerij Jansen", kvk_number="01234567", municipality=haarlem)
    cert = Certification.objects.create(enterprise=enterprise, scheme=Scheme.PSO_30, valid_until=LATER)
    client = login(broker_haarlem)
    raw = export(client, list_name, export_format, language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    response = upload(client, "enterprises:import-create", haarlem, raw, f"export.{export_format}")
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith(
        "Dit bestand is een export uit het portaal zelf (de certificatenlijst of het register)")
    assert not RegisterImport.objects.exists()
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.UNVERIFIED and cert.verified_at is None
    # The import's own reading of the file says the same (a file that reached it another way).
    with translation.override("nl"):
        assert message_text(imports.parse(raw)[1][0]["message"]).startswith("Dit bestand is een export uit het")


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_payments_exported_and_uploaded_back_are_refused_as_the_portals_export(
        haarlem, inkoper_haarlem, login, language, export_format):
    SupplierPayment.objects.create(organisation=haarlem, supplier_kvk="01234567", supplier_name="Café Zoë",
                                   date=dt.date(2026, 3, 31), amount=Decimal("1234.56"), cost_category="Inhuur")
    client = login(inkoper_haarlem)
    raw = export(client, "procurement:payment-list", export_format, language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    response = upload(client, "procurement:payment-import-create", haarlem, raw, f"export.{export_format}")
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith(
        "Dit bestand is de lijst van betalingen uit het portaal zelf (een export)")
    assert not PaymentImport.objects.exists() and SupplierPayment.objects.count() == 1


def test_the_payments_export_with_columns_deleted_is_still_known_and_a_file_sharing_titles_is_not():
    exported = "Datum;Leverancier;KvK-nummer leverancier;Bedrag (excl. btw);Kostensoort\n2026-03-31;A;01234567;1,00;x\n"
    assert "uit het portaal zelf" in messages(payment_imports.parse(exported))[0][1]
    # A financial system's file with a few of the same common titles lacks a column; it is no export.
    own = "Datum;Leverancier;Bedrag;Kostensoort;Organisatie\n2026-03-31;A;1,00;x;Haarlem\n"
    assert messages(payment_imports.parse(own))[0][1].startswith("Kolommen ontbreken in de kopregel: kvk-nummer.")


# --- dates as a workbook or a system writes them ------------------------------------------------------


def test_a_workbook_date_stored_as_its_serial_number_is_that_date():
    serial = int(to_excel(dt.date(2027, 3, 31)))  # 46477: a date column that lost its date format
    rows, bad = imports.parse(workbook(REGISTER.split(";"), [1234567, "Jansen", "PSO 30+", serial],
                                       [12345678, "Smit", "PSO 30+", serial + 0.5]))
    assert bad == [] and [(r.kvk_number, r.valid_until) for r in rows] == [
        ("01234567", dt.date(2027, 3, 31)), ("12345678", dt.date(2027, 3, 31))]
    rows, bad = payment_imports.parse(workbook(PAYMENTS.split(";"), [1234567, "Café", 46112, 12.5, "x"]), today=TODAY)
    assert bad == [] and rows[0].date == dt.date(2026, 3, 31)
    # A number no date can be stays a bad row with its line.
    assert messages(payment_imports.parse(workbook(PAYMENTS.split(";"), [None, "Café", 20260331, 12.5, "x"]),
                                          today=TODAY)) == [(2, "Datum '20260331' is geen geldige datum (gebruik "
                                                                "JJJJ-MM-DD of DD-MM-JJJJ).")]


def test_a_date_with_a_time_of_day_is_its_day():
    text = f"{PAYMENTS}\n;A;2026-03-31 00:00:00;1,00;x\n;B;31-3-2026 0:00;1,00;x\n;C;2026-03-31T14:05:09;1,00;x\n"
    rows, bad = payment_imports.parse(text, today=TODAY)
    assert bad == [] and {r.date for r in rows} == {dt.date(2026, 3, 31)}
    rows, bad = imports.parse(f"{REGISTER}\n12345678;A;PSO 30+;31-12-2027 00:00\n")
    assert bad == [] and rows[0].valid_until == dt.date(2027, 12, 31)


# --- lines ended by CR alone (Excel for Mac) ------------------------------------------------------------


def test_a_csv_whose_lines_end_in_cr_alone_is_read_line_by_line_in_mac_roman():
    raw = f"{PAYMENTS}\r01234567;Café Zoë;31-03-2026;1.234,56;Inhuur\r;Smit;30-03-2026;10,00;\r".encode("mac_roman")
    assert payment_imports.header_problem(raw) == ""
    rows, bad = payment_imports.parse(payment_imports.decode(raw), today=TODAY)
    assert bad == [] and [(r.line, r.name, r.amount) for r in rows] == [
        (2, "Café Zoë", Decimal("1234.56")), (3, "Smit", Decimal("10.00"))]
    rows, bad = imports.parse(f"{REGISTER}\r12345678;Brasserie Zoë;PSO 30+;2027-01-01\r".encode())
    assert bad == [] and rows[0].name == "Brasserie Zoë"


# --- column names below a title ---------------------------------------------------------------------


def test_column_names_below_a_title_are_named_by_their_line(haarlem, broker_haarlem, login):
    said = "De kolomnamen staan op regel %s, maar het portaal leest ze op regel 1."
    titled = f"PSO-register december 2026\r\n\r\n{REGISTER}\r\n12345678;A;PSO 30+;2027-01-01\r\n".encode()
    assert imports.header_problem(titled).startswith(said % 3)
    assert messages(imports.parse(titled))[0][1].startswith(said % 3)
    merged = workbook(["Betalingen 2026"], PAYMENTS.split(";"), [None, "A", 46112, 1, "x"], merge="A1:E1")
    assert payment_imports.header_problem(merged).startswith(said % 2)
    response = upload(login(broker_haarlem), "procurement:payment-import-create", haarlem, merged, "b.xlsx")
    assert response.context["form"].errors["file"][0].startswith(said % 2)
    # A file whose columns are missing altogether still says which.
    assert imports.header_problem(b"Titel\nkvk;naam\n1;2\n").startswith("Kolommen ontbreken in de kopregel")


# --- a value beside the columns of a workbook ---------------------------------------------------------


def test_a_value_in_a_workbook_column_without_a_name_names_the_column_not_separators():
    raw = workbook(PAYMENTS.split(";"), [None, "A", 46112, 1, "x", None, "gecontroleerd"])
    assert messages(payment_imports.parse(raw, today=TODAY)) == [
        (2, "Er staat een waarde in kolom G, die op regel 1 geen kolomnaam heeft. Maak die cel leeg of geef de kolom "
            "een naam op regel 1.")]
    # A CSV's extra value still points at its separators.
    assert "controleer de scheidingstekens" in messages(payment_imports.parse(f"{PAYMENTS}\n;A;31-03-2026;1;x;y\n",
                                                                               today=TODAY))[0][1]


# --- the register import: a list without rows, a row without a scheme ------------------------------


def test_a_register_list_with_only_its_header_says_so():
    assert messages(imports.parse(f"{REGISTER}\r\n;;;\r\n".encode())) == [
        (2, "Het bestand heeft alleen een kopregel: er staan geen ondernemingen in. Controleer de export uit het "
            "register.")]


def test_an_empty_scheme_cell_is_missing_not_an_unknown_scheme_named_nothing():
    assert messages(imports.parse(f"{REGISTER}\n12345678;A;;2027-01-01\n")) == [
        (2, "Regeling ontbreekt: vul de regeling in (bijvoorbeeld PSO 30+) of kies bij het importeren een regeling "
            "voor het hele bestand.")]
    rows, bad = imports.parse(f"{REGISTER}\n12345678;A;;2027-01-01\n", Scheme.PSO_30)
    assert bad == [] and rows[0].scheme == Scheme.PSO_30


# --- the import's own file, imported twice -----------------------------------------------------------


def test_the_same_register_list_imported_again_says_it_changed_nothing(haarlem, broker_haarlem, login,
                                                                       django_capture_on_commit_callbacks):
    enterprise = f.EnterpriseFactory(name="Fietsenmakerij Jansen", kvk_number="01234567", municipality=haarlem)
    raw = f"\ufeff{REGISTER}\r\n1234567;Fietsenmakerij Jansen B.V.;PSO 30+;{LATER:%d-%m-%Y}\r\n".encode()
    client = login(broker_haarlem)
    sentences = []
    for _time in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            response = upload(client, "enterprises:import-create", haarlem, raw, "register.csv")
        page = client.get(response["Location"])
        sentences.append(page.context["status_text"])
    assert sentences == [
        # The certificate was missing and added: updated, and a discrepancy that says so.
        "De import is klaar: 1 regel gelezen, 1 gevonden in het register, 1 bijgewerkt, 1 afwijking. Het rapport "
        "staat hieronder.",
        "De import is klaar: 1 regel gelezen, 1 gevonden in het register. Het rapport staat hieronder."]
    last = RegisterImport.objects.latest("pk").report
    assert [row["updated"] for row in last["matched"]] == [False] and last["mismatches"] == []
    assert Certification.objects.get(enterprise=enterprise).valid_until == LATER
