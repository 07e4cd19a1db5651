"""Enterprise uploads are scanned by clamd when ``PORTAL_CLAMAV_URL`` is set (``tests/clamd.py``):
certificate evidence, the impact measurement's report and the register import (CSV and Excel)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises.constants import Scheme
from enterprises.measurement.models import ImpactMeasurement
from enterprises.models import Certification, RegisterImport
from tests.clamd import EICAR, SCENARIOS, XLSX, check_entry_point, workbook

pytestmark = pytest.mark.django_db


def _pdf(content, name="bewijs.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_certificate_evidence(request, login, ondernemer_1, enterprise_haarlem, scenario):
    client = login(ondernemer_1)

    def send(content):
        return client.post(reverse("enterprises:certification-create", args=[enterprise_haarlem.pk]), {
            "scheme": Scheme.PSO_30, "number": "PSO30-1", "issued_on": "2025-01-01", "valid_until": "2030-01-01",
            "evidence": _pdf(content, "pso.pdf")})

    check_entry_point(request, scenario, send, Certification.objects.count, field="evidence",
                      refused=200)  # a generic create view


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_impact_report(request, login, ondernemer_1, enterprise_haarlem, scenario):
    client = login(ondernemer_1)

    def send(content):
        return client.post(reverse("enterprises:impact", args=[enterprise_haarlem.pk]), {
            "method": "impactpad", "method_name": "", "notes": "", "report_date": "2025-03-01",
            "period_start": "2024-01-01", "period_end": "2024-12-31", "report": _pdf(content, "impactrapport.pdf"),
            "indicators-TOTAL_FORMS": "0", "indicators-INITIAL_FORMS": "0", "indicators-MIN_NUM_FORMS": "0",
            "indicators-MAX_NUM_FORMS": "10"})

    check_entry_point(request, scenario, send, ImpactMeasurement.objects.count, field="report")


REGISTER = b"kvk_nummer;naam;regeling;geldig_tot\n11111111;Fietsenmakerij Jansen;PSO 30+;2030-01-01\n"
REGISTER_ROWS = (["kvk_nummer", "naam", "regeling", "geldig_tot"],
                 ["11111111", "Fietsenmakerij Jansen", "PSO 30+", "2030-01-01"])


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_register_import(request, login, haarlem, broker_haarlem, kind, scenario):
    client = login(broker_haarlem)
    clean, infected = ((REGISTER, REGISTER + EICAR + b"\n") if kind == "csv"
                       else (workbook(*REGISTER_ROWS), workbook(*REGISTER_ROWS, infected=True)))

    def send(content):
        upload = SimpleUploadedFile(f"register.{kind}", content, content_type="text/csv" if kind == "csv" else XLSX)
        return client.post(reverse("enterprises:import-create"), {"organisation": haarlem.pk, "file": upload,
                                                                  "default_scheme": ""})

    check_entry_point(request, scenario, send, RegisterImport.objects.count, field="file", clean=clean,
                      infected=infected, refused=200)  # a generic create view


def test_the_admin_takes_no_register_file(admin_client):
    """A register file goes in through the import page only (checked, scanned, imported): the
    admin shows the file of an import but has no upload field for it."""
    page = admin_client.get(reverse("admin:enterprises_registerimport_add")).content.decode()
    assert 'type="file"' not in page
