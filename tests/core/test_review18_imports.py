"""A NUL character in an import file is refused with its line, however deep in the file; an import's
changes and its report are stored together; a failed job says what to do, not the exception.

Found by a form fuzzer: a NUL after the first 8 KB of a CSV passed the upload check. On PostgreSQL
the register import then applied its rows, failed storing its report (``\\u0000 cannot be converted
to text``), and the page said "nothing was changed" followed by the raw database error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError
from django.urls import reverse

from enterprises import imports, tasks
from enterprises.models import Certification, RegisterImport
from impactportal.models import Job
from impactportal.spreadsheet_rows import Unreadable, read_rows
from impactportal.ui.import_messages import text as message_text
from procurement.models import PaymentImport
from tests import factories as f

from .test_spreadsheet_imports import LATER

HEADER = "kvk_nummer;naam;regeling;geldig_tot\n"
FILLER = "".join(f"{10000000 + n};Onderneming {n};PSO 30+;{LATER.isoformat()}\n" for n in range(250))


def _csv(nul_row: str) -> bytes:
    return (HEADER + FILLER + nul_row).encode()


def test_a_csv_with_a_nul_past_its_first_8_kb_is_refused_on_upload(haarlem, broker_haarlem, login):
    raw = _csv("90000000;Nul\x00Naam BV;PSO 30+;2027-12-31\n")
    assert len(raw) > 8192
    client = login(broker_haarlem)
    register = client.post(reverse("enterprises:import-create"), {
        "organisation": haarlem.pk, "file": SimpleUploadedFile("register.csv", raw, content_type="text/csv"),
        "default_scheme": ""})
    assert register.context["form"].errors["file"][0].startswith(
        "Regel 252 bevat een teken dat in tekst niet voorkomt (een NUL-teken)")
    payments = client.post(reverse("procurement:payment-import-create"), {
        "organisation": haarlem.pk, "file": SimpleUploadedFile("betalingen.csv", raw, content_type="text/csv")})
    assert "file" in payments.context["form"].errors
    assert not RegisterImport.objects.exists() and not PaymentImport.objects.exists()


def test_the_reader_refuses_a_nul_in_any_row_and_the_import_applies_nothing(haarlem):
    text = HEADER + "11111111;Goed;PSO 30+;2030-01-01\n22222222;Fout\x00;PSO 30+;2030-01-01\n"
    with pytest.raises(Unreadable) as refused:
        list(read_rows(text, max_rows=10))
    assert refused.value.line == 3
    rows, malformed = imports.parse(text)
    assert rows == [] and malformed[0]["line"] == 3 and "NUL-teken" in message_text(malformed[0]["message"])


def test_an_import_whose_report_cannot_be_stored_keeps_no_change(haarlem, broker_haarlem, login, monkeypatch,
                                                                  django_capture_on_commit_callbacks):
    f.EnterpriseFactory(kvk_number="11111111", municipality=haarlem)
    raw = (HEADER + f"11111111;Goed;PSO 30+;{LATER.isoformat()}\n").encode()
    with django_capture_on_commit_callbacks(execute=False):  # the upload, without running its job
        login(broker_haarlem).post(reverse("enterprises:import-create"), {
            "organisation": haarlem.pk, "file": SimpleUploadedFile("register.csv", raw, content_type="text/csv"),
            "default_scheme": ""})
    register_import = RegisterImport.objects.get()
    saved = RegisterImport.save

    def failing_save(self, *args, **kwargs):
        if kwargs.get("update_fields") == ["report"]:
            raise DataError("unsupported Unicode escape sequence")
        return saved(self, *args, **kwargs)

    monkeypatch.setattr(RegisterImport, "save", failing_save)
    with pytest.raises(DataError):
        tasks.import_register(register_import.pk)
    assert not Certification.objects.exists()


def test_a_failed_job_says_what_to_do_not_the_exception(haarlem, broker_haarlem, login,
                                                        django_capture_on_commit_callbacks):
    raw = (HEADER + f"11111111;Goed;PSO 30+;{LATER.isoformat()}\n").encode()
    with django_capture_on_commit_callbacks(execute=False):
        login(broker_haarlem).post(reverse("enterprises:import-create"), {
            "organisation": haarlem.pk, "file": SimpleUploadedFile("register.csv", raw, content_type="text/csv"),
            "default_scheme": ""})
    register_import = RegisterImport.objects.get()
    job = register_import.job
    Job.objects.filter(pk=job.pk).update(status=Job.Status.FAILED, error="DataError: \\u0000 cannot be converted")
    html = login(broker_haarlem).get(register_import.get_absolute_url()).content.decode()
    assert "De import is mislukt; er is niets gewijzigd." in html
    assert f"geef dan nummer {job.pk} door aan de functioneel beheerder" in html
    assert "DataError" not in html and "converted" not in html
