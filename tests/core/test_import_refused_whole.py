"""A file refused as a whole (too many rows, only a header row) is told as such: its one message is
no count of rows read and rows in error ("1 regel gelezen, 1 regel met fouten" was said of a
25,000-row file refused for its size). Counts on the import report carry the thousands mark."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises import imports
from tests import factories as f

pytestmark = pytest.mark.django_db
LATER = dt.date.today() + dt.timedelta(days=400)


def _import(client, name, organisation, raw, capture, **extra):
    with capture(execute=True):
        response = client.post(reverse(name), {"organisation": organisation.pk,
                                               "file": SimpleUploadedFile("lijst.csv", raw), **extra})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def test_a_register_list_over_the_limit_is_refused_as_a_whole(
        monkeypatch, haarlem, broker_haarlem, login, django_capture_on_commit_callbacks):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    rows = "".join(f"1234567{n};Onderneming {n};PSO 30+;{LATER:%Y-%m-%d}\r\n" for n in range(5))
    page = _import(login(broker_haarlem), "enterprises:import-create", haarlem,
                   f"kvk_nummer;naam;regeling;geldig_tot\r\n{rows}".encode(), django_capture_on_commit_callbacks,
                   default_scheme="")
    html = page.content.decode()
    assert page.context["status_text"] == "Het bestand is niet verwerkt; de reden staat hieronder."
    assert 'id="import-refused"' in html and "Waarom het bestand is geweigerd" in html
    assert "regel gelezen" not in html and "Regels met fouten (overgeslagen)" not in html


def test_a_payments_file_of_only_its_header_is_refused_as_a_whole(
        haarlem, inkoper_haarlem, login, django_capture_on_commit_callbacks):
    page = _import(login(inkoper_haarlem), "procurement:payment-import-create", haarlem,
                   b"kvk-nummer;naam;datum;bedrag excl. btw;kostensoort\r\n", django_capture_on_commit_callbacks)
    html = page.content.decode()
    assert page.context["status_text"] == "Het bestand is niet verwerkt; de reden staat hieronder."
    assert "het bestand is als geheel geweigerd" in html
    assert "1 regel bevat een fout" not in html and "alleen een kopregel" in html


def test_the_report_writes_its_counts_with_the_thousands_mark(
        monkeypatch, haarlem, broker_haarlem, login, django_capture_on_commit_callbacks):
    monkeypatch.setattr(imports, "MAX_ROWS", 2000)
    rows = "".join(f"{10000000 + n};Onbekend {n};PSO 30+;{LATER:%Y-%m-%d}\r\n" for n in range(1200))
    f.EnterpriseFactory(municipality=haarlem)
    page = _import(login(broker_haarlem), "enterprises:import-create", haarlem,
                   f"kvk_nummer;naam;regeling;geldig_tot\r\n{rows}".encode(), django_capture_on_commit_callbacks,
                   default_scheme="")
    summary = page.content.decode().split('id="import-summary"')[1].split("</dl>")[0]
    assert "<dd>1.200</dd>" in summary  # rows read, and the unknown enterprises
