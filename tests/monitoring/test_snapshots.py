"""Monthly snapshots: every indicator at every level, idempotent per period, set-based, and the
same numbers in the API and on the dashboard."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring import registry, services, tasks
from monitoring.models import Snapshot, SnapshotValue
from tests import factories as f


@pytest.mark.django_db
def test_a_snapshot_stores_every_level_and_a_second_run_stores_nothing(register, haarlem, region, programme):
    period = registry.month_period(2025, 11)
    snapshot, created = services.snapshot_take(period=period)
    assert created
    count = SnapshotValue.objects.count()
    values = dict(snapshot.values.filter(organisation=haarlem).values_list("code", "value"))
    assert values["enterprises.registered"] == 3 and values["enterprises.disadvantaged_jobs"] == 6
    assert snapshot.values.get(code="enterprises.registered", level="region", region=region).value == 3
    assert snapshot.values.get(code="enterprises.registered", level="programme", programme=programme).value == 3
    assert {v.basis for v in snapshot.values.filter(code="enterprises.disadvantaged_jobs")} == {"self_declared"}
    f.EnterpriseFactory(municipality=haarlem)  # changes after the month was measured do not rewrite it
    again, created = services.snapshot_take(period=period)
    assert (again.pk, created) == (snapshot.pk, False)
    assert SnapshotValue.objects.count() == count
    assert Snapshot.objects.count() == 1


@pytest.mark.django_db
def test_the_beat_task_takes_last_month_once(register):
    first = tasks.take_monthly_snapshot()
    second = tasks.take_monthly_snapshot()
    assert first["created"] and not second["created"] and first["snapshot"] == second["snapshot"]
    label = registry.previous_month().label
    assert Snapshot.objects.get(kind="monthly").label == label
    # With its year so far, taken together (``services.month_take``).
    assert Snapshot.objects.get(kind="year_to_date").label == f"{label[:4]}-01/{label}"


@pytest.mark.django_db
def test_snapshot_queries_do_not_grow_with_organisations(register):
    def queries(label_month):
        with CaptureQueriesContext(connection) as ctx:
            services.snapshot_take(period=registry.month_period(2025, label_month))
        return len(ctx.captured_queries)

    few = queries(1)
    for index in range(15):
        org = f.OrganisationFactory(name=f"Gemeente {index}", slug=f"gemeente-{index}")
        f.EnterpriseFactory(municipality=org)
    assert queries(2) == few


@pytest.mark.django_db
def test_baseline_once_per_programme(register, programme):
    baseline, created = services.baseline_take(programme=programme)
    assert created and baseline.kind == "baseline" and baseline.programme == programme
    assert services.baseline_take(programme=programme) == (baseline, False)
    assert baseline.period_end.date() == programme.start_date


@pytest.mark.django_db
@pytest.mark.parametrize("start, year_before", [
    (dt.date(2028, 2, 29), dt.date(2027, 2, 28)),  # a leap day: the year before has no 29 February
    (dt.date(2027, 2, 28), dt.date(2026, 2, 28)),
    (dt.date(2029, 3, 1), dt.date(2028, 3, 1)),
    (dt.date(2026, 1, 1), dt.date(2025, 1, 1)),
])
def test_baseline_covers_the_year_before_the_start(programme, start, year_before):
    programme.start_date = start
    programme.save()
    baseline, _ = services.baseline_take(programme=programme)
    assert baseline.period_start.date() == year_before and baseline.period_end.date() == start


@pytest.mark.django_db
def test_api_snapshots_give_period_and_values_for_an_organisation(snapshots, api, broker_haarlem, broker_amersfoort,
                                                                   haarlem):
    response = api(broker_haarlem).get("/api/v1/monitoring/snapshots/", {"organisation": "haarlem",
                                                                         "kind": "monthly"})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["period"] for row in rows] == ["2025-12", "2025-11"]
    stored = snapshots.values.get(code="enterprises.disadvantaged_jobs", organisation=haarlem).value
    assert Decimal(rows[0]["values"]["enterprises.disadvantaged_jobs"]) == stored == 6
    # Amersfoort's broker sees the snapshots, not Haarlem's values.
    other = api(broker_amersfoort).get("/api/v1/monitoring/snapshots/", {"organisation": "haarlem"}).json()
    assert other["results"] and all(row["values"] == {} for row in other["results"])
    assert api(broker_haarlem).get("/api/v1/monitoring/snapshots/", {"organisation": "nope"}).status_code == 400


@pytest.mark.django_db
def test_api_indicators_list_code_name_unit_status_level(api):
    rows = api().get("/api/v1/monitoring/indicators/").json()
    row = next(r for r in rows if r["code"] == "enterprises.disadvantaged_jobs")
    assert row["unit"] == "count" and row["status"] == "self_declared"
    assert row["level"] == ["organisation", "region", "programme"] and row["name"]


@pytest.mark.django_db
def test_dashboard_shows_the_api_numbers_with_baseline_and_target(snapshots, client, broker_haarlem):
    client.force_login(broker_haarlem)
    html = client.get("/monitoring/?organisation=haarlem").content.decode()
    assert 'data-code="enterprises.admitted"' in html
    assert "december 2025" in html and "data-monitoring-chart" in html
    assert '"target": 5.0' in html  # the target drawn as a line


def test_previous_month_crosses_the_year():
    assert registry.previous_month(dt.date(2026, 1, 15)).label == "2025-12"
