"""The indicators of every app (``contributions.indicators()``) and their values for a period at
every level, computed set-based: each indicator's ``compute`` once for all organisations, then
either its own region/programme compute or the sum over member organisations."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from impactportal import contributions
from impactportal.indicator_helpers import members, rollup
from impactportal.indicators import Indicator, Level, Period


def indicators() -> list[Indicator]:
    return contributions.indicators()


def by_code() -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in indicators()}


def month_period(year: int, month: int) -> Period:
    start = timezone.make_aware(dt.datetime(year, month, 1))
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    return Period(start, timezone.make_aware(dt.datetime(next_year, next_month, 1)), f"{year:04d}-{month:02d}")


def year_period(year: int) -> Period:
    return Period(timezone.make_aware(dt.datetime(year, 1, 1)), timezone.make_aware(dt.datetime(year + 1, 1, 1)),
                  f"{year:04d}")


def previous_month(today: dt.date | None = None) -> Period:
    today = today or timezone.localdate()
    first = today.replace(day=1) - dt.timedelta(days=1)
    return month_period(first.year, first.month)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass(frozen=True)
class Computed:
    code: str
    level: str
    owner_id: int
    value: object
    basis: str
    source: str


def compute_all(period: Period, codes: list[str] | None = None) -> list[Computed]:
    """Every indicator's value for every organisation, region and programme in ``period``."""
    region_members, programme_members = members(Level.REGION), members(Level.PROGRAMME)
    found = []
    for indicator in indicators():
        if codes is not None and indicator.code not in codes:
            continue
        per_org = indicator.compute(period)
        levels = {Level.ORGANISATION: per_org}
        if Level.REGION in indicator.levels:
            levels[Level.REGION] = (indicator.compute_region(period) if indicator.compute_region
                                    else rollup(per_org, region_members))
        if Level.PROGRAMME in indicator.levels:
            levels[Level.PROGRAMME] = (indicator.compute_programme(period) if indicator.compute_programme
                                       else rollup(per_org, programme_members))
        for level, values in levels.items():
            found += [Computed(indicator.code, level, owner, value, indicator.basis, indicator.source)
                      for owner, value in values.items() if value is not None]
    return found
