"""The payments import's report as CSV, as the register import's: a header with capitals as every
other export has, the KvK number and name of a bad or repeated row as the file had them, and a file
name in the reader's language."""

import csv
import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procurement import payment_imports
from procurement.models import PaymentImport

pytestmark = pytest.mark.django_db

BAD = "\n".join([
    "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort",
    "12345678;Kantoorreus BV;2025-01-01;vijftig;Kantoor",  # 2: a bad amount
    "123;Te kort;2025-01-01;10,00;Kantoor",  # 3: a bad KvK number
]) + "\n"
REPEATED = "\n".join([
    "kvk-nummer;naam;datum;bedrag excl. btw;kostensoort",
    "12345678;Kantoorreus BV;2025-01-01;10,00;Kantoor",
    "12345678;Kantoorreus BV;2025-01-01;10,00;Kantoor",  # 3: the same as line 2
]) + "\n"


def test_parse_keeps_a_bad_rows_kvk_number_and_name_as_the_file_has_them():
    _rows, bad = payment_imports.parse(BAD)
    assert [(b["line"], b["kvk_number"], b["name"]) for b in bad] == [(2, "12345678", "Kantoorreus BV"),
                                                                      (3, "123", "Te kort")]


def report(client, haarlem, language, text, capture):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    file = SimpleUploadedFile("betalingen.csv", text.encode(), content_type="text/csv")
    with capture(execute=True):
        client.post(reverse("procurement:payment-import-create"), {"organisation": haarlem.pk, "file": file})
    payment_import = PaymentImport.objects.latest("pk")
    response = client.get(reverse("procurement:payment-import-report", args=[payment_import.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";" if language == "nl"
                           else ","))
    return payment_import, response, rows


@pytest.mark.parametrize("language, header, name", [
    ("nl", ["Soort", "Regel", "KvK-nummer", "Naam", "Betalingen", "Totaal (excl. btw)", "Melding"],
     "import-betalingen-{pk}.csv"),
    ("en", ["Kind", "Line", "Chamber of Commerce (KvK) number", "Name", "Payments", "Total (excl. VAT)",
            "Notification"], "payments-import-{pk}.csv"),
])
def test_the_report_csv(language, header, name, login, broker_haarlem, haarlem, django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    payment_import, response, rows = report(client, haarlem, language, BAD, django_capture_on_commit_callbacks)
    assert response["Content-Disposition"] == f'attachment; filename="{name.format(pk=payment_import.pk)}"'
    assert rows[0] == header
    assert [row[1:4] for row in rows[1:]] == [["2", "12345678", "Kantoorreus BV"], ["3", "123", "Te kort"]]


def test_a_repeated_row_has_its_kvk_number(login, broker_haarlem, haarlem, django_capture_on_commit_callbacks):
    _import, _response, rows = report(login(broker_haarlem), haarlem, "nl", REPEATED,
                                      django_capture_on_commit_callbacks)
    assert [row[:4] for row in rows if row[0] == "gelijke regel"] == [["gelijke regel", "3", "12345678",
                                                                        "Kantoorreus BV"]]
