"""The helpdesk service-level clock, as pure functions (no database, no settings).

Time counts only on working days: Monday to Friday, except Dutch public holidays as the
``holidays`` package lists them (King's Day on 27 April, or 26 April when the 27th is a Sunday).
Each working day contributes the part of it that lies inside the measured interval, so a
question filed on Friday at 16:00 with a target of 3 working days is due on Wednesday at 16:00.
Time while the case waits for the entrepreneur (pauses) does not count.

Days are local calendar days in ``tz`` (Europe/Amsterdam by default); datetimes must be aware.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
Interval = tuple[dt.datetime, dt.datetime | None]  # end None: still open (pause not ended)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.Netherlands(years=year).keys())


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def _day_bounds(day: dt.date, tz) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return start, end


def _subtract(start: dt.datetime, end: dt.datetime, pauses: Iterable[Interval], far: dt.datetime):
    """The parts of [start, end) not covered by any pause (an open pause runs to ``far``)."""
    segments = [(start, end)]
    for p_start, p_end in sorted(pauses, key=lambda p: p[0]):
        p_end = p_end or far
        next_segments = []
        for s, e in segments:
            if p_end <= s or p_start >= e:
                next_segments.append((s, e))
                continue
            if s < p_start:
                next_segments.append((s, p_start))
            if p_end < e:
                next_segments.append((p_end, e))
        segments = next_segments
    return segments


def _working_days_in(start: dt.datetime, end: dt.datetime, tz) -> float:
    """Working days (fractional) in [start, end), day by day in local time."""
    total = 0.0
    day = start.astimezone(tz).date()
    last = end.astimezone(tz).date()
    while day <= last:
        if is_working_day(day):
            d_start, d_end = _day_bounds(day, tz)
            overlap = (min(end, d_end) - max(start, d_start)).total_seconds()
            if overlap > 0:
                total += overlap / (d_end - d_start).total_seconds()  # 23 or 25 hours on DST days
        day += dt.timedelta(days=1)
    return total


def working_days_between(start: dt.datetime, end: dt.datetime, pauses: Iterable[Interval] = (), tz=AMSTERDAM) -> float:
    """Working days elapsed from ``start`` to ``end``, pauses excluded (0 when end <= start)."""
    if end <= start:
        return 0.0
    return sum(_working_days_in(s, e, tz) for s, e in _subtract(start, end, pauses, far=end))


def deadline(start: dt.datetime, working_days: float, pauses: Iterable[Interval] = (), tz=AMSTERDAM):
    """The moment ``working_days`` of working time have passed since ``start``; None while a
    pause is still open (the clock stands still, so there is no deadline yet)."""
    pauses = list(pauses)
    if any(p_end is None for _, p_end in pauses):
        return None
    remaining = float(working_days)
    cursor = start
    pauses_sorted = sorted(pauses, key=lambda p: p[0])
    if remaining <= 0:
        return start
    for _ in range(366 * 5):  # bounded walk: a target never spans more than a few years
        day = cursor.astimezone(tz).date()
        _, d_end = _day_bounds(day, tz)
        counted = working_days_between(cursor, d_end, pauses_sorted, tz)
        if counted >= remaining - 1e-9:
            # The deadline lies inside this day: find it by the day's own rate (1 day / day length),
            # stepping over any pause inside the day.
            return _inside_day(cursor, d_end, remaining, pauses_sorted, tz)
        remaining -= counted
        cursor = d_end
    raise ValueError("deadline beyond five years")


def _inside_day(start, d_end, remaining, pauses, tz):
    day_length = (d_end - _day_bounds(start.astimezone(tz).date(), tz)[0]).total_seconds()
    for s, e in _subtract(start, d_end, pauses, far=d_end):
        span = (e - s).total_seconds() / day_length
        if span >= remaining - 1e-9:
            return s + dt.timedelta(seconds=round(remaining * day_length))
        remaining -= span
    return d_end


def is_breached(start: dt.datetime, working_days: float, now: dt.datetime, pauses: Iterable[Interval] = (),
                tz=AMSTERDAM) -> bool:
    """Past the deadline (``now`` after it; exactly at it is in time), as the stored deadlines and the
    inbox's "te laat" read it. Not by summing working time: float sums put exactly-at-the-deadline
    past it (3.0000000000000004 > 3), and a deadline at the end of a Friday was only "breached" on
    Monday, while the inbox showed the case late all weekend. An open pause: no deadline, no breach."""
    due = deadline(start, working_days, pauses, tz)
    return due is not None and now > due


def due_day(moment: dt.datetime, tz=AMSTERDAM) -> tuple[dt.date, bool]:
    """The local day a deadline falls on, and whether it is that day's very end. A deadline of whole
    working days from a start at midnight lands on midnight, the end of the day before: a question
    due "by 10/12/2026 00:00" is due on Wednesday 9/12 (shown "9/12/2026, end of the day")."""
    local = moment.astimezone(tz)
    if local.time() == dt.time.min:
        return local.date() - dt.timedelta(days=1), True
    return local.date(), False


def close_pause(pauses: list, at: dt.datetime) -> list:
    """Pauses with the open one (if any) ended at ``at``."""
    return [(s, at if e is None else e) for s, e in pauses]
