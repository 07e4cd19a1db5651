"""The working-day service-level clock: pure functions, no database."""

import datetime as dt

import pytest

from brokers.helpdesk import sla

AMS = sla.AMSTERDAM


def at(y, m, d, h=0, minute=0):
    return dt.datetime(y, m, d, h, minute, tzinfo=AMS)


@pytest.mark.parametrize("day, working", [
    (dt.date(2026, 4, 24), True),    # Friday
    (dt.date(2026, 4, 25), False),   # Saturday
    (dt.date(2026, 4, 26), False),   # Sunday
    (dt.date(2026, 4, 27), False),   # Monday, King's Day
    (dt.date(2026, 4, 28), True),
    (dt.date(2025, 4, 26), False),   # King's Day moves to the 26th when the 27th is a Sunday
    (dt.date(2025, 4, 28), True),
    (dt.date(2026, 12, 25), False),  # Christmas
    (dt.date(2026, 1, 1), False),    # New Year
    (dt.date(2026, 4, 6), False),    # Easter Monday
])
def test_working_days(day, working):
    assert sla.is_working_day(day) is working


def test_kings_day_on_the_26th_when_27th_is_sunday():
    assert dt.date(2025, 4, 27).weekday() == 6
    assert not sla.is_working_day(dt.date(2025, 4, 26))
    assert dt.date(2025, 4, 27) not in sla._holidays(2025)
    # The 26th is then always a Saturday, so is_working_day alone cannot tell a holiday from a
    # weekend: pin what the holidays package says about that day.
    assert dt.date(2025, 4, 26) in sla._holidays(2025)


# Holidays that fall on a weekday, with literal dates: a clock that forgot holidays would count them.
WEEKDAY_HOLIDAYS_2026 = {
    dt.date(2026, 1, 1): "Thursday",     # New Year's Day
    dt.date(2026, 4, 6): "Monday",       # Second Easter Day
    dt.date(2026, 4, 27): "Monday",      # King's Day
    dt.date(2026, 5, 14): "Thursday",    # Ascension Day
    dt.date(2026, 5, 25): "Monday",      # Second Whit Day
    dt.date(2026, 12, 25): "Friday",     # Christmas Day
}


def test_the_holidays_package_knows_the_weekday_holidays_of_2026():
    import holidays

    known = holidays.Netherlands(years=2026)
    for day, weekday in WEEKDAY_HOLIDAYS_2026.items():
        assert day.strftime("%A") == weekday
        assert day in known, f"{day} is no longer a holiday in the holidays package"
        assert day in sla._holidays(2026)
    assert {d for d in known if d.weekday() < 5} >= set(WEEKDAY_HOLIDAYS_2026)


@pytest.mark.parametrize("day", sorted(WEEKDAY_HOLIDAYS_2026))
def test_weekday_holidays_are_not_working_days(day):
    assert day.weekday() < 5
    assert not sla.is_working_day(day)
    # The same weekday a week earlier (later for 1 January: a week earlier is Christmas) counts.
    other = day + dt.timedelta(days=7 if day.month == 1 else -7)
    assert sla.is_working_day(other)


def test_clock_skips_weekday_holidays():
    # Wednesday 13 May 2026 12:00 + 1 working day: Ascension (Thursday 14 May) does not count, so
    # Wed 12h + Fri 12h → Friday 15 May 12:00 (without holidays it would be Thursday 12:00).
    assert sla.deadline(at(2026, 5, 13, 12), 1) == at(2026, 5, 15, 12)
    # Friday 3 April 2026 is Good Friday in the package; Monday 6 April is Second Easter Day.
    assert sla.working_days_between(at(2026, 4, 2, 0), at(2026, 4, 8, 0)) == pytest.approx(2.0)  # Thu, Tue
    assert sla.working_days_between(at(2026, 5, 13, 0), at(2026, 5, 15, 0)) == pytest.approx(1.0)


def test_deadline_skips_weekend_and_kings_day():
    # Friday 24 April 2026 16:00 + 3 working days: Fri 8h, (Sat, Sun, Mon King's Day skipped),
    # Tue 24h, Wed 24h, Thu 16h → Thursday 30 April 16:00.
    assert sla.deadline(at(2026, 4, 24, 16), 3) == at(2026, 4, 30, 16)


def test_deadline_without_holiday_spans_weekend_only():
    # Friday 6 March 2026 16:00 + 3 → Wednesday 11 March 16:00.
    assert sla.deadline(at(2026, 3, 6, 16), 3) == at(2026, 3, 11, 16)


def test_deadline_started_on_weekend_begins_on_monday():
    assert sla.deadline(at(2026, 3, 7, 10), 1) == at(2026, 3, 10, 0)


def test_elapsed_working_days_across_weekend_and_kings_day():
    # Friday + Tuesday: the weekend and King's Day (Monday 27 April) do not count.
    assert sla.working_days_between(at(2026, 4, 24, 0), at(2026, 4, 29, 0)) == pytest.approx(2.0)
    assert sla.working_days_between(at(2026, 4, 25, 0), at(2026, 4, 28, 0)) == 0
    assert sla.working_days_between(at(2026, 4, 24, 12), at(2026, 4, 24, 18)) == pytest.approx(0.25)


def test_boundaries():
    start = at(2026, 3, 2, 9)  # Monday
    due = sla.deadline(start, 3)
    assert due == at(2026, 3, 5, 9)
    assert not sla.is_breached(start, 3, due)
    assert sla.is_breached(start, 3, due + dt.timedelta(seconds=1))
    assert sla.working_days_between(start, start) == 0
    assert sla.working_days_between(due, start) == 0
    assert sla.deadline(start, 0) == start


def test_pause_stops_the_clock():
    start = at(2026, 3, 2, 9)  # Monday
    pause = (at(2026, 3, 3, 9), at(2026, 3, 5, 9))  # two working days waiting for the entrepreneur
    assert sla.working_days_between(start, at(2026, 3, 5, 9), [pause]) == pytest.approx(1.0)
    assert sla.deadline(start, 3, [pause]) == at(2026, 3, 9, 9)  # Thu+Fri, then Monday
    assert not sla.is_breached(start, 3, at(2026, 3, 6, 9), [pause])


def test_open_pause_means_no_deadline_and_no_breach():
    start = at(2026, 3, 2, 9)
    open_pause = (at(2026, 3, 2, 10), None)
    assert sla.deadline(start, 3, [open_pause]) is None
    assert sla.working_days_between(start, at(2026, 3, 20), [open_pause]) == pytest.approx(1 / 24)
    assert not sla.is_breached(start, 3, at(2026, 3, 20), [open_pause])


def test_pause_over_a_weekend_costs_nothing_extra():
    start = at(2026, 3, 6, 12)  # Friday noon
    pause = (at(2026, 3, 7, 0), at(2026, 3, 9, 0))  # the weekend itself
    assert sla.deadline(start, 1, [pause]) == sla.deadline(start, 1) == at(2026, 3, 9, 12)


def test_overlapping_pauses_are_not_counted_twice():
    start = at(2026, 3, 2, 0)
    pauses = [(at(2026, 3, 2, 0), at(2026, 3, 3, 0)), (at(2026, 3, 2, 12), at(2026, 3, 3, 12))]
    assert sla.working_days_between(start, at(2026, 3, 4, 0), pauses) == pytest.approx(0.5)


def test_close_pause():
    now = at(2026, 3, 3)
    assert sla.close_pause([(at(2026, 3, 1), at(2026, 3, 2)), (at(2026, 3, 2), None)], now)[-1] == (at(2026, 3, 2), now)


def test_dst_day_counts_as_one_day():
    # 29 March 2026: clocks go forward (Sunday); Monday 30 March is a normal working day.
    assert sla.working_days_between(at(2026, 3, 27, 0), at(2026, 3, 31, 0)) == pytest.approx(2.0)
    # 25 October 2026 (Sunday) has 25 hours; Friday to Tuesday still counts Fri + Mon.
    assert sla.working_days_between(at(2026, 10, 23, 0), at(2026, 10, 27, 0)) == pytest.approx(2.0)
