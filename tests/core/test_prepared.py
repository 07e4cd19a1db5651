"""``IdsQuery``: a values query over ids, compiled once per page length, gives what the ORM gives."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enterprises.constants import CertificationStatus, Scheme
from enterprises.models import Certification
from impactportal.prepared import ARRAY_FROM, IdsQuery
from tests import factories as f

pytestmark = pytest.mark.django_db


def certificates(ids):
    return Certification.objects.filter(enterprise_id__in=ids).order_by("valid_until", "pk").values_list(
        "enterprise_id", "id", "scheme", "valid_until", "verified_at", "enterprise__name")


@pytest.fixture
def enterprises(haarlem):
    found = []
    for number in range(4):
        enterprise = f.EnterpriseFactory(municipality=haarlem, name=f"Onderneming {number}")
        Certification.objects.create(
            enterprise=enterprise, scheme=Scheme.PSO_30, number=f"NR-{number}", status=CertificationStatus.VERIFIED,
            valid_until=dt.date(2027, 1, 1) + dt.timedelta(days=number),
            verified_at=timezone.now() if number % 2 else None)
        found.append(enterprise)
    return found


def test_rows_are_the_orms_rows_with_dates_and_times_converted(enterprises):
    query = IdsQuery(certificates)
    ids = [enterprise.pk for enterprise in enterprises]
    rows = query.rows(ids)
    assert rows == list(certificates(ids))
    assert len(rows) == 4
    assert isinstance(rows[0][3], dt.date) and rows[0][3] == dt.date(2027, 1, 1)  # not a string on SQLite
    assert rows[0][4] is None and timezone.is_aware(rows[1][4])
    assert rows[0][5] == "Onderneming 0"  # a joined column in its place


def test_the_sql_is_compiled_once_per_page_length_and_runs_with_each_pages_ids(enterprises, compilations):
    query = IdsQuery(certificates)
    first, second = [e.pk for e in enterprises[:2]], [e.pk for e in enterprises[2:]]
    assert [row[0] for row in query.rows(first)] == first
    with CaptureQueriesContext(connection) as queries:
        assert [row[0] for row in query.rows(second)] == second  # the same length: the same SQL
    assert len(queries) == 1  # still one query, and counted as one
    assert str(second[0]) in queries[0]["sql"]
    assert compilations.count(Certification) == 1
    query.rows([enterprises[0].pk])  # another length: compiled once more
    assert compilations.count(Certification) == 2


def test_no_ids_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert IdsQuery(certificates).rows([]) == []


@pytest.mark.parametrize("build", [
    # another parameter besides the ids
    lambda ids: Certification.objects.filter(enterprise_id__in=ids, scheme=Scheme.PSO_30).values_list("id", "scheme"),
    # an annotation, which values_list may put in another place than asked
    lambda ids: Certification.objects.filter(enterprise_id__in=ids).annotate(
        enterprise_name=F("enterprise__name")).values_list("enterprise_name", "id"),
], ids=["other parameter", "annotation"])
def test_a_query_of_another_shape_takes_the_orms_path_every_time(enterprises, compilations, build, settings):
    settings.SQL_PLAN_CACHE_SIZE = 0  # the ORM's own plans (impactportal.db.plans) would hide the path taken
    query = IdsQuery(build)
    ids = [e.pk for e in enterprises]
    expected = [tuple(row) for row in build(ids)]
    assert query.rows(ids) == expected
    before = compilations.count(Certification)
    assert query.rows(ids) == expected
    assert compilations.count(Certification) == before + 1  # compiled by the ORM again, not reused


@pytest.mark.postgres
def test_a_long_list_of_ids_is_one_array_on_postgresql_compiled_once_for_every_length(haarlem, compilations):
    """psycopg parses a statement with hundreds of placeholders anew on every run; from
    ``ARRAY_FROM`` ids the list goes as one array, whose SQL serves every length."""
    enterprises = [f.EnterpriseFactory(municipality=haarlem, name=f"Onderneming {n}") for n in range(ARRAY_FROM + 2)]
    for enterprise in enterprises:
        Certification.objects.create(enterprise=enterprise, scheme=Scheme.PSO_30, number=f"NR-{enterprise.pk}",
                                     status=CertificationStatus.VERIFIED, valid_until=dt.date(2027, 1, 1))
    ids = [enterprise.pk for enterprise in enterprises]
    expected, expected_shorter = list(certificates(ids)), list(certificates(ids[:ARRAY_FROM]))
    query = IdsQuery(certificates)
    before = compilations.count(Certification)
    with CaptureQueriesContext(connection) as queries:
        assert query.rows(ids) == expected
        assert query.rows(ids[:ARRAY_FROM]) == expected_shorter
    assert len(expected) == ARRAY_FROM + 2
    assert all("= ANY(" in q["sql"] and " IN (" not in q["sql"] for q in queries), queries[0]["sql"]
    assert compilations.count(Certification) == before + 1  # once for both lengths
    with CaptureQueriesContext(connection) as queries:
        query.rows(ids[:ARRAY_FROM - 1])  # below the threshold: a placeholder per id, as before
    assert " IN (" in queries[0]["sql"]
