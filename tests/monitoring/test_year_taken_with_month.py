"""A report of the year prints each figure for the month and for 1 January to the month's end; its
summary says a stock ("een stand") is the same in both. The year's measurement was taken lazily,
when the report was built: a stock read from data that changed since the month was measured
differed (Haarlem's approved annual report: toolbox progress 18,6% beside 20,9%). The month is now
measured together with its year so far, from the same data."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from enterprises.models import Enterprise
from monitoring import registry, reports, services, tasks
from monitoring.constants import SnapshotKind
from monitoring.models import Snapshot

pytestmark = pytest.mark.django_db

JOBS = "enterprises.disadvantaged_jobs"  # a stock as the enterprises declare it now (no date kept)


def _row(report, code):
    return next(row for row in reports.build_context(report)["rows"] if row["code"] == code)


def test_the_beat_measures_the_month_with_its_year_so_the_columns_agree(register, haarlem, broker_haarlem,
                                                                         run_report):
    monthly = Snapshot.objects.get(pk=tasks.take_monthly_snapshot()["snapshot"])
    year = Snapshot.objects.get(kind=SnapshotKind.YEAR_TO_DATE)  # taken with the month, not when asked
    assert year.label == f"{monthly.label[:4]}-01/{monthly.label}" and year.period_end == monthly.period_end
    # An enterprise declares more jobs after the month was measured, before the report is made.
    Enterprise.objects.filter(disadvantaged_count=4).update(disadvantaged_count=10)
    report, _created = run_report(user=broker_haarlem, kind="annual", period=monthly.label[:4],
                                  organisation=haarlem)
    assert report.snapshot == monthly
    row = _row(report, JOBS)
    assert (row["text"], row["year_text"]) == ("6", "6")  # both as measured at the month's end
    # The beat again stores nothing more.
    tasks.take_monthly_snapshot()
    assert Snapshot.objects.filter(kind=SnapshotKind.YEAR_TO_DATE).count() == 1


def test_a_month_and_its_year_are_computed_from_the_same_data(register, haarlem):
    """Both computed before either is stored: a stock that depends on the portal's own snapshots
    (the toolbox's linked question on the latest indicator values) read the month alone."""
    seen = []
    original = registry.compute_all

    def compute_all(period, codes=None):
        seen.append((period.label, Snapshot.objects.count()))
        return original(period, codes)

    with mock.patch.object(registry, "compute_all", compute_all):
        monthly, created = services.month_take(period=registry.month_period(2025, 11))
    assert created
    assert seen == [("2025-11", 0), ("2025-01/2025-11", 0)]
    values = reports.values_of(monthly, "organisation", haarlem.pk)
    year = reports.values_of(services.year_to_date(monthly), "organisation", haarlem.pk)
    assert values[JOBS] == year[JOBS]


def test_january_is_its_own_year_so_far(register):
    monthly, _created = services.month_take(period=registry.month_period(2026, 1))
    year = Snapshot.objects.get(kind=SnapshotKind.YEAR_TO_DATE)
    assert year.label == "2026-01/2026-01"
    assert timezone.localtime(year.period_start).date() == dt.date(2026, 1, 1)
    assert set(year.values.values_list("code", "level", "value")) == set(
        monthly.values.values_list("code", "level", "value"))


def test_a_month_measured_alone_before_keeps_its_snapshot_and_gets_its_year_when_asked(register):
    """Snapshots never change (approved reports read them): a month taken before its year was taken
    with it is left as it is, its year taken when a report or the beat asks for it."""
    alone, _created = services.snapshot_take(period=registry.month_period(2025, 6))
    assert not Snapshot.objects.filter(kind=SnapshotKind.YEAR_TO_DATE).exists()
    again, created = services.month_take(period=registry.month_period(2025, 6))
    assert (again, created) == (alone, False)
    assert Snapshot.objects.get(kind=SnapshotKind.YEAR_TO_DATE).label == "2025-01/2025-06"
