"""The pool walk of matching: ids in index order, rows fetched by id afterwards (the order the
walk found them in kept), without parallel workers on PostgreSQL, over an index that carries the
municipality."""

import datetime as dt

import pytest
from django.db import connection

from impactportal.db.walks import serial
from procurement import services_matching
from tests.procurement import factories as pf
from tests.procurement.test_matching_services import admitted, make_contract, places, schoonmaak  # noqa: F401

TODAY = dt.date(2025, 6, 1)


def test_the_pool_keeps_the_walks_order_not_the_ids(places, broker_haarlem, schoonmaak):  # noqa: F811 (fixtures)
    # Created smallest first, so the ids run against the capacity order the walk reads.
    elsewhere = admitted("Emmen Groot", places["emmen"], [schoonmaak], headcount=40, disadvantaged_count=9)
    small = admitted("Haarlem Klein", places["haarlem"], [schoonmaak], headcount=3, disadvantaged_count=1)
    large = admitted("Haarlem Groot", places["haarlem"], [schoonmaak], headcount=30, disadvantaged_count=6)
    unknown = admitted("Haarlem Onbekend", places["haarlem"], [schoonmaak])
    region = admitted("Zandvoort", places["zandvoort"], [schoonmaak], headcount=12, disadvantaged_count=2)
    other = admitted("Haarlem Catering", places["haarlem"], [pf.category("catering", "Catering")],
                     headcount=80, disadvantaged_count=20)
    contract = make_contract(places["haarlem"], broker_haarlem, category=schoonmaak)
    facts = services_matching.contract_facts(contract)
    rows = services_matching._pool_rows(facts, broker_haarlem, 10, TODAY)
    # Offering the category first; within that the contract's municipality, its region, elsewhere;
    # within a tier the most places first, unknown counts last; then those offering something else.
    assert [row[0] for row in rows] == [large.pk, small.pk, unknown.pk, region.pk, elsewhere.pk, other.pk]
    assert rows[0][1:] == ("Haarlem Groot", places["haarlem"].pk, 30, 6, "admitted")
    assert [row[0] for row in services_matching._pool_rows(facts, broker_haarlem, 2, TODAY)] == [large.pk, small.pk]


def _parallel_workers():
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_walks_run_without_parallel_workers_and_only_there():
    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 2")  # this connection's, whatever the server's
    try:
        with serial():
            assert _parallel_workers() == "0"
        assert _parallel_workers() == "2"  # SET LOCAL: gone with the transaction
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET max_parallel_workers_per_gather")


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_capacity_index_carries_the_municipality():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'enterprise_match_capacity'")
        (definition,) = cursor.fetchone()
    assert "INCLUDE (municipality_id)" in definition
    assert "WHERE ((admission_status)::text = 'admitted'::text)" in definition
