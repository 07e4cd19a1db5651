"""The impact report downloads under a clean name: the enterprise and the year the report covers,
not the stored name (storage gave a second report of the same name a random suffix,
"impactrapport-2025_GU7OdVy.pdf"), and the enterprise page's link says the same."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from enterprises.models import ImpactMeasurement
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_report_downloads_under_a_clean_name(language, login, broker_haarlem, haarlem):
    with translation.override(language):  # "impact-report-…" once the lead has translated "impactrapport"
        name = f"{slugify(translation.gettext('impactrapport'))}-bakkerij-klerks-bv-2025.pdf"
    enterprise = f.EnterpriseFactory(municipality=haarlem, name="Bakkerij Klerks B.V.")
    measurement = ImpactMeasurement.objects.create(
        enterprise=enterprise, method="impactpad", report_date=dt.date(2026, 3, 1), period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31), report=SimpleUploadedFile("impactrapport-2025.pdf", PDF))
    # The same name uploaded again: storage keeps it under a random suffix.
    measurement.report.save("impactrapport-2025.pdf", SimpleUploadedFile("impactrapport-2025.pdf", PDF))
    assert measurement.report.name.rsplit("/", 1)[-1].startswith("impactrapport-2025_")
    client = login(broker_haarlem)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("enterprises:impact-report", args=[measurement.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    page = client.get(reverse("enterprises:detail", args=[enterprise.pk])).content.decode()
    assert f">{name}</a>" in page
