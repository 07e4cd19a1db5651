"""``access.mark_can`` marks loaded rows with what ``access.annotate_can`` would have annotated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enterprises.models import Certification
from impactportal import access
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificates(enterprise_haarlem, enterprise_amersfoort):
    return [Certification.objects.create(enterprise=enterprise, scheme="pso_30", number=f"NR-{enterprise.pk}")
            for enterprise in (enterprise_haarlem, enterprise_amersfoort)]


def marked(user, rows):
    rows = list(rows)
    access.mark_can(rows, user, "evidence", "may")
    return {row.pk: row.may for row in rows}


def annotated(user, rows):
    queryset = Certification.objects.filter(pk__in=[row.pk for row in rows])
    return dict(access.annotate_can(queryset, user, "evidence", "may").values_list("pk", "may"))


def test_a_broker_is_marked_for_their_own_municipality_only(broker_haarlem, certificates):
    own, other = certificates
    assert marked(broker_haarlem, certificates) == annotated(broker_haarlem, certificates) == {own.pk: True,
                                                                                                other.pk: False}


def test_everything_and_nothing(certificates, ondernemer_2):
    admin = f.UserFactory(is_superuser=True)
    assert marked(admin, certificates) == annotated(admin, certificates) == {c.pk: True for c in certificates}
    stranger = f.UserFactory()
    assert marked(stranger, certificates) == annotated(stranger, certificates) == {c.pk: False for c in certificates}
    # The entrepreneur of Amersfoort's enterprise sees the evidence of their own certificate only.
    assert marked(ondernemer_2, certificates) == annotated(ondernemer_2, certificates)


def test_one_query_for_a_page_and_none_without_rows_or_rule(broker_haarlem, certificates):
    access.roles_of(broker_haarlem)  # memberships read once per request, not counted here
    with CaptureQueriesContext(connection) as queries:
        marked(broker_haarlem, certificates)
        access.mark_can([], broker_haarlem, "evidence", "may")
        marked(f.UserFactory.build(is_superuser=True, is_active=True), certificates)
    assert len(queries) == 1
