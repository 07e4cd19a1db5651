"""The financing mix's coverage arithmetic (financing.portfolio.coverage), worked by hand."""

from decimal import Decimal as D

import pytest

from financing.portfolio import coverage


def test_granted_counts_as_covered_idea_and_applied_as_pending():
    c = coverage(D("100000"), [(D("40000"), "granted"), (D("15000"), "applied"), (D("20000"), "idea"),
                               (D("5000"), "granted")])
    assert (c.covered, c.pending, c.remaining) == (D("45000.00"), D("35000.00"), D("20000.00"))
    assert c.uncovered == D("55000.00")
    assert c.surplus == D("0.00")
    assert (c.covered_share, c.pending_share, c.remaining_share) == (D("0.4500"), D("0.3500"), D("0.2000"))
    assert c.covered_percent == 45
    assert not c.is_covered


def test_rejected_components_count_nowhere():
    c = coverage(D("50000"), [(D("30000"), "rejected"), (D("10000"), "granted")])
    assert c.covered == D("10000.00")
    assert c.pending == D("0.00")
    assert c.rejected == D("30000.00")
    assert c.remaining == D("40000.00")
    assert c.remaining_share == D("0.8000")


def test_exact_coverage_is_covered_with_nothing_remaining():
    c = coverage(D("20000"), [(D("12000"), "granted"), (D("8000"), "granted")])
    assert c.is_covered
    assert (c.remaining, c.uncovered, c.surplus) == (D("0.00"), D("0.00"), D("0.00"))
    assert (c.covered_share, c.pending_share, c.remaining_share) == (D("1.0000"), D("0.0000"), D("0.0000"))


def test_over_coverage_caps_the_shares_and_reports_the_surplus():
    c = coverage(D("10000"), [(D("8000"), "granted"), (D("6000"), "applied")])
    assert c.surplus == D("4000.00")
    assert c.remaining == D("0.00")
    assert c.covered_share == D("0.8000")
    assert c.pending_share == D("0.2000")  # capped: the shares stack to at most 1
    assert c.remaining_share == D("0.0000")
    assert not c.is_covered  # pending money is not granted money


def test_granted_alone_beyond_the_need():
    c = coverage(D("10000"), [(D("15000"), "granted"), (D("1000"), "idea")])
    assert c.covered_share == D("1.0000")
    assert c.pending_share == D("0.0000")
    assert c.surplus == D("6000.00")
    assert c.is_covered


def test_zero_need_has_zero_shares_and_no_division():
    c = coverage(D("0"), [(D("500"), "granted")])
    assert (c.covered_share, c.pending_share, c.remaining_share) == (D("0"), D("0"), D("0"))
    assert c.surplus == D("500.00")
    assert c.is_covered
    empty = coverage(0, [])
    assert (empty.covered, empty.remaining, empty.surplus) == (D("0.00"), D("0.00"), D("0.00"))


def test_no_components_leaves_everything_remaining():
    c = coverage(D("7500.50"), [])
    assert c.remaining == D("7500.50")
    assert c.remaining_share == D("1.0000")


def test_shares_round_half_up_in_the_result_only():
    c = coverage(D("3"), [(D("1"), "granted"), (D("1"), "idea")])
    assert c.covered_share == D("0.3333")
    assert c.pending_share == D("0.3333")
    assert c.remaining_share == D("0.3333")  # 1 − 2/3 before rounding
    half = coverage(D("8"), [(D("0.00036"), "granted")])  # 0.000045 → 0.0000 half-up on the 4th decimal
    assert half.covered_share == D("0.0000")
    assert coverage(D("8"), [(D("0.0004"), "granted")]).covered_share == D("0.0001")  # 0.00005 → 0.0001


@pytest.mark.parametrize("components", [[(D("-1"), "granted")], [(D("1"), "maybe")]])
def test_bad_components_are_refused(components):
    with pytest.raises(ValueError):
        coverage(D("100"), components)


def test_negative_need_is_refused():
    with pytest.raises(ValueError):
        coverage(D("-1"), [])


def test_chart_is_a_doughnut_of_covered_pending_remaining():
    chart = coverage(D("100"), [(D("50"), "granted"), (D("25"), "applied")]).chart(("a", "b", "c"))
    assert chart["type"] == "doughnut"
    assert chart["data"]["labels"] == ["a", "b", "c"]
    assert chart["data"]["datasets"][0]["data"] == [50.0, 25.0, 25.0]
