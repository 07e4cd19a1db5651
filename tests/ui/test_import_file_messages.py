"""What an import says of a whole file (a NUL character, too many rows, no worksheet that fits)
and the job's own words ("Import verwerkt", "Niets verwerkt: …", the counts of its result) follow
the reader's language, as the row messages do (``test_import_messages``): they were written in the
uploader's language when the job ran, so a colleague reading in the other language read them in
the uploader's. Reports and jobs stored before keep showing their text as it is."""

import html

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from enterprises import imports
from enterprises.models import RegisterImport
from impactportal import spreadsheet_rows
from impactportal.jobs import job_message, job_result
from impactportal.models import Job
from impactportal.spreadsheet_rows import Unreadable, read_rows
from impactportal.ui.import_messages import text
from procurement import payment_imports
from procurement.models import PaymentImport
from tests.ui.test_import_messages import OTHER, import_as, in_language, read

pytestmark = pytest.mark.django_db

TOO_MANY = {
    "nl": "Het bestand heeft meer dan 1.000 regels. Er is niets verwerkt; verdeel de regels over meer bestanden en "
          "importeer die na elkaar.",
    "en": "The file has more than 1,000 rows. Nothing has been processed; split the rows over several files and "
          "import them one after the other.",
}
REGISTER_DONE = {"nl": "— Import verwerkt", "en": "— Import processed"}
NUL = {
    "nl": "Regel 3 bevat een teken dat in tekst niet voorkomt (een NUL-teken)",
    "en": "Line 3 contains a character that does not occur in text (a NUL character)",
}
NOTHING_DONE = {"nl": "— Niets verwerkt: het bestand bevat regels met fouten",
                "en": "— Nothing applied: the file contains lines with errors"}
NO_SHEET = {
    "nl": "Geen van de werkbladen in dit Excel-bestand heeft de kolommen die deze import nodig heeft. Gevonden "
          "werkbladen: 'Toelichting', 'Blad2'. Op het eerste werkblad: Kolommen ontbreken in de kopregel: kvk-nummer, "
          "naam, datum, bedrag excl. btw. Verwacht: kvk-nummer;naam;datum;bedrag excl. btw;kostensoort. Er is niets "
          "verwerkt; zet de kolomnamen op regel 1 van het werkblad met de gegevens en importeer het bestand opnieuw.",
    "en": "None of the worksheets in this Excel file has the columns this import needs. Worksheets found: "
          "'Toelichting', 'Blad2'. On the first worksheet: Columns missing from the header row: kvk-nummer, naam, "
          "datum, bedrag excl. btw. Expected: kvk-nummer;naam;datum;bedrag excl. btw;kostensoort. Nothing has been "
          "processed; put the column names in row 1 of the worksheet with the data and import the file again.",
}


def book(sheets: dict) -> bytes:
    import io

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def other_language_absent(texts: dict, reader: str, *pages):
    for page in pages:
        assert texts[OTHER[reader]] not in page


@pytest.mark.parametrize("uploader", ["nl", "en"])
def test_too_many_rows_and_the_jobs_sentence_read_in_the_readers_language(
        uploader, monkeypatch, login, broker_haarlem, haarlem, django_capture_on_commit_callbacks):
    monkeypatch.setattr(imports, "MAX_ROWS", 1000)
    lines = ["kvk_nummer;naam;regeling;geldig_tot"] + [f"{10000000 + n};Onderneming {n};pso_30;2030-01-01"
                                                       for n in range(1001)]
    file = SimpleUploadedFile("register.csv", ("\n".join(lines) + "\n").encode(), content_type="text/csv")
    client = login(broker_haarlem)
    import_as(client, uploader, reverse("enterprises:import-create"),
              {"organisation": haarlem.pk, "file": file, "default_scheme": ""}, django_capture_on_commit_callbacks)
    register_import = RegisterImport.objects.select_related("job").get()
    # Stored untranslated: its message id, the limit as a number.
    assert register_import.report["malformed"] == [{"line": 1002, "message": {
        "msg": "Het bestand heeft meer dan %(max)s regels. Er is niets verwerkt; verdeel de regels over meer "
               "bestanden en importeer die na elkaar.", "params": {"max": {"number": "1000"}}}}]
    assert register_import.job.message == "Import verwerkt"
    for reader in (OTHER[uploader], uploader):
        page, partial, rows = read(client, reader, register_import.get_absolute_url(),
                                   reverse("enterprises:import-report", args=[register_import.pk]))
        assert TOO_MANY[reader] in page and TOO_MANY[reader] in partial
        assert REGISTER_DONE[reader] in page and REGISTER_DONE[reader] in partial
        other_language_absent(TOO_MANY, reader, page, partial)
        other_language_absent(REGISTER_DONE, reader, page, partial)
        assert [(row[1], row[4]) for row in rows[1:]] == [("1002", TOO_MANY[reader])]


@pytest.mark.parametrize("uploader", ["nl", "en"])
def test_a_nul_character_and_nothing_applied_read_in_the_readers_language(
        uploader, login, broker_haarlem, haarlem, django_capture_on_commit_callbacks):
    # UTF-16 text (Excel's "Unicode text"): a NUL in it passes the upload and is refused by the import.
    body = "kvk-nummer\tnaam\tdatum\tbedrag excl. btw\tkostensoort\r\n" \
           "12345678\tA\t2025-01-05\t10,00\tx\r\n12345678\tB\x00\t2025-01-05\t10,00\tx\r\n"
    file = SimpleUploadedFile("betalingen.txt", body.encode("utf-16"), content_type="text/plain")
    client = login(broker_haarlem)
    import_as(client, uploader, reverse("procurement:payment-import-create"), {"organisation": haarlem.pk, "file": file},
              django_capture_on_commit_callbacks)
    payment_import = PaymentImport.objects.select_related("job").get()
    assert payment_import.report["malformed"][0]["message"]["params"] == {"line": 3}
    assert payment_import.job.message == "Niets verwerkt: het bestand bevat regels met fouten"
    for reader in (OTHER[uploader], uploader):
        page, partial, rows = read(client, reader, payment_import.get_absolute_url(),
                                   reverse("procurement:payment-import-report", args=[payment_import.pk]))
        assert NUL[reader] in page and NUL[reader] in partial and NUL[reader] in rows[1][6]
        assert NOTHING_DONE[reader] in page and NOTHING_DONE[reader] in partial
        other_language_absent(NUL, reader, page, partial, rows[1][6])
        other_language_absent(NOTHING_DONE, reader, page, partial)


def test_no_worksheet_that_fits_keeps_the_first_ones_problem_within_and_reads_in_any_language(
        login, broker_haarlem, haarlem):
    raw = book({"Toelichting": [["Toelichting bij de export"]], "Blad2": [["Leverancier", "Bedrag"], ["A", 10]]})
    with translation.override("nl"):
        rows, bad = payment_imports.parse(raw)
    assert rows == [] and len(bad) == 1 and isinstance(bad[0]["message"], list)
    nested = bad[0]["message"][1]["params"]["problem"]  # the header check's own message, untranslated
    assert nested["msg"].startswith("Kolommen ontbreken in de kopregel: %(columns)s.")
    payment_import = PaymentImport.objects.create(
        organisation=haarlem, uploaded_by=broker_haarlem, file="payment-imports/x.xlsx",
        report={"total_rows": 0, "applied": 0, "malformed": bad})
    client = login(broker_haarlem)
    for reader in ("en", "nl"):
        page, partial, rows = read(client, reader, payment_import.get_absolute_url(),
                                   reverse("procurement:payment-import-report", args=[payment_import.pk]))
        assert NO_SHEET[reader] in page and NO_SHEET[reader] in partial and rows[1][6] == NO_SHEET[reader]
        with translation.override(reader):
            # The upload form's immediate error: its text in the current language, the same words.
            assert payment_imports.header_problem(raw) == NO_SHEET[reader]
            with pytest.raises(Unreadable) as error:
                list(read_rows(raw, max_rows=10, header_check=payment_imports._header_check))
            assert error.value.message == NO_SHEET[reader] and error.value.as_row()["message"] == bad[0]["message"]
    with translation.override("nl"):
        register = imports.parse(raw)[1][0]["message"]  # the register import keeps its own header check's words
    with translation.override("en"):
        assert ("On the first worksheet: Columns missing from the header row: kvk_nummer, naam, geldig_tot, "
                "regeling. Nothing has been processed") in text(register)
        assert text(register) == imports.header_problem(raw)


def file_problems() -> dict:
    """Every whole-file problem ``spreadsheet_rows`` stores, as the imports store it."""
    problems = {}

    def refused(source, **kwargs):
        with pytest.raises(Unreadable) as error:
            list(read_rows(source, **{"max_rows": 10} | kwargs))
        return error.value.as_row()["message"]

    problems["nul"] = refused("a;b\n1;\x00\n")
    problems["too many rows"] = refused("a\n1\n2\n", max_rows=1)
    problems["broken csv"] = spreadsheet_rows._csv_error(2, spreadsheet_rows.csv.Error(
        "new-line character seen in unquoted field"))
    problems["unclosed quote"] = spreadsheet_rows._csv_error(2, spreadsheet_rows.csv.Error(
        "field larger than field limit (131072)"))
    problems["damaged"] = refused(spreadsheet_rows.ZIP_MAGIC + b"broken")
    problems["xls"] = refused(spreadsheet_rows.OLE2_MAGIC + b"\x00" * 600)
    problems["no sheet fits"] = refused(book({"A": [["x"]], "B": [["y"]]}),
                                        header_check=payment_imports._header_check)
    problems["many sheets"] = spreadsheet_rows.no_sheet_fits([f"Blad{n}" for n in range(12)])
    problems["row 1 empty"] = refused(book({"A": [[], ["x"]]}))
    return problems


def test_every_whole_file_problem_is_stored_untranslated_and_reads_in_both_languages():
    problems = file_problems()
    for name, stored in problems.items():
        assert not isinstance(stored, str), name
        with translation.override("nl"):
            dutch = text(stored)
        with translation.override("en"):
            english = text(stored)
        assert dutch != english and "%(" not in dutch + english, name
    with translation.override("en"):
        assert "and 2 more" in text(problems["many sheets"])
        assert text(problems["xls"]).startswith("This is an Excel file in the old format (.xls).")


def test_reports_and_jobs_stored_before_show_their_text_as_it_is(login, broker_haarlem, haarlem):
    """A report stored with the uploader's text, and a job whose message was stored written (or has
    values in it, as other jobs' steps do): shown as they are; a message id is written when read."""
    said = "The file has more than 20,000 rows. Nothing has been processed; split the rows over several files."
    job = Job.objects.create(kind="payment_import", title="Import", status=Job.Status.SUCCEEDED, progress=100,
                             message="Nothing applied: the file contains lines with errors",
                             result={"rows": 3, "regels met fouten": 1})
    payment_import = PaymentImport.objects.create(
        organisation=haarlem, uploaded_by=broker_haarlem, file="payment-imports/x.csv", job=job,
        report={"total_rows": 3, "applied": 0, "malformed": [{"line": 20002, "message": said}]})
    client = login(broker_haarlem)
    for reader in ("nl", "en"):
        page, partial, rows = read(client, reader, payment_import.get_absolute_url(),
                                   reverse("procurement:payment-import-report", args=[payment_import.pk]))
        assert said in page and said in partial and rows[1][6] == said
        assert "— Nothing applied: the file contains lines with errors" in partial
    for stored, nl, en in [("3/10", "3/10", "3/10"), ("", "", ""), ("De export is klaar.", None, None),
                           ("Import verwerkt", "Import verwerkt", "Import processed")]:
        job.message = stored
        with translation.override("nl"):
            assert job_message(job) == (nl if nl is not None else stored)
        with translation.override("en"):
            assert job_message(job) == (en if en is not None else "The export is ready.")
    with translation.override("en"):
        assert job_result(job) == {"rows": 3, "lines with errors": 1}


def test_the_jobs_result_is_stored_as_message_ids_and_read_in_the_readers_language(
        login, broker_haarlem, haarlem, django_capture_on_commit_callbacks):
    file = SimpleUploadedFile("betalingen.csv", b"kvk-nummer;naam;datum;bedrag excl. btw;kostensoort\n"
                                                b"123;Te kort;2025-01-01;10,00;x\n", content_type="text/csv")
    client = login(broker_haarlem)
    import_as(client, "en", reverse("procurement:payment-import-create"), {"organisation": haarlem.pk, "file": file},
              django_capture_on_commit_callbacks)
    job = PaymentImport.objects.select_related("job").get().job
    assert job.result["regels"] == 1 and job.result["regels met fouten"] == 1  # not the uploader's "rows"
    with translation.override("en"):
        assert job_result(job)["rows"] == 1 and job_result(job)["lines with errors"] == 1
    with translation.override("nl"):
        assert job_result(job)["regels met fouten"] == 1
    in_language(client, "nl")
    page = html.unescape(client.get(PaymentImport.objects.get().get_absolute_url()).content.decode())
    assert "— Niets verwerkt: het bestand bevat regels met fouten" in page
