import datetime as dt

import pytest
from django.utils import timezone

from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import Certification, ContactMoment
from tests import factories as f


@pytest.fixture
def today():
    return timezone.localdate()


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
