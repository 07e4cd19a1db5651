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


def test_visitors_get_valid_certificates_only_in_the_api_as_on_the_showcase(api, client, showcase_enterprise,
                                                                            make_cert, broker_haarlem):
    from enterprises.constants import Scheme

    ended = make_cert(showcase_enterprise, Scheme.PSO_30, days=-2, number="PSO30-OUD")  # still stored "verified"
    current = make_cert(showcase_enterprise, Scheme.PSO_30, days=200, number="PSO30-NIEUW")
    page = client.get(reverse("enterprises:showcase-detail", args=[showcase_enterprise.pk])).content.decode()
    assert "PSO30-OUD" not in page and "PSO30-NIEUW" in page
    visitor = api()
    listed = {row["id"] for row in visitor.get("/api/v1/certifications/").json()["results"]}
    nested = {row["id"] for row in visitor.get(
        f"/api/v1/enterprises/{showcase_enterprise.pk}/certifications/").json()["results"]}
    assert ended.pk not in listed | nested and current.pk in listed & nested
    assert visitor.get(f"/api/v1/certifications/{ended.pk}/").status_code == 404
    # The municipality's broker reads the dossier: the ended certificate too.
    assert ended.pk in {row["id"] for row in api(broker_haarlem).get("/api/v1/certifications/").json()["results"]}
