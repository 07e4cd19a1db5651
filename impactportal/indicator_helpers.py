"""Small set-based building blocks for ``<app>/indicators.py`` (see ``impactportal.indicators``):
group a queryset by organisation, region or programme in ONE aggregate query, roll organisation
values up to regions and programmes, and turn two sums into a share. Names no app."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, DurationField, ExpressionWrapper, F

from .indicators import Level, Period, Values

GROUP_SUFFIX = {Level.ORGANISATION: "", Level.REGION: "__regions", Level.PROGRAMME: "__programmes"}


def as_decimal(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, dt.timedelta):
        value = value.total_seconds()
    return Decimal(str(value))


def grouped(queryset, owner_path: str, aggregate, level: str = Level.ORGANISATION) -> Values:
    """``{owner id: aggregate}`` in one query; ``owner_path`` leads to the organisation, and for
    ``level`` region/programme on to its regions/programmes (an organisation in two regions counts
    in both)."""
    key = owner_path + GROUP_SUFFIX[level]
    rows = queryset.filter(**{f"{key}__isnull": False}).order_by().values(key).annotate(v=aggregate).values_list(key, "v")
    return {owner: as_decimal(value) for owner, value in rows if value is not None}


def duration(end: str, start: str):
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def average_duration(queryset, owner_path: str, end: str, start: str, seconds_per_unit: int, level=Level.ORGANISATION):
    values = grouped(queryset, owner_path, Avg(duration(end, start)), level)
    return {k: (v / seconds_per_unit).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) for k, v in values.items()}


def at_every_level(compute: Callable[[Period, str], Values]):
    """``(compute, compute_region, compute_programme)`` from one ``compute(period, level)``: for
    averages and shares, which are not the sum of their members' values."""
    return {"compute": lambda period: compute(period, Level.ORGANISATION),
            "compute_region": lambda period: compute(period, Level.REGION),
            "compute_programme": lambda period: compute(period, Level.PROGRAMME)}


def share(part: Values, whole: Values) -> Values:
    """``part`` as a percentage of ``whole`` per key, one decimal; no value where the whole is 0."""
    return {key: (Decimal(100) * part.get(key, Decimal(0)) / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            for key, total in whole.items() if total}


def members(level: str) -> dict[int, set[int]]:
    """``{region or programme id: {organisation ids}}`` (two queries on the through tables)."""
    from .accounts.models import Programme, Region

    if level == Level.REGION:
        rows = Region.members.through.objects.values_list("region_id", "organisation_id")
    else:
        rows = Programme.participants.through.objects.values_list("programme_id", "organisation_id")
    found: dict[int, set[int]] = defaultdict(set)
    for group, organisation in rows:
        found[group].add(organisation)
    return found


def rollup(values: Values, membership: dict[int, set[int]]) -> Values:
    """The sum over each group's member organisations that have a value."""
    result = {}
    for group, organisations in membership.items():
        present = [values[o] for o in organisations if o in values]
        if present:
            result[group] = sum(present, Decimal(0))
    return result
