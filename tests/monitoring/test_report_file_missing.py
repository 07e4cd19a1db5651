"""A report file missing from storage (a restore without the media, a cleaned disk) is a 404 for
the page, the API and the public file, not a 500: they stream through ``serve_private_file``."""

import pytest
from django.urls import reverse

from monitoring import services

pytestmark = pytest.mark.django_db


def test_the_report_file_is_served_inline_and_a_missing_one_is_a_404(annual, login, api, broker_haarlem):
    page, through_api = (
        reverse("monitoring:report-file", args=[annual.pk]),
        f"/api/v1/monitoring/reports/{annual.pk}/file/",
    )
    client = login(broker_haarlem)
    response = client.get(page)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("inline; filename=")
        and ".pdf" in response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert api(broker_haarlem).get(through_api).status_code == 200

    annual.file.storage.delete(annual.file.name)
    assert client.get(page).status_code == 404
    assert api(broker_haarlem).get(through_api).status_code == 404


def test_a_missing_public_file_is_a_404(annual, broker_haarlem, client):
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")
    services.report_publish(report=annual, by=broker_haarlem)
    annual.refresh_from_db()
    url = reverse("monitoring:public-file", args=[annual.pk])
    assert client.get(url).status_code == 200
    annual.public_file.storage.delete(annual.public_file.name)
    assert client.get(url).status_code == 404
