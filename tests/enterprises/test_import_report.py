"""Register import of damaged files: an unclosed quote is reported in Dutch on the line where it
starts (never csv's raw "field larger than field limit"), nothing is half-applied, fullwidth
digits are refused, and the page lists at most a few hundred rows while the CSV has them all."""

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises import imports
from enterprises.constants import Scheme
from enterprises.models import Certification, RegisterImport
from impactportal.models import Job
from impactportal.ui.import_messages import text as message_text
from tests import factories as f

pytestmark = pytest.mark.django_db

HEADER = "kvk_nummer;naam;regeling;geldig_tot"
LATER = (dt.date.today() + dt.timedelta(days=700)).isoformat()


def line(kvk, name="Bedrijf"):
    return f"{kvk};{name};PSO 30+;{LATER}"


def upload(client, text, organisation):
    file = SimpleUploadedFile("register.csv", text.encode("utf-8"), content_type="text/csv")
    return client.post(reverse("enterprises:import-create"), {"organisation": organisation.pk, "file": file,
                                                              "default_scheme": ""})


def test_unbalanced_quote_is_reported_where_it_starts_not_as_a_bad_kvk_number_later():
    text = "\n".join([HEADER, line("11111111", '"Bakkerij'), line("22222222"), line("33333333"), line("44444444"),
                      line("55555555", 'Eind"'), line("66666666")]) + "\n"
    rows, malformed = imports.parse(text)
    assert [r.kvk_number for r in rows] == ["66666666"] and rows[0].line == 7
    assert len(malformed) == 1 and malformed[0]["line"] == 2
    message = message_text(malformed[0]["message"])
    assert message.startswith("Ongesloten aanhalingsteken vanaf regel 2") and "tot en met 6" in message
    assert "KvK" not in message


def test_stray_quote_in_a_large_file_is_a_dutch_message_and_nothing_is_applied(
        login, broker_haarlem, haarlem, django_capture_on_commit_callbacks):
    enterprise = f.EnterpriseFactory(kvk_number="11111111", municipality=haarlem, name="Bedrijf")
    rows = [line("11111111"), line("22222222", '"Kapot')]
    rows += [line(f"{30000000 + i}", f"Onderneming nummer {i}") for i in range(5000)]
    text = "\n".join([HEADER, *rows]) + "\n"
    assert len(text.encode()) > 195_000  # past csv's 131,072-character field limit
    with django_capture_on_commit_callbacks(execute=True):
        upload(login(broker_haarlem), text, haarlem)
    register_import = RegisterImport.objects.get()
    assert register_import.job.status == Job.Status.SUCCEEDED
    malformed = register_import.report["malformed"]
    assert [m["line"] for m in malformed] == [3]
    assert message_text(malformed[0]["message"]).startswith("Ongesloten aanhalingsteken vanaf regel 3")
    assert "Er is niets verwerkt" in message_text(malformed[0]["message"])
    assert not Certification.objects.filter(enterprise=enterprise).exists()  # line 2 was valid, yet not applied
    page = login(broker_haarlem).get(register_import.get_absolute_url()).content.decode()
    assert "field limit" not in page and "Ongesloten aanhalingsteken vanaf regel 3" in page


def test_overlong_field_on_one_line_is_reported_as_too_long():
    # Review 6: a long value on one line is a long value, not an unclosed quote (no lines joined).
    text = "\n".join([HEADER, line("11111111", "x" * (imports.MAX_FIELD_CHARS + 1)), line("22222222")]) + "\n"
    rows, malformed = imports.parse(text)
    assert [r.kvk_number for r in rows] == ["22222222"]
    assert malformed[0]["line"] == 2 and "te lang" in message_text(malformed[0]["message"])


def test_fullwidth_digits_are_refused_in_the_import():
    text = "\n".join([HEADER, line("９００００００１"), "22222222;Bedrijf;PSO 30+;２０２７-01-01"]) + "\n"
    rows, malformed = imports.parse(text)
    assert rows == []
    assert malformed[0]["line"] == 2 and "andere cijfers dan 0 tot en met 9" in message_text(malformed[0]["message"])
    assert malformed[1]["line"] == 3 and "geen geldige datum" in message_text(malformed[1]["message"])


def test_report_page_is_capped_and_the_csv_has_every_row(login, broker_haarlem, haarlem,
                                                          django_capture_on_commit_callbacks):
    unknown = [line(f"{40000000 + i}", f"=Onbekend {i}") for i in range(imports.REPORT_PAGE_ROWS + 50)]
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, "\n".join([HEADER, *unknown]) + "\n", haarlem)
    register_import = RegisterImport.objects.get()
    assert len(register_import.report["unknown"]) == imports.REPORT_PAGE_ROWS + 50
    page = client.get(register_import.get_absolute_url()).content.decode()
    assert page.count("Onbekend ") == imports.REPORT_PAGE_ROWS
    assert "het volledige rapport staat in de CSV" in page
    download = client.get(reverse("enterprises:import-report", args=[register_import.pk]))
    assert download.status_code == 200 and download["Content-Type"].startswith("text/csv")
    body = download.content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert table[0] == ["Soort", "Regel", "KvK-nummer", "Naam", "Melding"]
    assert len(table) == 1 + imports.REPORT_PAGE_ROWS + 50
    assert table[1][:4] == ["onbekende onderneming", "2", "40000000", "'=Onbekend 0"]  # no formula


def test_report_download_is_scoped(login, broker_amersfoort, broker_haarlem, haarlem):
    register_import = RegisterImport.objects.create(organisation=haarlem, uploaded_by=broker_haarlem,
                                                    file="register-imports/x.csv", default_scheme=Scheme.PSO_30,
                                                    report={"unknown": [{"line": 2, "kvk_number": "1", "name": "X"}]})
    url = reverse("enterprises:import-report", args=[register_import.pk])
    assert login(broker_amersfoort).get(url).status_code == 404
