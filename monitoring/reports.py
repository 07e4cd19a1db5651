"""What a report contains, built from ONE snapshot (the request's), so that every figure equals the
API's figure for that snapshot; and its PDF through ``impactportal.pdf.render_to_pdf``.

Kinds: annual (organisation), programme (three levels: per participating organisation, per
initiative/theme, per goal), evaluation (baseline vs now vs target) and the enterprise's impact
statement (certificates, MKBA analyses, SROI contributions, consented impact measurement)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.conf import settings
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from impactportal.indicators import Basis, Level, Unit
from impactportal.money import euro, number
from impactportal.pdf import svg_text_width

from . import registry
from .constants import TEXT_SECTIONS, ReportKind, Section, SnapshotKind
from .models import ProgrammeTheme, ReportText, Snapshot, SnapshotValue, Target

CHART_LIMIT = 6  # indicators drawn as charts; every value is in the tables
EVALUATION_SECTION = "evaluation"  # the anchor of an evaluation's "Nulmeting, nu en doel"


def fmt(value, unit: str = "") -> str:
    """One way to print a value in pages, reports and tests: the active language's separators
    (Dutch 150.000,00, English 150,000.00; a PDF is rendered in its own language), money with cents,
    other figures with the decimals they have (``impactportal.money.number``)."""
    if value is None:
        return "–"
    return number(value, 2 if unit == Unit.MONEY else None)


def figure(value, unit: str = "") -> str:
    """A value as the report's tables write it, with its unit where a sign says it: money as the
    portal writes amounts ("€ 150.000,00", "€150,000.00" in English; ``impactportal.money.euro``),
    a percentage with "%" ("27,9%"). Other units (aantal, dagen, uren, score) are named beside the
    figure, in a unit column or the heading."""
    if value is None:
        return fmt(None)
    if unit == Unit.MONEY:
        return euro(Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    if unit == Unit.PERCENTAGE:
        return f"{fmt(value, unit)}%"
    return fmt(value, unit)


def unit_and_basis(indicator) -> str:
    """What a figure is, for a heading above it: its unit and whether it is measured, estimated or
    self-declared ("procent, gemeten")."""
    return f"{Unit(indicator.unit).label}, {Basis(indicator.basis).label}"


MONTH_LABEL = re.compile(r"^(\d{4})-(\d{2})$")


def month_label(label: str, *, short: bool = False) -> str:
    """A monthly snapshot's label ("2026-11") as people write it in the active language: "november
    2026" / "November 2026", short (chart axes) "nov 2026" / "Nov 2026". Other labels (a
    baseline's) are returned as they are."""
    found = MONTH_LABEL.match(label or "")
    if not found:
        return label
    day = dt.date(int(found[1]), int(found[2]), 1)
    if not short:
        return date_format(day, get_format("YEAR_MONTH_FORMAT"))
    return f"{month_abbreviation(day.month)} {day.year}"


def month_abbreviation(month: int) -> str:
    """A month in three letters as charts write it: lower case in Dutch ("nov"), capitalised in
    English ("Nov"), as each language writes its full month names. Django's "b" is always lower
    case, so the full name decides."""
    day = dt.date(2000, month, 1)
    abbreviated = date_format(day, "b")
    return abbreviated.capitalize() if date_format(day, "F")[:1].isupper() else abbreviated


def source_label(source: str) -> str:
    """The human name of the app an indicator reads (its AppConfig's translated verbose_name)
    instead of the app label stored with the value."""
    try:
        return str(apps.get_app_config(source).verbose_name)
    except LookupError:
        return source


def filename(report) -> str:
    with translation.override(settings.LANGUAGE_CODE):  # named as it is written (``render``)
        return f"{slugify(report.get_kind_display())}-{slugify(report.scope_label)}-{report.period}-v{report.version}.pdf"


def department_filename(report) -> str:
    return f"{filename(report)[:-4]}-afdelingen.pdf"


def public_filename(report) -> str:
    return f"{filename(report)[:-4]}-openbaar.pdf"


def _owner(report) -> tuple[str, int]:
    if report.kind == ReportKind.PROGRAMME or (report.programme_id and not report.organisation_id):
        return Level.PROGRAMME, report.programme_id
    if report.enterprise_id:
        return Level.ORGANISATION, report.enterprise.municipality_id
    return Level.ORGANISATION, report.organisation_id


def _filter(level, owner_id) -> dict:
    return {"level": level, f"{level}_id": owner_id}


def values_of(snapshot, level, owner_id) -> dict[str, Decimal]:
    return dict(SnapshotValue.objects.filter(snapshot=snapshot, **_filter(level, owner_id))
                .values_list("code", "value"))


def withheld_text() -> str:
    """What stands where a figure not for the reader's department would stand: on the dashboard and
    in a draft report's department copy."""
    return _("niet beschikbaar voor uw afdeling")


def department_values(report) -> list:
    """The indicators computed from a department's rows (``registry.department_bound``) of which the
    report's snapshot holds a value for its owner: the figures its department copy leaves out. An
    impact statement holds none: only the enterprise's own figures (``build_context``)."""
    if report.kind == ReportKind.IMPACT_STATEMENT:
        return []
    level, owner_id = _owner(report)
    bound = registry.department_bound()
    if not bound:
        return []
    held = set(SnapshotValue.objects.filter(snapshot_id=report.snapshot_id, code__in=list(bound),
                                            **_filter(level, owner_id)).values_list("code", flat=True))
    return [ind for code, ind in bound.items() if code in held]


def withheld_in_draft(user, report) -> list:
    """The indicators whose values a draft (not yet published) report holds and ``user`` may not
    read (``registry.withheld``: supplier payments for a colleague of another department than
    inkoop). Such a user reads the draft's department copy (``department_file``), which says
    ``withheld_text()`` where any department's figures stand: all of ``department_values``, named
    on the page (one copy for every such reader; today one department keeps rows). A published
    report is public as it is."""
    if report.published_at is not None:
        return []
    level, owner_id = _owner(report)
    withheld = registry.withheld(user, level, owner_id)
    if not withheld:
        return []
    held = department_values(report)
    return held if any(ind.code in withheld for ind in held) else []


def withheld_message(indicators) -> str:
    return _("In dit concept staat bij deze indicatoren “%(marker)s” in plaats van de cijfers: %(names)s. Zodra "
             "het rapport is gepubliceerd, leest u het volledig.") % {
        "names": ", ".join(str(ind.name) for ind in indicators), "marker": withheld_text()}


def _targets(level, owner_id, year) -> dict[str, Decimal]:
    return dict(Target.objects.filter(**{f"{level}_id": owner_id}, year=year).values_list("code", "value"))


def _series(level, owner_id, year: str, codes) -> dict[str, list[tuple[str, Decimal]]]:
    rows = (SnapshotValue.objects.filter(snapshot__kind=SnapshotKind.MONTHLY, snapshot__label__startswith=f"{year}-",
                                         code__in=codes, **_filter(level, owner_id))
            .order_by("snapshot__period_end").values_list("code", "snapshot__label", "value"))
    series: dict[str, list] = {code: [] for code in codes}
    for code, label, value in rows:
        series[code].append((label, value))
    return series


# A programme report's figures per organisation (``_programme_levels``): indicators per table, and at
# most in all.
LEVEL_COLUMNS = 4
LEVEL_LIMIT = 8
# The type sizes of the charts' axis labels and value labels in the template.
AXIS_SIZE, VALUE_SIZE = 9, 8


def chart_number(value, unit: str = "") -> str:
    """A value as a chart writes it: whole euros (the cents are in the tables), else as ``fmt``."""
    if unit == Unit.MONEY:
        return fmt(Decimal(value).quantize(Decimal(1)))
    return fmt(value, unit)


def svg_line(points: list[tuple[str, Decimal]], baseline=None, target=None, width=640, height=200,
             unit: str = "") -> dict:
    """Geometry of a server-drawn line chart of one year: the monthly values, the baseline and the
    target as labelled lines. Months stand on a fixed January to December axis, so a year with one
    measurement shows it in its month rather than alone at the left edge; labels that are not
    months ("2025") are spread over the width in their order (one alone in the middle). Each value
    is written at its dot when the labels fit between the dots, else the last one only. The
    margins are measured to hold the scale's top number and the lines' labels."""
    values = [v for _label, v in points] + [v for v in (baseline, target) if v is not None]
    peak = max([Decimal(v) for v in values] + [Decimal(1)])
    peak_text = chart_number(peak, unit)
    lines = [{"value": v, "kind": kind, "text": f"{label} {chart_number(v, unit)}"}
             for v, label, kind in ((baseline, pgettext("monitoring chart line", "nulmeting"), "baseline"),
                                     (target, pgettext("monitoring chart line", "doel"), "target"))
             if v is not None]
    # At least the common margins, so the charts of one report share their axes.
    left = max(48, round(svg_text_width(peak_text, AXIS_SIZE)) + 12)
    right = max(80, round(max((svg_text_width(line["text"], VALUE_SIZE) for line in lines), default=0)) + 10)
    top, bottom = 16, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    months = all(MONTH_LABEL.match(label) for label, _v in points)

    def x(index, label):
        if months:
            return round(left + (int(label[-2:]) - 1) * plot_w / 11, 1)
        if len(points) == 1:
            return round(left + plot_w / 2, 1)
        return round(left + index * plot_w / (len(points) - 1), 1)

    def y(v):
        return round(top + plot_h - float(Decimal(v) / peak) * plot_h, 1)

    for line in lines:
        line["y"] = line["label_y"] = y(line.pop("value"))
    if len(lines) == 2 and abs(lines[0]["y"] - lines[1]["y"]) < 10:
        # Labels of (nearly) equal lines stay apart, the upper line's label above the lower one's.
        upper, lower = sorted(lines, key=lambda line: (line["y"], line["kind"] != "target"))
        upper["label_y"] = round(lower["y"] - 10, 1)
    dots = [{"x": x(i, label), "y": y(v), "value": chart_number(v, unit)} for i, (label, v) in enumerate(points)]
    xs = sorted(dot["x"] for dot in dots)
    gap = min((b - a for a, b in zip(xs, xs[1:], strict=False)), default=width)
    if max((svg_text_width(dot["value"], VALUE_SIZE) for dot in dots), default=0) + 4 > gap:
        for dot in dots[:-1]:  # too close to write each: the tables hold every value
            dot["value"] = ""
    for dot in dots:
        dot["value_y"] = _value_y(dot, lines, width - right)
    if months:
        ticks = [{"x": round(left + (m - 1) * plot_w / 11, 1), "label": month_abbreviation(m)} for m in range(1, 13)]
    else:
        ticks = [{"x": dot["x"], "label": label} for dot, (label, _v) in zip(dots, points, strict=True)]
    return {"width": width, "height": height, "left": left, "right": width - right, "axis_y": top + plot_h,
            "points": " ".join(f"{dot['x']},{dot['y']}" for dot in dots), "dots": dots, "ticks": ticks,
            "label_y": height - 8, "lines": lines, "peak": peak_text, "top": top}


# A value label's place: its baseline this far above its dot, or below it; its digits' height; the room
# kept between a label and a line or a line's label.
VALUE_ABOVE, VALUE_BELOW, VALUE_HEIGHT, CLEARANCE = 7, 13, 6, 2


def value_box(dot: dict, value_y: float) -> tuple[float, float, float, float]:
    """``(left, top, right, bottom)`` of a dot's value label written with its baseline at ``value_y``
    (centred on the dot, digits without descenders)."""
    half = svg_text_width(dot["value"], VALUE_SIZE) / 2
    return dot["x"] - half, value_y - VALUE_HEIGHT, dot["x"] + half, value_y


def line_label_box(line: dict, plot_right: float) -> tuple[float, float, float, float]:
    """``(left, top, right, bottom)`` of a baseline's or target's label, right of the plot and
    vertically centred on ``label_y`` (the template's ``dominant-baseline="middle"``)."""
    return (plot_right + 4, line["label_y"] - VALUE_SIZE / 2, plot_right + 4 + svg_text_width(line["text"], VALUE_SIZE),
            line["label_y"] + VALUE_SIZE / 2)


def _value_y(dot: dict, lines: list[dict], plot_right: float) -> float:
    """Where a dot's value is written: above the dot, unless there it would touch the dashed line of
    the baseline or the target, or their labels (the programme report's "2.222" for August to
    November stood on the line "doel 2.445"); then below it, if it is clear there."""
    def clear(value_y):
        _left, top, right, bottom = value_box(dot, value_y)
        for line in lines:
            if top - CLEARANCE <= line["y"] <= bottom + CLEARANCE:
                return False
            l_left, l_top, _l_right, l_bottom = line_label_box(line, plot_right)
            if right + CLEARANCE > l_left and top - CLEARANCE < l_bottom and bottom + CLEARANCE > l_top:
                return False
        return True

    above, below = round(dot["y"] - VALUE_ABOVE, 1), round(dot["y"] + VALUE_BELOW, 1)
    return below if dot["value"] and not clear(above) and clear(below) else above


def code_breaks(code: str) -> str:
    """An indicator's code ("ecosystem.properties_allocated") for a narrow cell: it may break after
    each "." and "_" (``<wbr>``), never inside a word."""
    return mark_safe(re.sub(r"([._])", r"\1<wbr>", str(escape(code))))  # noqa: S308 - escaped first


def _rows(indicators, values, baseline=None, targets=None, withheld=frozenset(), year=None):
    """A row per indicator with a value or a target. A ``withheld`` one (measured, its figures left
    out of ``values`` and ``baseline``) says ``withheld_text()`` instead; its target stays.
    ``year``: the values from 1 January to the month's end (``services.year_to_date``)."""
    rows = []
    for ind in indicators:
        hidden = ind.code in withheld
        if not hidden and ind.code not in values and ind.code not in (targets or {}):
            continue
        row = {"code": ind.code, "code_breaks": code_breaks(ind.code), "name": ind.name,
               "unit": Unit(ind.unit).label, "unit_code": ind.unit,
               "value": values.get(ind.code), "text": figure(values.get(ind.code), ind.unit),
               "baseline": figure((baseline or {}).get(ind.code), ind.unit) if baseline is not None else None,
               "target": figure((targets or {}).get(ind.code), ind.unit) if targets is not None else None,
               "has_target": ind.code in (targets or {}), "detail": unit_and_basis(ind),
               "basis": Basis(ind.basis).label, "source": source_label(ind.source),
               "definition": ind.definition,
               "year_text": figure((year or {}).get(ind.code), ind.unit) if year is not None else None}
        if hidden:
            row.update(withheld=True, text=withheld_text(), baseline=withheld_text() if baseline is not None else None,
                       year_text=withheld_text() if year is not None else None)
        rows.append(row)
    return rows


def sections(report, *, public: bool = False) -> list[tuple[str, str]]:
    """The sections of a report (its contents, and what a comment is about). An impact statement
    has its summary and the enterprise's own figures: no charts, levels or appendix of indicators
    that are not hers."""
    left_out = set()
    if report.kind == ReportKind.IMPACT_STATEMENT:
        left_out |= {Section.CHARTS, Section.LEVELS, Section.APPENDIX}
    return [(code, label) for code, label in Section.choices if code not in left_out]


def text_sections(report, *, public: bool = False) -> list[tuple[str, str]]:
    """The sections of ``report`` its keepers write a text for (``constants.TEXT_SECTIONS``: not the
    appendix), in the report's order."""
    return [(code, label) for code, label in sections(report, public=public) if code in TEXT_SECTIONS]


def texts_of(report, *, public: bool = False) -> dict[str, str]:
    """``{section: text}`` the PDF prints under the sections' headings: the keepers' texts of the
    sections this variant of the report shows (the public one: the sections it has)."""
    shown = [code for code, _label in text_sections(report, public=public)]
    return {section: body for section, body in ReportText.objects.filter(report=report, section__in=shown)
            .values_list("section", "body") if body}


def build_context(report, *, public: bool = False, withheld=frozenset(), progress=lambda pct, msg="": None) -> dict:
    """What the template shows. ``withheld``: codes whose figures (value, baseline, monthly points,
    the cells per organisation) stay out of the context altogether, each shown as
    ``withheld_text()`` where the full report has its figures (a draft's department copy)."""
    snapshot = report.snapshot
    if report.kind == ReportKind.IMPACT_STATEMENT:
        # The enterprise's own statement (certificates, MKBA analyses, SROI contributions, consented
        # impact measurement): its municipality's indicators are no part of it (the statement said
        # "niet beschikbaar voor uw afdeling" of the municipality's purchasing to its entrepreneur).
        context = {"report": report, "public": public, "snapshot": snapshot, "title": report.get_kind_display(),
                   "snapshot_label": month_label(snapshot.label), "subtitle": f"{report.scope_label} — {report.period}",
                   "rows": [], "charts": [], "charts_left_out": 0, "sections": sections(report, public=public),
                   "texts": texts_of(report, public=public)}
        progress(20, _("Indicatoren gelezen"))
        context.update(_impact_statement(report))
        progress(70, _("Onderdelen samengesteld"))
        return _contents(context)
    from .services import year_to_date

    indicators = registry.indicators()
    level, owner_id = _owner(report)
    values = values_of(snapshot, level, owner_id)
    measured_withheld = {code for code in values if code in withheld}  # their rows stay, without figures
    values = {code: value for code, value in values.items() if code not in withheld}
    year_snapshot = year_to_date(snapshot)
    year = {code: value for code, value in values_of(year_snapshot, level, owner_id).items() if code not in withheld}
    targets = _targets(level, owner_id, int(report.period))
    progress(20, _("Indicatoren gelezen"))
    context = {
        "report": report, "public": public, "snapshot": snapshot, "title": report.get_kind_display(),
        "snapshot_label": month_label(snapshot.label),
        "year_from": month_label(timezone.localtime(year_snapshot.period_start).strftime("%Y-%m")),
        "subtitle": f"{report.scope_label} — {report.period}",
        "rows": _rows(indicators, values, targets=targets, withheld=measured_withheld, year=year),
        "sections": sections(report, public=public),
        "texts": texts_of(report, public=public),
    }
    # The same indicators as in the full report, a withheld one as a chart that says so. Those with a
    # target first (the steering group's questions), then the others in the report's order.
    measured = [row for row in context["rows"] if row["value"] is not None or row.get("withheld")]
    charted = sorted(measured, key=lambda row: not row["has_target"])[:CHART_LIMIT]
    context["charts_left_out"] = len(measured) - len(charted)
    series = _series(level, owner_id, report.period, [row["code"] for row in charted])
    baseline_snapshot = _baseline(report)
    baseline = values_of(baseline_snapshot, level, owner_id) if baseline_snapshot else {}
    baseline = {code: value for code, value in baseline.items() if code not in withheld}
    # Without monthly values of the year, the snapshot's own value stands in, if it is of the year
    # (a January report reads last December's snapshot: that is no point of this year's chart).
    own_year = snapshot.label.startswith(f"{report.period}-")
    context["charts"] = []
    for row in charted:
        if row.get("withheld"):
            if series[row["code"]] or own_year:  # where the full report draws it
                context["charts"].append({"name": row["name"], "unit": row["unit"], "detail": row["detail"],
                                          "withheld": withheld_text()})
        elif points := series[row["code"]] or ([(snapshot.label, row["value"])] if own_year else []):
            context["charts"].append({"name": row["name"], "unit": row["unit"], "detail": row["detail"],
                                      "svg": svg_line(points, baseline.get(row["code"]), targets.get(row["code"]),
                                                      unit=row["unit_code"])})
    progress(50, _("Grafieken getekend"))
    if report.kind == ReportKind.EVALUATION:
        context["evaluation"] = _rows(indicators, values, baseline=baseline, targets=targets,
                                      withheld=measured_withheld)
        context["baseline_snapshot"] = baseline_snapshot
        if baseline_snapshot:  # as people write it: the date the programme started, not the stored label
            context["baseline_date"] = timezone.localtime(baseline_snapshot.period_end).date()
            context["baseline_programme"] = baseline_snapshot.programme
        # The section has its place in the table of contents, after the indicators it compares.
        at = [code for code, _label in context["sections"]].index(Section.INDICATORS) + 1
        context["sections"].insert(at, (EVALUATION_SECTION, _("Nulmeting, nu en doel")))
    if report.kind == ReportKind.PROGRAMME:
        context.update(_programme_levels(report, snapshot, context["rows"], withheld))
    context["goals"] = _goals(level, owner_id, int(report.period), values, indicators, public=public,
                              withheld=measured_withheld)
    progress(70, _("Onderdelen samengesteld"))
    return _contents(context)


# A report with fewer sections has no table of contents, and its sections follow each other on a
# page instead of each starting a new one: the impact statement (a summary and the enterprise's own
# figures) took four pages, the second a table of contents of two entries.
CONTENTS_FROM = 4


def _contents(context: dict) -> dict:
    context["contents"] = len(context["sections"]) >= CONTENTS_FROM
    return context


def _baseline(report) -> Snapshot | None:
    from .services import baseline_of

    if report.programme_id:
        return baseline_of(programme=report.programme)
    return baseline_of(organisation=report.organisation or report.enterprise.municipality)


def _programme_levels(report, snapshot, rows, withheld=frozenset()) -> dict:
    """Level 1: per participating organisation; level 2: per initiative (theme, with its
    coordinator); level 3, per goal, is ``_goals``. The columns per organisation are indicators the
    report lists (``rows``: its table Indicatoren and its appendix, which defines them) measured for
    at least one participant, those with a target first (as the charts), at most ``LEVEL_LIMIT``: the
    first eight of the registry showed "Voortgang toolbox" and "Open knelpunten", defined nowhere in
    the report, the second "–" for every organisation. A ``withheld`` indicator's measured cells say
    ``withheld_text()``."""
    participants = list(report.programme.participants.order_by("name").values_list("pk", "name"))
    listed = {row["code"]: row for row in rows}
    per_org = {}
    for org_id, code, value in (SnapshotValue.objects.filter(snapshot=snapshot, level=Level.ORGANISATION,
                                                             organisation__in=[p for p, _n in participants],
                                                             code__in=list(listed))
                                .values_list("organisation_id", "code", "value")):
        per_org.setdefault(org_id, {})[code] = None if code in withheld else value  # measured, not shown
    measured = {code for values in per_org.values() for code in values}
    columns = sorted((row for row in rows if row["code"] in measured), key=lambda row: not row["has_target"])
    shown = columns[:LEVEL_LIMIT]
    organisations = [{"name": name, "cells": [_cell(per_org.get(pk, {}), row["code"], row["unit_code"])
                                              for row in shown]}
                     for pk, name in participants]
    # The table per organisation in parts of LEVEL_COLUMNS indicators: headings without hyphens.
    parts = [{"names": [row["name"] for row in shown[i:i + LEVEL_COLUMNS]],
              "columns": [{"name": row["name"], "code": row["code"], "detail": row["detail"]}
                          for row in shown[i:i + LEVEL_COLUMNS]],
              "organisations": [{"name": o["name"], "cells": o["cells"][i:i + LEVEL_COLUMNS]} for o in organisations]}
             for i in range(0, len(shown), LEVEL_COLUMNS)]
    return {"level_codes": [row["name"] for row in shown], "level_parts": parts,
            "levels_left_out": len(columns) - len(shown),
            "themes": list(ProgrammeTheme.objects.filter(programme=report.programme, is_current=True))}


def _cell(values: dict, code: str, unit: str) -> dict:
    """A cell of the table per organisation; a measured value left out (None) says ``withheld_text()``."""
    if code in values and values[code] is None:
        return {"text": withheld_text(), "withheld": True}
    return {"text": figure(values.get(code), unit), "withheld": False}


def _goals(level, owner_id, year: int, values, indicators, *, public: bool = False,
           withheld=frozenset()) -> list[dict]:
    """The owner's targets for the year beside the snapshot's values (level 3 of a programme
    report; an organisation's annual report and evaluation show the same table). The published
    version leaves out the notes: targets are shown to staff and steering groups only. A
    ``withheld`` indicator's value says ``withheld_text()``, its target stays (as on the dashboard)."""
    names = {ind.code: ind for ind in indicators}
    goals = []
    for target in Target.objects.filter(**{f"{level}_id": owner_id}, year=year):
        indicator = names.get(target.code)
        unit = indicator.unit if indicator else ""
        goals.append({"name": indicator.name if indicator else target.code, "target": figure(target.value, unit),
                      "value": withheld_text() if target.code in withheld else figure(values.get(target.code), unit),
                      "unit": Unit(unit).label if indicator else "",
                      "basis": Basis(indicator.basis).label if indicator else "",
                      "withheld": target.code in withheld, "note": "" if public else target.note})
    return goals


def _impact_statement(report) -> dict:
    from django.db.models import Sum

    from enterprises.measurement.models import indicator_value
    from enterprises.models import Certification
    from financing.models import MkbaAnalysis
    from procurement.constants import RealisationStatus
    from procurement.models import Realisation

    enterprise = report.enterprise
    measurement = getattr(enterprise, "impact_measurement", None)
    consented = measurement is not None and measurement.show_in_showcase
    sroi = (Realisation.objects.filter(contract__supplier=enterprise, status=RealisationStatus.VERIFIED,
                                       date__year=int(report.period)).aggregate(total=Sum("value"))["total"])
    # Her own figures as her enterprise page writes them (``indicator_value``): "9 personen", "1.450 uren",
    # "12,5 uren", an amount with its cents; the stored value as it was read "9,00 personen", "1450,00 uren".
    indicators = [{"name": ind.name, "value": indicator_value(ind.value, ind.unit), "unit": ind.unit,
                   "source": ind.source}
                  for ind in measurement.indicators.order_by("order")] if consented else []
    return {
        "certificates": list(Certification.objects.filter(enterprise=enterprise).order_by("scheme")),
        # Only the analyses shared with the enterprise: the statement is hers (and public once
        # published); a municipality's unshared draft is not.
        "analyses": list(MkbaAnalysis.objects.filter(enterprise=enterprise, is_shared=True).order_by("title")),
        # No verified realisation in the year (the sum of no rows, None): no SROI value, said in words;
        # "€ 0,00" read as a measured zero. Verified rows that add up to nothing are a real € 0,00.
        "sroi_total": figure(sroi, Unit.MONEY) if sroi is not None else None,
        "measurement": measurement if consented else None,
        "measurement_indicators": indicators,
    }


def render(report, *, public: bool = False, withheld=frozenset(), progress=lambda pct, msg="": None) -> bytes:
    """The report as the steering group approves it: one file per version (its checksum), written
    in the portal's language whoever asks or publishes it (a version published from an English
    page came out English beside its Dutch internal file). With ``withheld`` codes: the draft's
    department copy, those figures replaced by ``withheld_text()``."""
    from impactportal.pdf import render_to_pdf

    with translation.override(settings.LANGUAGE_CODE):
        context = build_context(report, public=public, withheld=withheld, progress=progress)
        progress(75, _("De PDF wordt opgemaakt"))
        return render_to_pdf("monitoring/pdf/report.html", context)


def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
