"""The report's server-drawn line chart (``reports.svg_line``): a year on a fixed January to December
axis, values written at their dots where they fit, the baseline and target as labelled lines, and
margins wide enough for every label."""

from decimal import Decimal

import pytest
from django.utils import translation

from impactportal.indicators import Unit
from impactportal.pdf import svg_text_width
from monitoring.reports import AXIS_SIZE, VALUE_SIZE, chart_number, svg_line

TOP, BOTTOM, HEIGHT, WIDTH = 16, 28, 200, 640
PLOT_H = HEIGHT - TOP - BOTTOM


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def plot_width(chart):
    return chart["right"] - chart["left"]


def test_one_measurement_stands_in_its_month_not_at_the_left_edge():
    """An annual report with only December's snapshot drew one dot at the left edge labelled "12"."""
    chart = svg_line([("2025-12", Decimal(3))])
    assert [dot["x"] for dot in chart["dots"]] == [chart["right"]]
    assert chart["dots"][0]["value"] == "3" and chart["dots"][0]["y"] == TOP  # the peak is the value
    assert [tick["label"] for tick in chart["ticks"]] == ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug",
                                                         "sep", "okt", "nov", "dec"]
    assert chart["ticks"][0]["x"] == chart["left"] and chart["ticks"][-1]["x"] == chart["right"]


@pytest.mark.parametrize(("label", "month"), [("2026-01", 1), ("2026-06", 6), ("2026-12", 12)])
def test_months_keep_their_place_whatever_else_is_measured(label, month):
    alone = svg_line([(label, Decimal(1))])
    with_others = svg_line([("2026-01", Decimal(1)), (label, Decimal(1)), ("2026-12", Decimal(1))])
    x = round(alone["left"] + (month - 1) * plot_width(alone) / 11, 1)
    assert alone["dots"][0]["x"] == x and x in [dot["x"] for dot in with_others["dots"]]


def test_labels_that_are_not_months_are_spread_in_their_order_and_one_stands_in_the_middle():
    chart = svg_line([("2024", Decimal(1)), ("2025", Decimal(2)), ("2026", Decimal(4))])
    assert [dot["x"] for dot in chart["dots"]] == [chart["left"], chart["left"] + plot_width(chart) / 2,
                                                  chart["right"]]
    assert [tick["label"] for tick in chart["ticks"]] == ["2024", "2025", "2026"]
    alone = svg_line([("2025", Decimal(1))])
    assert alone["dots"][0]["x"] == alone["left"] + plot_width(alone) / 2


def test_heights_scale_to_the_peak_with_zero_on_the_axis():
    chart = svg_line([("2026-01", Decimal(0)), ("2026-02", Decimal(50)), ("2026-03", Decimal(100))])
    assert [dot["y"] for dot in chart["dots"]] == [TOP + PLOT_H, TOP + PLOT_H / 2, TOP]
    assert chart["axis_y"] == TOP + PLOT_H and chart["peak"] == "100"


def test_all_zero_values_still_draw_on_the_axis():
    chart = svg_line([("2026-03", Decimal(0))])
    assert chart["dots"][0]["y"] == TOP + PLOT_H and chart["peak"] == "1"


def test_charts_write_whole_euros_and_make_room_for_the_longest_labels():
    """"nulmeting 20.000,00" was cut off at the right edge and a peak of 2.500.000,00 read
    ".500.000,00" at the left."""
    chart = svg_line([("2026-11", Decimal("45300.40"))], baseline=Decimal(20000), target=Decimal("2500000.00"),
                     unit=Unit.MONEY)
    assert chart["peak"] == "2.500.000" and chart["dots"][0]["value"] == "45.300"
    baseline, target = chart["lines"]
    assert baseline["text"] == "nulmeting 20.000" and target["text"] == "doel 2.500.000"
    # the scale's number fits left of the axis (the template writes it 6 px before it) ...
    assert svg_text_width(chart["peak"], AXIS_SIZE) <= chart["left"] - 6
    # ... and each line's label right of the plot (written 4 px after it)
    assert all(chart["right"] + 4 + svg_text_width(line["text"], VALUE_SIZE) <= WIDTH for line in (baseline, target))


@pytest.mark.parametrize(("value", "unit", "text"), [
    (Decimal("1234.56"), Unit.MONEY, "1.235"), (Decimal("0.49"), Unit.MONEY, "0"), (Decimal("3"), Unit.COUNT, "3"),
    (Decimal("16.3"), Unit.PERCENTAGE, "16,3"), (Decimal("1500"), Unit.COUNT, "1.500"),
])
def test_chart_number(value, unit, text):
    assert chart_number(value, unit) == text


def test_values_too_close_to_write_each_leave_only_the_last():
    months = [(f"2026-{m:02d}", Decimal(12_345_670 + m)) for m in range(1, 13)]
    chart = svg_line(months, unit=Unit.MONEY)
    assert [dot["value"] for dot in chart["dots"]] == [""] * 11 + ["12.345.682"]
    few = svg_line([("2026-01", Decimal(3)), ("2026-02", Decimal(5))])
    assert [dot["value"] for dot in few["dots"]] == ["3", "5"]


@pytest.mark.parametrize(("baseline", "target", "upper"), [
    (Decimal(5), Decimal(5), "target"),  # equal: the target's label above
    (Decimal(5), Decimal("4.9"), "baseline"),  # a goal to reduce: the target's line is the lower one
    (Decimal("4.9"), Decimal(5), "target"),
])
def test_labels_of_close_lines_keep_the_lines_order(baseline, target, upper):
    chart = svg_line([("2026-11", Decimal(2))], baseline=baseline, target=target)
    labels = {line["kind"]: line for line in chart["lines"]}
    lower = "baseline" if upper == "target" else "target"
    assert labels[upper]["label_y"] == round(labels[lower]["y"] - 10, 1)
    assert labels[lower]["label_y"] == labels[lower]["y"]


def test_lines_far_apart_keep_their_labels_on_them():
    chart = svg_line([("2026-11", Decimal(2))], baseline=Decimal(1), target=Decimal(10))
    assert all(line["label_y"] == line["y"] for line in chart["lines"])


def test_no_lines_without_baseline_or_target():
    assert svg_line([("2026-11", Decimal(2))])["lines"] == []


def test_english_axis_and_numbers():
    with translation.override("en"):
        chart = svg_line([("2026-03", Decimal("1234.5"))], target=Decimal(2000))
    # The axis writes months as the page's month labels do ("Mar 2026" in English).
    assert chart["ticks"][2]["label"] == "Mar" and chart["ticks"][4]["label"] == "May"
    assert chart["dots"][0]["value"] == "1,234.5" and chart["lines"][0]["text"] == "target 2,000"


def _touches(box, y, clearance=1):
    _left, top, _right, bottom = box
    return top - clearance <= y <= bottom + clearance


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_values_keep_clear_of_the_target_and_baseline_and_their_labels():
    """The programme report's jobs ("2.222" for August to November) were written on the dashed red
    line "doel 2.445": a value that would touch a line or a line's label goes below its dot."""
    from monitoring.reports import line_label_box, value_box

    values = [1932, 1932, 1950, 1950, 2051, 2059, 2153, 2222, 2222, 2222, 2222]
    points = [(f"2026-{month:02d}", Decimal(v)) for month, v in enumerate(values, start=1)]
    chart = svg_line(points, baseline=Decimal(673), target=Decimal(2445))
    target = next(line for line in chart["lines"] if line["kind"] == "target")
    written = [dot for dot in chart["dots"] if dot["value"]]
    assert written
    for dot in written:
        box = value_box(dot, dot["value_y"])
        for line in chart["lines"]:
            assert not _touches(box, line["y"]), (dot, line)
            assert not _overlap(box, line_label_box(line, chart["right"])), (dot, line)
    august = chart["dots"][7]
    assert august["value_y"] > august["y"] > target["y"]  # below its dot, the line above both
    # A value clear of the lines stays above its dot.
    assert chart["dots"][0]["value_y"] < chart["dots"][0]["y"]


def test_a_december_value_keeps_clear_of_the_label_beside_it():
    """December's dot stands on the plot's right edge, where the lines' labels begin."""
    from monitoring.reports import line_label_box, value_box

    chart = svg_line([("2026-12", Decimal(95))], target=Decimal(100))
    (dot,) = chart["dots"]
    (line,) = chart["lines"]
    assert not _overlap(value_box(dot, dot["value_y"]), line_label_box(line, chart["right"]))
    assert dot["value_y"] > dot["y"]
