"""The MKBA arithmetic on hand-worked examples, without the database (financing/mkba.py)."""

from decimal import Decimal as D

import pytest

from financing import mkba


def indicator(**kw):
    values = {"name": "Uitstroom bijstand", "count": D(10), "value_per_case": D(1000)}
    values.update(kw)
    return mkba.Indicator(**values)


def calc(*indicators, costs=D(0), rate=D(0), kind="quick_scan"):
    return mkba.calculate(mkba.Analysis(indicators=indicators, costs=costs, discount_rate=rate, kind=kind))


# --- outcome and impact -------------------------------------------------------------------


def test_all_corrections_zero_impact_equals_outcome():
    result = calc(indicator())
    assert result.indicators[0].outcome == D("10000.00")
    assert result.indicators[0].impact == D("10000.00")
    assert result.total_outcome == result.total_impact == D("10000.00")


def test_corrections_are_subtracted_together():
    # 20 × 18,000 = 360,000; 1 − (0.25 + 0.10 + 0.05) = 0.60 → 216,000.
    result = calc(indicator(count=D(20), value_per_case=D(18000), deadweight=D("0.25"), attribution=D("0.10"),
                            substitution=D("0.05")))
    assert result.total_outcome == D("360000.00")
    assert result.total_impact == D("216000.00")


def test_corrections_summing_exactly_to_one_leave_no_impact():
    result = calc(indicator(deadweight=D("0.5"), attribution=D("0.3"), substitution=D("0.2")), costs=D(1000))
    assert result.total_outcome == D("10000.00")
    assert result.total_impact == D("0.00")
    assert result.yearly_benefits == (D("0.00"),) * 10
    assert result.present_value == D("0.00")
    assert result.net_present_value == D("-1000.00")
    assert result.benefit_cost_ratio == D("0.00")


def test_totals_add_up_over_indicators():
    result = calc(indicator(), indicator(name="Minder schuldhulp", count=D(4), value_per_case=D("2500.50"),
                                         deadweight=D("0.5")))
    assert [i.outcome for i in result.indicators] == [D("10000.00"), D("10002.00")]
    assert [i.impact for i in result.indicators] == [D("10000.00"), D("5001.00")]
    assert result.total_outcome == D("20002.00")
    assert result.total_impact == D("15001.00")


# --- timing windows -----------------------------------------------------------------------


def test_short_term_only_spreads_a_third_over_years_one_to_three():
    result = calc(indicator(count=D(3)))  # impact 3,000
    assert result.yearly_benefits == (D("1000.00"),) * 3 + (D("0.00"),) * 7


def test_each_window_is_spread_evenly_over_its_years():
    # impact 1,000: short 0.3 → 100 a year (years 1–3), medium 0.1 → 100 / 2 = 50 a year
    # (4–5), long 0.5 → 500 / 5 = 100 a year (6–10).
    result = calc(indicator(count=D(1), short_term=D("0.3"), medium_term=D("0.1"), long_term=D("0.5")))
    assert result.yearly_benefits == (D(100), D(100), D(100), D(50), D(50), D(100), D(100), D(100), D(100), D(100))
    assert result.present_value == D("900.00")  # r = 0: the timed 90% of the impact, once


def test_timing_below_one_counts_only_the_timed_share():
    result = calc(indicator(count=D(3), short_term=D("0.5")))
    assert result.yearly_benefits[:3] == (D("500.00"),) * 3
    assert result.present_value == D("1500.00")
    assert result.total_impact == D("3000.00")  # the impact itself is not cut


def test_no_timing_at_all_means_no_yearly_benefit():
    result = calc(indicator(short_term=D(0)))
    assert sum(result.yearly_benefits) == 0 and result.present_value == 0


def test_yearly_benefits_of_several_indicators_are_summed():
    result = calc(indicator(count=D(3)), indicator(count=D(1), short_term=D(0), long_term=D(1)))
    assert result.yearly_benefits == (D(1000),) * 3 + (D(0),) * 2 + (D(200),) * 5


# --- discounting --------------------------------------------------------------------------


def test_present_value_discounts_each_year():
    # 1,000 in each of years 1–3 at 10%: 909.0909… + 826.4463… + 751.3148… = 2,486.8519…
    result = calc(indicator(count=D(3)), rate=D("0.10"))
    assert result.present_value == D("2486.85")


def test_default_discount_rate_is_two_and_a_quarter_percent():
    assert D("0.0225") == mkba.DEFAULT_DISCOUNT_RATE
    # 1,000 medium term: 500 in years 4 and 5. 1.0225^4 = 1.093083…, 1.0225^5 = 1.117677…
    # → 457.4227… + 447.3551… = 904.7778…
    analysis = mkba.parse({"indicators": [{"name": "x", "count": 1, "value_per_case": 1000, "medium_term": 1}]})
    assert analysis.discount_rate == D("0.0225")
    assert mkba.calculate(analysis).present_value == D("904.78")


def test_long_term_discounted_at_the_default_rate():
    # 200 a year in years 6–10: Σ 200 / 1.0225^t = 837.3527…
    result = calc(indicator(count=D(1), short_term=D(0), long_term=D(1)), rate=mkba.DEFAULT_DISCOUNT_RATE)
    assert result.present_value == D("837.35")


def test_zero_rate_present_value_is_the_timed_impact():
    result = calc(indicator(count=D(7), value_per_case=D("1234.56")))
    assert result.present_value == D("8641.92")


# --- costs, net present value, ratio ------------------------------------------------------


def test_net_present_value_and_ratio():
    result = calc(indicator(), costs=D(4000))
    assert result.net_present_value == D("6000.00")
    assert result.benefit_cost_ratio == D("2.50")


def test_zero_costs_have_no_ratio():
    result = calc(indicator())
    assert result.benefit_cost_ratio is None
    assert result.net_present_value == result.present_value == D("10000.00")
    assert result.as_dict()["benefit_cost_ratio"] is None


def test_costs_above_benefits_give_a_negative_net_value():
    result = calc(indicator(), costs=D("16000"))
    assert result.net_present_value == D("-6000.00")
    assert result.benefit_cost_ratio == D("0.63")  # 0.625 rounded half-up


# --- rounding -----------------------------------------------------------------------------


def test_money_is_rounded_half_up_to_cents():
    result = calc(indicator(count=D(1), value_per_case=D("0.125")))
    assert result.total_outcome == D("0.13")  # half-up; banker's rounding would give 0.12


def test_rounding_happens_only_in_the_output():
    # Two outcomes of 0.004 each round to 0.00, but their exact total 0.008 rounds to 0.01.
    result = calc(indicator(count=D(1), value_per_case=D("0.004")), indicator(count=D(1), value_per_case=D("0.004")))
    assert [i.outcome for i in result.indicators] == [D("0.00"), D("0.00")]
    assert result.total_outcome == D("0.01")


def test_thirds_sum_back_to_the_whole_present_value():
    # 1,000 / 3 a year is 333.33… each; the present value at r = 0 is exactly 1,000, not 999.99.
    result = calc(indicator(count=D(1)))
    assert result.yearly_benefits[:3] == (D("333.33"),) * 3
    assert result.present_value == D("1000.00")


def test_as_dict_has_the_api_shape_with_decimal_strings():
    data = calc(indicator(), costs=D(5000)).as_dict()
    assert data["indicators"] == [{"name": "Uitstroom bijstand", "beneficiary": "", "outcome": "10000.00",
                                   "impact": "10000.00"}]
    assert data["total_outcome"] == "10000.00" and data["present_value"] == "10000.00"
    assert data["net_present_value"] == "5000.00" and data["benefit_cost_ratio"] == "2.00"
    assert len(data["yearly_benefits"]) == 10 and all(isinstance(v, str) for v in data["yearly_benefits"])
    assert data["kind"] == "quick_scan"


def test_impact_per_beneficiary():
    result = calc(indicator(beneficiary="social_assistance"), indicator(beneficiary="health_care", count=D(1)),
                  indicator(beneficiary="social_assistance", count=D(2)))
    assert dict(result.by_beneficiary) == {"social_assistance": D("12000.00"), "health_care": D("1000.00")}


# --- parsing and validation ---------------------------------------------------------------


def test_parse_accepts_strings_and_numbers_and_decimal_commas():
    analysis = mkba.parse({
        "indicators": [{"name": " Werk ", "count": "12", "value_per_case": 17500.5, "deadweight": "0,2",
                        "attribution": 0.1, "substitution": "0", "short_term": "0.5", "medium_term": 0.5,
                        "long_term": None, "beneficiary": "social_assistance"}],
        "costs": "50000", "discount_rate": "0.03", "kind": "key_figures",
    })
    ind = analysis.indicators[0]
    assert ind.name == "Werk" and ind.count == D(12) and ind.value_per_case == D("17500.5")
    assert ind.deadweight == D("0.2") and ind.attribution == D("0.1") and ind.long_term == D(0)
    assert analysis.costs == D(50000) and analysis.discount_rate == D("0.03") and analysis.kind == "key_figures"


def test_parse_defaults():
    analysis = mkba.parse({"indicators": [{"name": "x", "count": 1, "value_per_case": 1}]})
    ind = analysis.indicators[0]
    assert (ind.deadweight, ind.attribution, ind.substitution) == (0, 0, 0)
    assert (ind.short_term, ind.medium_term, ind.long_term) == (1, 0, 0)  # no timing: all short term
    assert analysis.costs == 0 and analysis.kind == "quick_scan"
    only_long = mkba.parse({"indicators": [{"name": "x", "count": 1, "value_per_case": 1, "long_term": "1"}]})
    assert only_long.indicators[0].short_term == 0  # some timing given: the rest is 0


def errors_of(data):
    with pytest.raises(mkba.Invalid) as caught:
        mkba.parse(data)
    return caught.value.errors


def test_negative_count_is_an_error_on_that_indicator():
    errors = errors_of({"indicators": [{"name": "a", "count": 1, "value_per_case": 1},
                                       {"name": "b", "count": "-3", "value_per_case": 1}]})
    assert errors["indicators"][0] == {}
    assert list(errors["indicators"][1]) == ["count"]


def test_corrections_above_one_are_an_error():
    errors = errors_of({"indicators": [{"name": "a", "count": 1, "value_per_case": 1, "deadweight": "0.5",
                                        "attribution": "0.4", "substitution": "0.2"}]})
    assert list(errors["indicators"][0]) == ["substitution"]


def test_corrections_exactly_one_are_fine():
    analysis = mkba.parse({"indicators": [{"name": "a", "count": 1, "value_per_case": 1, "deadweight": "0.5",
                                           "attribution": "0.25", "substitution": "0.25"}]})
    assert mkba.calculate(analysis).total_impact == 0


def test_timing_above_one_is_an_error():
    errors = errors_of({"indicators": [{"name": "a", "count": 1, "value_per_case": 1, "short_term": "0.6",
                                        "medium_term": "0.3", "long_term": "0.2"}]})
    assert list(errors["indicators"][0]) == ["long_term"]


@pytest.mark.parametrize("value", ["1.5", "-0.1", 2, "abc", "NaN", "Infinity", True, [], {}])
def test_a_fraction_outside_zero_to_one_or_not_a_number_is_an_error(value):
    errors = errors_of({"indicators": [{"name": "a", "count": 1, "value_per_case": 1, "deadweight": value}]})
    assert list(errors["indicators"][0]) == ["deadweight"]


@pytest.mark.parametrize("value", ["-1", "x", "1e400", None, ""])
def test_bad_counts_and_values(value):
    errors = errors_of({"indicators": [{"name": "a", "count": value, "value_per_case": value}]})
    assert set(errors["indicators"][0]) == {"count", "value_per_case"}


def test_missing_name_and_unknown_beneficiary():
    errors = errors_of({"indicators": [{"count": 1, "value_per_case": 1, "beneficiary": "mars"}]})
    assert set(errors["indicators"][0]) == {"name", "beneficiary"}


@pytest.mark.parametrize("data", [None, [], "x", {}, {"indicators": []}, {"indicators": "x"},
                                  {"indicators": [{"name": "a", "count": 1, "value_per_case": 1}] * 51}])
def test_no_usable_indicators(data):
    errors = errors_of(data)
    assert "indicators" in errors or "non_field_errors" in errors


def test_indicator_that_is_not_an_object():
    errors = errors_of({"indicators": ["x"]})
    assert "non_field_errors" in errors["indicators"][0]


def test_bad_costs_rate_and_kind():
    errors = errors_of({"indicators": [{"name": "a", "count": 1, "value_per_case": 1}], "costs": "-5",
                        "discount_rate": "0.9", "kind": "guess"})
    assert set(errors) == {"costs", "discount_rate", "kind"}


def test_analysis_from_stored_rows():
    class Row:
        name, beneficiary, count, value_per_case = "x", "waste", D(2), D(50)
        deadweight = attribution = substitution = medium_term = long_term = D(0)
        short_term = D(1)

    result = mkba.calculate(mkba.analysis_from([Row()], costs=D(50), discount_rate=D(0), kind="full"))
    assert result.total_impact == D("100.00") and result.benefit_cost_ratio == D("2.00") and result.kind == "full"


def test_negative_amounts_round_half_away_from_zero():
    assert mkba.cents(D("-0.005")) == D("-0.01")
    assert mkba.cents(D("0.005")) == D("0.01")
    assert mkba.cents(D("2.675")) == D("2.68")  # exact, not the float 2.67499…
    result = calc(indicator(count=D(1), value_per_case=D("0.01")), costs=D("0.015"))
    assert result.net_present_value == D("-0.01")  # 0.01 − 0.015 = −0.005
