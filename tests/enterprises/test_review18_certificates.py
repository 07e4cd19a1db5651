"""The platform's SROI badge is not typed in as a certificate, on the page or through the API: it
comes with an admission, for a year (``services.issue_badge``)."""

from django.urls import reverse

from enterprises.constants import Scheme
from enterprises.models import Certification


def test_the_certificate_form_does_not_offer_the_badge(login, ondernemer_1, broker_haarlem, enterprise_haarlem):
    url = reverse("enterprises:certification-create", args=[enterprise_haarlem.pk])
    for user in (ondernemer_1, broker_haarlem):
        client = login(user)
        offered = [value for value, _label in client.get(url).context["form"].fields["scheme"].choices]
        assert Scheme.SROI_BADGE not in offered and Scheme.PSO_30 in offered
        response = client.post(url, {"scheme": Scheme.SROI_BADGE, "number": f"SROI-{enterprise_haarlem.kvk_number}-2026",
                                     "valid_until": "2028-01-01"})
        assert response.status_code in (200, 400) and "scheme" in response.context["form"].errors
    assert not Certification.objects.exists()


def test_the_api_refuses_the_badge_typed_in(api, ondernemer_1, enterprise_haarlem):
    response = api(ondernemer_1).post("/api/v1/certifications/", {
        "enterprise": enterprise_haarlem.pk, "scheme": "sroi_badge",
        "number": f"SROI-{enterprise_haarlem.kvk_number}-2026", "valid_until": "2028-01-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"scheme": ["De SROI-badge geeft het platform bij de toelating; die voegt u niet zelf toe."]}
    assert not Certification.objects.exists()


def test_badges_typed_in_before_become_other_certificates_with_a_note(enterprise_haarlem, broker_haarlem):
    """Rows entered by hand before the rule: no longer a badge (they counted, with any end date, and
    could not be edited any more); the admission's own badge stays."""
    import importlib

    from django.apps import apps

    from enterprises.constants import CertificationSource

    typed = Certification.objects.create(enterprise=enterprise_haarlem, scheme=Scheme.SROI_BADGE, number="B-1",
                                         notes="Van de ondernemer", source=CertificationSource.MANUAL)
    issued = Certification.objects.create(enterprise=enterprise_haarlem, scheme=Scheme.SROI_BADGE, number="B-2",
                                          source=CertificationSource.ADMISSION)
    importlib.import_module("enterprises.migrations.0016_hand_entered_badges").forwards(apps, None)
    typed.refresh_from_db()
    issued.refresh_from_db()
    assert typed.scheme == Scheme.OTHER and typed.notes.startswith("Van de ondernemer\n\nMet de hand ingevoerd")
    assert issued.scheme == Scheme.SROI_BADGE
