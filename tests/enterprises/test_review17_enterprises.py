"""Enterprises: what the enterprise made public is all that staff of another municipality read of
its impact measurement."""

import pytest
from django.urls import reverse

from enterprises.measurement.models import ImpactMeasurement

pytestmark = pytest.mark.django_db


def test_another_municipality_reads_only_the_public_part_of_the_impact_measurement(
        login, showcase_enterprise, broker_amersfoort, broker_haarlem, client):
    ImpactMeasurement.objects.create(enterprise=showcase_enterprise, method="impactpad", show_in_showcase=True,
                                     notes="INTERNE-TOELICHTING")
    showcase = client.get(reverse("enterprises:showcase-detail", args=[showcase_enterprise.pk])).content.decode()
    assert "INTERNE-TOELICHTING" not in showcase and 'data-impact="method"' in showcase
    page = login(broker_amersfoort).get(reverse("enterprises:detail", args=[showcase_enterprise.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and 'data-impact="method"' in html
    assert "INTERNE-TOELICHTING" not in html and 'data-impact="consent"' not in html
    own = login(broker_haarlem).get(reverse("enterprises:detail", args=[showcase_enterprise.pk])).content.decode()
    assert "INTERNE-TOELICHTING" in own and 'data-impact="consent"' in own  # its own municipality reads it all
