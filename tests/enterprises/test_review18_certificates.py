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
