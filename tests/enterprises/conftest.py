import datetime as dt

import pytest
from django.utils import timezone

from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import Certification, ContactMoment
from tests import factories as f

# A fixed, ordinary day: the real clock made date tests fail on 29 February (a year before it is
# 28 February, so "one year ago" plus "one year" is not today). Leap days are tested explicitly.
TODAY = dt.date(2026, 6, 15)  # a Monday


@pytest.fixture
def today(monkeypatch):
    """The pinned date; ``timezone.localdate()`` (used by pages and services that take no
    ``today``) returns it as well, so tests and code agree on the day."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr(timezone, "localdate", localdate)
    return TODAY


@pytest.fixture
def make_cert(today):
    def make(enterprise, scheme=Scheme.PSO_1, days=365, **values):
        values.setdefault("number", f"NR-{enterprise.pk}-{scheme}".replace("_", ""))
        values.setdefault("status", CertificationStatus.VERIFIED)
        values.setdefault("verified_at", timezone.now())
        return Certification.objects.create(enterprise=enterprise, scheme=scheme,
                                            valid_until=today + dt.timedelta(days=days), **values)

    return make


@pytest.fixture
def showcase_enterprise(haarlem):
    return f.EnterpriseFactory(name="Koffiebranderij Etalage", municipality=haarlem, is_published=True,
                               admission_status=AdmissionStatus.ADMITTED, description="Koffie met impact")


@pytest.fixture
def contact_amersfoort(amersfoort, enterprise_haarlem, broker_amersfoort):
    return ContactMoment.objects.create(organisation=amersfoort, enterprise=enterprise_haarlem,
                                        subject="Gesprek Amersfoort", owner=broker_amersfoort)


@pytest.fixture
def contact_haarlem(haarlem, enterprise_haarlem, broker_haarlem):
    return ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem,
                                        subject="Gesprek Haarlem", owner=broker_haarlem)
