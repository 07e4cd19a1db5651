"""The platform's SROI badge follows the admission: nobody deletes or edits it by hand (a deleted
badge gave the next admission a fresh verified year, an edited one any end date); the brokers
still verify, dispute or revoke it."""

import datetime as dt

import pytest
from django.urls import reverse

from enterprises import services
from enterprises.constants import CertificationStatus, Scheme
from enterprises.models import Certification

pytestmark = pytest.mark.django_db


@pytest.fixture
def badge(enterprise_haarlem, broker_haarlem, today):
    return services.issue_badge(enterprise=enterprise_haarlem, by=broker_haarlem, today=today)


def test_the_badge_is_not_deleted_or_edited_by_hand(badge, ondernemer_1, broker_haarlem, login, api, today):
    assert badge.scheme == Scheme.SROI_BADGE
    ends = badge.valid_until
    later = (today + dt.timedelta(days=5 * 365)).isoformat()
    for user in (ondernemer_1, broker_haarlem):
        client = login(user)
        page = client.get(reverse("enterprises:certification-detail", args=[badge.pk])).content.decode()
        assert reverse("enterprises:certification-delete", args=[badge.pk]) not in page
        assert 'id="badge-follows-admission"' in page
        assert client.post(reverse("enterprises:certification-delete", args=[badge.pk])).status_code == 403
        assert client.post(reverse("enterprises:certification-update", args=[badge.pk]), {
            "scheme": Scheme.SROI_BADGE, "number": badge.number, "issuer": badge.issuer,
            "issued_on": badge.issued_on.isoformat(), "valid_until": later, "notes": ""}).status_code == 403
        assert api(user).delete(f"/api/v1/certifications/{badge.pk}/").status_code == 403
    badge.refresh_from_db()
    assert (badge.valid_until, badge.status) == (ends, CertificationStatus.VERIFIED)


def test_the_brokers_still_decide_on_the_badge(badge, broker_haarlem, login):
    page = login(broker_haarlem).get(reverse("enterprises:certification-detail", args=[badge.pk])).content.decode()
    assert 'value="revoked"' in page
    services.certification_set_status(certification=badge, by=broker_haarlem, status=CertificationStatus.REVOKED)
    assert Certification.objects.get(pk=badge.pk).status == CertificationStatus.REVOKED


def test_a_certificate_kept_by_hand_is_still_edited(enterprise_haarlem, ondernemer_1, login, today):
    cert = Certification.objects.create(enterprise=enterprise_haarlem, scheme=Scheme.PSO_BASIS, number="PSO-1",
                                        valid_until=today + dt.timedelta(days=200))
    client = login(ondernemer_1)
    page = client.get(reverse("enterprises:certification-detail", args=[cert.pk])).content.decode()
    assert reverse("enterprises:certification-delete", args=[cert.pk]) in page
    assert client.post(reverse("enterprises:certification-delete", args=[cert.pk])).status_code == 302
    assert not Certification.objects.filter(pk=cert.pk).exists()


def _readmitted(enterprise, broker, entrepreneur, today, **changes):
    """A material change sends the admitted enterprise back; the broker admits it again."""
    from enterprises.constants import AdmissionStatus

    enterprise.refresh_from_db()
    for name, value in changes.items():
        setattr(enterprise, name, value)
    enterprise.save()
    services.enterprise_changed(enterprise=enterprise, by=entrepreneur, changed=list(changes))
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.APPLIED
    services.admission_start_review(enterprise=enterprise, by=broker)
    services.admission_decide(enterprise=enterprise, by=broker, admit=True, today=today)
    enterprise.refresh_from_db()
    return enterprise


def _admitted(enterprise, broker, entrepreneur, today):
    services.enterprise_apply(enterprise=enterprise, by=entrepreneur)
    services.admission_start_review(enterprise=enterprise, by=broker)
    services.admission_decide(enterprise=enterprise, by=broker, admit=True, today=today)
    return Certification.objects.get(enterprise=enterprise, scheme=Scheme.SROI_BADGE)


def test_a_readmission_restores_the_badge_but_not_over_a_brokers_revocation(enterprise_haarlem, broker_haarlem,
                                                                            ondernemer_1, today):
    badge = _admitted(enterprise_haarlem, broker_haarlem, ondernemer_1, today)
    _readmitted(enterprise_haarlem, broker_haarlem, ondernemer_1, today, name="Nieuwe naam")
    badge.refresh_from_db()
    assert badge.status == CertificationStatus.VERIFIED  # ended by the change, restored by the admission
    services.certification_set_status(certification=badge, by=broker_haarlem, status=CertificationStatus.REVOKED)
    _readmitted(enterprise_haarlem, broker_haarlem, ondernemer_1, today, name="Nog een naam")
    badge.refresh_from_db()
    assert badge.status == CertificationStatus.REVOKED  # the broker's decision stands


def test_a_restored_badge_carries_the_new_kvk_number(enterprise_haarlem, broker_haarlem, ondernemer_1, today):
    from enterprises.views import findings_for

    badge = _admitted(enterprise_haarlem, broker_haarlem, ondernemer_1, today)
    assert enterprise_haarlem.kvk_number in badge.number
    enterprise = _readmitted(enterprise_haarlem, broker_haarlem, ondernemer_1, today, kvk_number="87654321")
    badge.refresh_from_db()
    assert badge.number == f"SROI-87654321-{badge.issued_on.year}"
    assert "number_kvk_mismatch" not in [finding.code for finding in findings_for(enterprise)]
