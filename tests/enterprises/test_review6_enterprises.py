"""Review 6 (API and imports): register import rows with an extra column or a long value are
reported on their own line, duplicate certificates, verify is idempotent, the KvK uniqueness
message is built per request, contact moments only for the roles that keep them."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises import imports
from enterprises.constants import CertificationStatus
from enterprises.models import Certification
from impactportal.ui.import_messages import text as message_text

pytestmark = pytest.mark.django_db
HEADER = "kvk_nummer;naam;regeling;geldig_tot\n"
GOOD = "90000001;Goed;PSO trede 1;2027-04-01\n90000002;Ook goed;PSO trede 1;2027-04-01\n"


def test_a_row_with_a_fifth_field_is_reported_on_its_line():
    rows, bad = imports.parse(HEADER + GOOD + "90000007;Te veel;PSO trede 1;2027-04-01;extra\n")
    assert [r.kvk_number for r in rows] == ["90000001", "90000002"]
    assert [b["line"] for b in bad] == [4] and "Meer kolommen dan de kopregel" in message_text(bad[0]["message"])


def test_a_trailing_empty_field_is_not_an_extra_column():
    rows, bad = imports.parse(HEADER + "90000001;Goed;PSO trede 1;2027-04-01;\n")
    assert bad == [] and len(rows) == 1


@pytest.mark.parametrize("length", [100_000, 200_000])  # under and over csv's own field limit
def test_a_very_long_name_is_reported_on_its_line(length):
    rows, bad = imports.parse(HEADER + "90000007;" + "x" * length + ";PSO trede 1;2027-04-01\n" + GOOD)
    assert [r.kvk_number for r in rows] == ["90000001", "90000002"]
    assert [b["line"] for b in bad] == [2] and "te lang" in message_text(bad[0]["message"])
    assert "aanhalingsteken" not in message_text(bad[0]["message"]) and "kopregel" not in message_text(bad[0]["message"])


def test_a_second_certificate_with_the_same_number_is_refused(api, broker_haarlem, enterprise_haarlem):
    body = {"enterprise": enterprise_haarlem.pk, "scheme": "pso_30", "number": "PSO30-9",
            "valid_until": (timezone.localdate() + dt.timedelta(days=300)).isoformat()}
    assert api(broker_haarlem).post("/api/v1/certifications/", body, format="json").status_code == 201
    response = api(broker_haarlem).post("/api/v1/certifications/", body, format="json")
    assert response.status_code == 400 and list(response.json()) == ["number"], response.json()
    assert Certification.objects.filter(enterprise=enterprise_haarlem).count() == 1
    other = api(broker_haarlem).post("/api/v1/certifications/", body | {"number": "PSO30-10"}, format="json")
    assert other.status_code == 201  # another certificate of the same scheme is fine


def test_verifying_a_verified_certificate_keeps_the_first_verification(api, broker_haarlem, enterprise_haarlem,
                                                                       make_cert):
    first = timezone.now() - dt.timedelta(days=30)
    cert = make_cert(enterprise_haarlem, status=CertificationStatus.VERIFIED, verified_at=first)
    response = api(broker_haarlem).post(f"/api/v1/certifications/{cert.pk}/verify/")
    assert response.status_code == 200 and response.json()["verified"] is True
    cert.refresh_from_db()
    assert cert.verified_at == first


def test_the_kvk_uniqueness_message_is_not_fixed_at_the_first_request():
    from rest_framework.validators import UniqueValidator

    from enterprises.api.serializers import EnterpriseSerializer

    validators = EnterpriseSerializer().fields["kvk_number"].validators
    assert not any(isinstance(v, UniqueValidator) for v in validators)


def test_duplicate_kvk_is_still_a_field_error(api, broker_haarlem, enterprise_haarlem):
    response = api(broker_haarlem).post("/api/v1/enterprises/", {
        "name": "Dubbel", "kvk_number": enterprise_haarlem.kvk_number, "municipality": "haarlem"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["kvk_number"], response.json()


def test_contact_moments_are_refused_to_roles_without_them(login, broker_haarlem, inkoper_haarlem):
    response = login(inkoper_haarlem).get(reverse("enterprises:contact-list"))
    assert response.status_code == 403
    assert login(broker_haarlem).get(reverse("enterprises:contact-list")).status_code == 200
