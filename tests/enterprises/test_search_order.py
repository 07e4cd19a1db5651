"""A searched list pages what its search found without reading the table row by row
(``impactportal.ordering.text_searched``).

PostgreSQL estimates a search's matches as spread evenly over the name order, so for the first page
it walked the name index and tested each row, reading it from the table: on the national register
"cooperatie" (every match a "Schuldhulpcoöperatie …", under S) read 68,095 rows before the first
match, 100 ms. Up to ``SORT_FOUND_ROWS`` found rows a page in name order now picks its keys first
from the (name, id) index that holds the searched columns (migration 0015): the walk reads the
index only. In any other order the page sorts by an expression no index serves, so the database
sorts what the trigram index found. The order people see is the same. Runs on both engines (the
PostgreSQL pass of .ci/run lists this file: collations differ)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal import ordering
from tests import factories as f

pytestmark = pytest.mark.django_db

NAMES = ["Schuldhulpcoöperatie Zuid", "Schuldhulpcoöperatie Alkmaar", "schuldhulpcoöperatie Beek",
         "Schuldhulpcoöperatie Zuid", "Schuldhulpcooperatie Den Haag", "Bakkerij Coöperatie Oost"]


@pytest.fixture
def found(haarlem):
    shown = {"is_published": True, "admission_status": AdmissionStatus.ADMITTED, "municipality": haarlem}
    rows = [f.EnterpriseFactory(name=name, city="Haarlem", **shown) for name in NAMES]
    f.EnterpriseFactory(name="Fietsenmakerij Spaarne", city="Haarlem", **shown)
    return rows


def in_name_order(rows):
    """The order the database gives ``ORDER BY name, id`` (its collation decides, not Python)."""
    return list(Enterprise.objects.filter(pk__in=[r.pk for r in rows]).order_by("name", "pk")
                .values_list("pk", flat=True))


def page_sql(queries):
    return next(q["sql"] for q in queries if "LIMIT" in q["sql"] and "enterprises_enterprise" in q["sql"]
                and "COUNT(" not in q["sql"])


def page_order_sql(queries):
    page = page_sql(queries)
    return page[page.rindex("ORDER BY"):]


def keys_first(sql) -> bool:
    """Whether the page picks its keys in a subquery first (``WHERE id IN (SELECT … LIMIT n)``)."""
    return re.search(r'"id" IN \(SELECT U0\."id" .* LIMIT \d+\)', sql) is not None


def test_the_register_pages_what_the_search_found_in_name_order_by_key(login, broker_haarlem, found):
    client = login(broker_haarlem)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("enterprises:register"), {"q": "cooperatie", "municipality": ""}).content.decode()
    shown = [int(pk) for pk in re.findall(r'href="/register/(\d+)/"', html)]
    assert shown == in_name_order(found)  # the same order as by the name itself, ties by number
    sql = page_sql(queries.captured_queries)
    assert keys_first(sql), sql  # the keys from the covering index first
    assert "||" not in page_order_sql(queries.captured_queries)  # in an order that index walks


def test_a_second_page_of_a_search_by_key_holds_the_next_rows(login, broker_haarlem, found):
    html = login(broker_haarlem).get(reverse("enterprises:register"), {
        "q": "cooperatie", "municipality": "", "per_page": 2, "page": 2}).content.decode()
    assert [int(pk) for pk in re.findall(r'href="/register/(\d+)/"', html)] == in_name_order(found)[2:4]


def test_the_register_sorts_what_the_search_found_in_another_order(login, broker_haarlem, found):
    client = login(broker_haarlem)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("enterprises:register"), {"q": "cooperatie", "municipality": "", "sort": "-name"})
    sql = page_sql(queries.captured_queries)
    assert not keys_first(sql), sql  # no index walks name descending with id ascending
    order = page_order_sql(queries.captured_queries)
    assert "||" in order or "CONCAT" in order.upper(), order  # an expression: no index walk


def test_a_search_that_finds_many_rows_walks_the_index_as_before(login, broker_haarlem, found, monkeypatch):
    monkeypatch.setattr(ordering, "SORT_FOUND_ROWS", len(found) - 1)
    client = login(broker_haarlem)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("enterprises:register"), {"q": "cooperatie", "municipality": ""}).content.decode()
    assert [int(pk) for pk in re.findall(r'href="/register/(\d+)/"', html)] == in_name_order(found)
    order = page_order_sql(queries.captured_queries)
    assert "||" not in order and "CONCAT" not in order.upper(), order
    assert not keys_first(page_sql(queries.captured_queries))


def test_the_api_pages_a_search_by_key_too(api, broker_haarlem, found):
    with CaptureQueriesContext(connection) as queries:
        results = api(broker_haarlem).get("/api/v1/enterprises/", {"q": "cooperatie"}).json()["results"]
    assert [r["id"] for r in results] == in_name_order(found)
    assert keys_first(page_sql(queries.captured_queries))


def test_a_searched_query_of_groups_sorts_its_matches_instead(found):
    """Keys first needs one row per record (``one_row_per_record``); a DISTINCT query sorts."""
    searched = ordering.text_searched(Enterprise.objects.filter(search_text__contains="COOPERATIE").distinct()
                                      .order_by("name", "pk"), covered=("name", "pk"))
    with CaptureQueriesContext(connection) as queries:
        page = ordering.StablePaginator(searched, 2).page(1)
        names = [row.name for row in page]
    assert names == [row.name for row in Enterprise.objects.filter(pk__in=in_name_order(found)[:2])
                     .order_by("name", "pk")]
    sql = page_sql(queries.captured_queries)
    assert not keys_first(sql) and "||" in sql[sql.rindex("ORDER BY"):], sql


def test_an_unsearched_list_is_sorted_by_its_column(login, broker_haarlem, found):
    with CaptureQueriesContext(connection) as queries:
        login(broker_haarlem).get(reverse("enterprises:register"), {"municipality": ""})
    order = page_order_sql(queries.captured_queries)
    assert "||" not in order and "CONCAT" not in order.upper(), order


def test_sorted_descending_and_the_api_alike(login, api, broker_haarlem, found):
    html = login(broker_haarlem).get(reverse("enterprises:register"),
                                     {"q": "cooperatie", "municipality": "", "sort": "-name"}).content.decode()
    assert [int(pk) for pk in re.findall(r'href="/register/(\d+)/"', html)] == (
        list(Enterprise.objects.filter(pk__in=[r.pk for r in found]).order_by("-name", "pk")
             .values_list("pk", flat=True)))
    results = api(broker_haarlem).get("/api/v1/enterprises/", {"q": "cooperatie"}).json()["results"]
    assert [r["id"] for r in results] == in_name_order(found)


def test_the_mark_survives_later_filters_and_orderings(found):
    searched = ordering.text_searched(Enterprise.objects.filter(name__icontains="coöperatie"))
    assert getattr(searched.filter(city="Haarlem").order_by("-name").query, "text_searched", False)
    assert not getattr(Enterprise.objects.all().query, "text_searched", False)


@pytest.mark.postgres
def test_the_name_indexes_hold_what_a_search_tests():
    """Migration 0015: without these columns in the index the walk reads each row from the table.
    The indexes keep the names ``Meta.indexes`` gives them."""
    names = {tuple(index.fields): index.name for index in Enterprise._meta.indexes}
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'enterprises_enterprise'")
        definitions = dict(cursor.fetchall())
    assert definitions[names[("name", "id")]].endswith(
        "(name, id) INCLUDE (search_text, kvk_number, municipality_id, is_published, admission_status)")
    assert definitions[names[("municipality", "name", "id")]].endswith(
        "(municipality_id, name, id) INCLUDE (search_text, kvk_number)")
