"""The indicators of every app (``contributions.indicators()``) and their values for a period at
every level, computed set-based: each indicator's ``compute`` once for all organisations, then
either its own region/programme compute or the sum over member organisations."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone

from impactportal import access, contributions
from impactportal.indicator_helpers import members, rollup
from impactportal.indicators import Indicator, Level, Period


def indicators() -> list[Indicator]:
    return contributions.indicators()


def by_code() -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in indicators()}


def department_bound() -> dict[str, Indicator]:
    """The indicators computed from rows a department keeps (``Indicator.department_rows``), by
    code: all that ``withheld`` can hold back, and what a draft report's department copy leaves out."""
    return {ind.code: ind for ind in indicators() if ind.department_rows}


def withheld(user, level: str, owner_id) -> dict[str, Indicator]:
    """The indicators whose values at ``level`` for ``owner_id`` (an organisation, region or
    programme id) ``user`` may not read, by code: those computed from rows a department keeps
    (``Indicator.department_rows``: supplier payments, inkoop's), where that model's access policy
    gives the user none of its rows. An organisation's value: the organisations under whose rows the
    policy lets them (``access.owner_choices``, a broker's and an inkoop colleague's own); a region's
    or programme's sum: any (``access.may_own``). So a colleague of another department (vastgoed)
    reads "not available for your department" where brokers and inkoop colleagues read the values,
    as with the payments themselves. A steering member reads them as every figure of their own
    programme (they read figures, never the rows: ``_steered``), superusers everything. No query
    unless an organisation's value is asked by someone who holds the rows somewhere or sits on a
    steering group."""
    bound = department_bound()
    if level == Level.ORGANISATION:
        return {code: bound[code] for code in withheld_at_organisations(user, [owner_id])[owner_id]}
    if not bound or getattr(user, "is_superuser", False):
        return {}
    found, reads = {}, {}
    for ind in bound.values():
        if ind.department_rows not in reads:
            reads[ind.department_rows] = access.may_own(user, apps.get_model(ind.department_rows), access.VIEW)
        if not reads[ind.department_rows]:
            found[ind.code] = ind
    return {} if found and _steered(user, level, owner_id) else found


def withheld_at_organisations(user, organisation_ids) -> dict[int, frozenset[str]]:
    """``withheld``'s codes for the values of many organisations at once (the toolbox indicator
    over every organisation): a query per department's model and one for the steering groups,
    however many organisations are asked; none for a superuser or when nothing is department-bound."""
    from impactportal.accounts.models import Programme

    ids = list(organisation_ids)
    bound = list(department_bound().values())
    if not bound or getattr(user, "is_superuser", False):
        return {pk: frozenset() for pk in ids}
    reading: dict[str, set] = {}  # department model → the organisations whose rows the user reads
    for ind in bound:
        if ind.department_rows not in reading:
            model = apps.get_model(ind.department_rows)
            reading[ind.department_rows] = (
                set(access.owner_choices(user, model, access.VIEW).filter(pk__in=ids).values_list("pk", flat=True))
                if access.may_own(user, model, access.VIEW) else set())
    result = {pk: frozenset(ind.code for ind in bound if pk not in reading[ind.department_rows]) for pk in ids}
    held = [pk for pk, codes in result.items() if codes]
    steered = access.programme_ids(user)  # from the memberships: no query
    # A steering member reads an organisation's values as every figure of a programme they steer
    # that it takes part in; a steering group of another programme gives nothing (a vastgoed
    # colleague of Haarlem on it keeps the department rule for Haarlem).
    if held and steered:
        for pk in Programme.objects.filter(pk__in=steered, participants__in=held).values_list("participants", flat=True):
            result[pk] = frozenset()
    return result


def _steered(user, level: str, owner_id) -> bool:
    """Whether ``user``'s steering membership reaches the values of programme ``owner_id``: their
    own programme (an organisation's values: ``withheld_at_organisations``). A steering group reads
    no region values: no programme is tied to a region."""
    return level == Level.PROGRAMME and owner_id in access.programme_ids(user)  # from the memberships: no query


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
