"""The pure matching function: every component, its boundaries, and the total in [0, 1]."""

import datetime as dt
from decimal import Decimal as D

import pytest

from ecosystem import matching as m

START = dt.date(2026, 6, 1)


def need(**kw):
    base = {"min_area": D(50), "max_area": D(100), "budget": D(1000), "start_date": START, "property_type": "office",
            "area": "Centrum"}
    return m.Need(**{**base, **kw})


def offer(**kw):
    base = {"floor_area": D(75), "market_rent": D(1500), "property_type": "office", "area": "Centrum",
            "available_from": START, "available_until": None, "social_tariff": D(800)}
    return m.Offer(**{**base, **kw})


def test_a_perfect_match_scores_one_with_a_reason_per_component():
    match = m.score(need(), offer())
    assert match.score == D("1.000")
    assert set(match.reasons) == {"size", "budget", "location", "type", "availability"}
    assert all(match.reasons.values())


@pytest.mark.parametrize(("area", "expected"), [
    (D(50), D(1)), (D(100), D(1)),  # inclusive bounds
    (D("49.9"), D("0.996")), (D(25), D(0)), (D(20), D(0)),  # 50 % smaller and less: 0
    (D("37.5"), D("0.5")),
    (D(150), D("0.5")), (D(200), D(0)), (D(300), D(0)),  # twice the maximum: 0
])
def test_size_fit_boundaries(area, expected):
    marks, reason = m.size_fit(need(), offer(floor_area=area))
    assert marks.quantize(D("0.001")) == expected
    assert reason


@pytest.mark.parametrize(("price", "expected"), [
    (D(1000), D(1)), (D(999), D(1)),  # at or below the budget
    (D(1100), D("0.75")), (D(1101), D("0.5")), (D(1250), D("0.5")), (D(1251), D("0.25")), (D(1500), D("0.25")),
    (D(1501), D(0)),
])
def test_budget_uses_the_social_tariff_in_steps(price, expected):
    marks, reason = m.budget_fit(need(), offer(social_tariff=price, market_rent=D(99999)))
    assert marks == expected
    assert "maatschappelijk tarief" in reason
    assert str(price) not in reason  # rents belong to the owner: the reason names the step only


def test_budget_falls_back_to_the_market_rent_and_a_zero_budget():
    marks, reason = m.budget_fit(need(), offer(social_tariff=None, market_rent=D(900)))
    assert marks == 1 and "markthuur" in reason
    assert m.budget_fit(need(budget=D(0)), offer(social_tariff=D(1)))[0] == 0
    assert m.budget_fit(need(budget=D(0)), offer(social_tariff=D(0)))[0] == 1


def test_location_is_case_insensitive_and_optional():
    assert m.location_fit(need(area=" centrum "), offer())[0] == 1
    assert m.location_fit(need(area=""), offer(area="Noord"))[0] == 1
    assert m.location_fit(need(area="Zuid"), offer(area="Noord"))[0] == 0


def test_type_exact_related_other_and_any():
    assert m.type_fit(need(property_type=""), offer(property_type="hall"))[0] == 1
    assert m.type_fit(need(property_type="office"), offer(property_type="studio"))[0] == D("0.5")
    assert m.type_fit(need(property_type="workshop"), offer(property_type="hall"))[0] == D("0.5")
    assert m.type_fit(need(property_type="office"), offer(property_type="hall"))[0] == 0


@pytest.mark.parametrize(("available_from", "until", "expected"), [
    (START, None, D(1)), (START - dt.timedelta(days=1), None, D(1)),
    (START + dt.timedelta(days=90), None, D("0.5")), (START + dt.timedelta(days=180), None, D(0)),
    (START + dt.timedelta(days=400), None, D(0)),
    (START - dt.timedelta(days=10), START, D(1)),  # until the start date inclusive
    (START - dt.timedelta(days=10), START - dt.timedelta(days=1), D(0)),  # gone before the start
])
def test_availability_boundaries(available_from, until, expected):
    assert m.availability_fit(need(), offer(available_from=available_from, available_until=until))[0] == expected


def test_the_weights_add_up_to_one_and_the_total_stays_in_range():
    assert sum(m.WEIGHTS.values()) == 1
    worst = m.score(need(area="Zuid", property_type="office"),
                    offer(floor_area=D(1), social_tariff=D(99999), area="Noord", property_type="hall",
                          available_from=START + dt.timedelta(days=999)))
    assert worst.score == 0
    half = m.score(need(), offer(floor_area=D("37.5")))  # only size at 0.5: 1 - 0.3 * 0.5
    assert half.score == D("0.850")


def test_rank_sorts_highest_first_and_keeps_ties_in_order():
    offers = [("a", offer(area="Noord")), ("b", offer()), ("c", offer()), ("d", offer(floor_area=D(1)))]
    ranked = m.rank(need(), offers)
    assert [key for key, _ in ranked] == ["b", "c", "a", "d"]
    assert [key for key, _ in m.rank(need(), offers, minimum=D("0.9"))] == ["b", "c"]
