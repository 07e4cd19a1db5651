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


@pytest.fixture
def label_rule(haarlem):
    from enterprises.constants import AdmissionMode, Scheme
    from enterprises.models import AdmissionRule

    return AdmissionRule.objects.create(organisation=haarlem, mode=AdmissionMode.LABEL,
                                        accepted_schemes=[Scheme.PSO_30])


def _import(text, user, today):
    from enterprises import imports

    rows, bad = imports.parse(text)
    assert not bad
    return imports.apply(rows, user=user, today=today)


def test_an_import_that_ends_the_admitting_label_withdraws_the_admission_at_once(
        label_rule, haarlem, broker_haarlem, make_cert, today, client):
    import datetime as dt

    from django.db import transaction

    from enterprises import admission
    from enterprises.constants import AdmissionRoute, AdmissionStatus, Scheme
    from tests import factories as f

    enterprise = f.EnterpriseFactory(name="Wasserette Wit", kvk_number="44444444", municipality=haarlem,
                                     is_published=True, admission_status=AdmissionStatus.APPLIED)
    make_cert(enterprise, Scheme.PSO_30, days=100, number="PSO30-444")
    with transaction.atomic():
        assert admission.admit_on_label(enterprise=enterprise, today=today)
    enterprise.refresh_from_db()
    assert (enterprise.admission_status, enterprise.admission_route) == (AdmissionStatus.ADMITTED,
                                                                        AdmissionRoute.LABEL)
    past = (today - dt.timedelta(days=3)).isoformat()
    report = _import(f"kvk_nummer;naam;regeling;geldig_tot;nummer\n44444444;Wasserette Wit;PSO 30+;{past};PSO30-444\n",
                     broker_haarlem, today)
    assert report["matched"][0]["updated"]
    enterprise.refresh_from_db()
    assert enterprise.admission_status != AdmissionStatus.ADMITTED
    assert client.get(reverse("enterprises:showcase-detail", args=[enterprise.pk])).status_code == 404


def test_an_import_that_verifies_a_label_admits_an_open_application(label_rule, haarlem, broker_haarlem, today):
    import datetime as dt

    from enterprises.constants import AdmissionRoute, AdmissionStatus
    from tests import factories as f

    enterprise = f.EnterpriseFactory(name="Fietsherstel Noord", kvk_number="55555555", municipality=haarlem,
                                     admission_status=AdmissionStatus.APPLIED)
    later = (today + dt.timedelta(days=300)).isoformat()
    _import(f"kvk_nummer;naam;regeling;geldig_tot;nummer\n55555555;Fietsherstel Noord;PSO 30+;{later};PSO30-555\n",
            broker_haarlem, today)
    enterprise.refresh_from_db()
    assert (enterprise.admission_status, enterprise.admission_route) == (AdmissionStatus.ADMITTED,
                                                                        AdmissionRoute.LABEL)


@pytest.mark.parametrize("posted", ["²", "١٢"])  # digits to str.isdigit(), no id to the database
def test_a_bare_odd_id_in_an_enterprise_field_is_its_field_error(login, ondernemer_1, posted):
    from ecosystem.models import SpaceRequest

    response = login(ondernemer_1).post(reverse("ecosystem:space-request-create"), {
        "enterprise": posted, "min_area": "50", "max_area": "100", "budget": "800", "start_date": "2027-03-01",
        "purpose": "Atelier met leerwerkplekken"})
    # The form again with the field's own error (a generic create page answers it with 200).
    assert "Kies een onderneming" in response.context["form"].errors["enterprise"][0]
    assert not SpaceRequest.objects.exists()
