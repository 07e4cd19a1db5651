"""Outcome claims' evidence is scanned by clamd when ``PORTAL_CLAMAV_URL`` is set
(``tests/clamd.py``): on the screen and through the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from financing.models import OutcomeClaim
from tests.clamd import SCENARIOS, check_entry_point

from . import outcome_factories as of

pytestmark = pytest.mark.django_db


@pytest.fixture
def metric(haarlem, enterprise_haarlem):
    return of.metric(of.contract(haarlem, enterprise_haarlem, maximum="30000.00"), price="5000.00", target=10,
                     cap="20000.00")


def _claim(metric, content):
    return {"metric": metric.pk, "period_start": "2025-01-01", "period_end": "2025-03-31", "claimed_count": "4",
            "evidence": SimpleUploadedFile("loonstroken.pdf", content, content_type="application/pdf")}


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_claim_on_the_screen(request, login, metric, ondernemer_1, scenario):
    client = login(ondernemer_1)

    def send(content):
        return client.post(reverse("financing:claim-create", args=[metric.contract.pk]), _claim(metric, content))

    check_entry_point(request, scenario, send, OutcomeClaim.objects.count, field="evidence")


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_claim_through_the_api(request, api, metric, ondernemer_1, scenario):
    client = api(ondernemer_1)

    def send(content):
        return client.post(f"/api/v1/financing/outcome-contracts/{metric.contract.pk}/claims/", _claim(metric, content),
                           format="multipart")

    check_entry_point(request, scenario, send, OutcomeClaim.objects.count, field="evidence", api=True,
                      accepted=(201,))
