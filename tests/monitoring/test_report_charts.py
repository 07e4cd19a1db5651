"""The report's server-drawn line chart (``reports.svg_line``): a year on a fixed January to December
axis, every value written at its dot, and the baseline and target as labelled lines."""

from decimal import Decimal

import pytest
from django.utils import translation

from impactportal.indicators import Unit
from monitoring.reports import svg_line

LEFT, RIGHT_MARGIN, TOP, BOTTOM = 60, 80, 16, 28
WIDTH, HEIGHT = 640, 200
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT_MARGIN, HEIGHT - TOP - BOTTOM


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def test_one_measurement_stands_in_its_month_not_at_the_left_edge():
    """An annual report with only December's snapshot drew one dot at the left edge labelled "12"."""
    chart = svg_line([("2025-12", Decimal(3))])
    assert [dot["x"] for dot in chart["dots"]] == [LEFT + PLOT_W]
    assert chart["dots"][0]["value"] == "3" and chart["dots"][0]["y"] == TOP  # the peak is the value
    assert [tick["label"] for tick in chart["ticks"]] == ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug",
                                                         "sep", "okt", "nov", "dec"]
    assert chart["ticks"][0]["x"] == LEFT and chart["ticks"][-1]["x"] == LEFT + PLOT_W


@pytest.mark.parametrize(("label", "x"), [("2026-01", LEFT), ("2026-06", round(LEFT + 5 * PLOT_W / 11, 1)),
                                          ("2026-12", LEFT + PLOT_W)])
def test_months_keep_their_place_whatever_else_is_measured(label, x):
    alone = svg_line([(label, Decimal(1))])
    with_others = svg_line([("2026-01", Decimal(1)), (label, Decimal(1)), ("2026-12", Decimal(1))])
    assert alone["dots"][0]["x"] == x and x in [dot["x"] for dot in with_others["dots"]]


def test_labels_that_are_not_months_are_spread_in_their_order():
    chart = svg_line([("2024", Decimal(1)), ("2025", Decimal(2)), ("2026", Decimal(4))])
    assert [dot["x"] for dot in chart["dots"]] == [LEFT, LEFT + PLOT_W / 2, LEFT + PLOT_W]
    assert [tick["label"] for tick in chart["ticks"]] == ["2024", "2025", "2026"]


def test_heights_scale_to_the_peak_with_zero_on_the_axis():
    chart = svg_line([("2026-01", Decimal(0)), ("2026-02", Decimal(50)), ("2026-03", Decimal(100))])
    assert [dot["y"] for dot in chart["dots"]] == [TOP + PLOT_H, TOP + PLOT_H / 2, TOP]
    assert chart["axis_y"] == TOP + PLOT_H and chart["peak"] == "100"
    assert chart["points"] == " ".join(f"{d['x']},{d['y']}" for d in chart["dots"])
    assert all(dot["value_y"] == round(dot["y"] - 7, 1) for dot in chart["dots"])


def test_all_zero_values_still_draw_on_the_axis():
    chart = svg_line([("2026-03", Decimal(0))])
    assert chart["dots"][0]["y"] == TOP + PLOT_H and chart["peak"] == "1"


def test_baseline_and_target_are_labelled_and_raise_the_peak():
    chart = svg_line([("2026-11", Decimal(45300))], baseline=Decimal(20000), target=Decimal(115000), unit=Unit.MONEY)
    assert chart["peak"] == "115.000,00" and chart["dots"][0]["value"] == "45.300,00"
    baseline, target = chart["lines"]
    assert baseline["kind"] == "baseline" and baseline["text"] == "nulmeting 20.000,00"
    assert target["kind"] == "target" and target["text"] == "doel 115.000,00" and target["y"] == TOP
    assert baseline["label_y"] == baseline["y"] and target["label_y"] == target["y"]


def test_equal_baseline_and_target_labels_do_not_overlap():
    chart = svg_line([("2026-11", Decimal(2))], baseline=Decimal(5), target=Decimal(5))
    baseline, target = chart["lines"]
    assert baseline["y"] == target["y"] and baseline["label_y"] - target["label_y"] == 10


def test_no_lines_without_baseline_or_target():
    assert svg_line([("2026-11", Decimal(2))])["lines"] == []


def test_english_axis_and_numbers():
    with translation.override("en"):
        chart = svg_line([("2026-03", Decimal("1234.5"))], target=Decimal(2000))
    assert chart["ticks"][2]["label"] == "mar"
    assert chart["dots"][0]["value"] == "1,234.5" and chart["lines"][0]["text"] == "target 2,000"
