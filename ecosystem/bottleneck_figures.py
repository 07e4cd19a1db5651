"""Monitoring figures of the bottleneck register: how many per status, per theme and per
theme × solving level. ``tally`` and ``theme_level_table`` are pure (tested without a database);
the ``counts_*`` functions read a queryset in one grouped query and hand the rows to them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count

from .constants import BottleneckStatus, BottleneckTheme, SolvingLevel


@dataclass(frozen=True)
class Counts:
    """Counts per status and per theme, every choice present (zero where nothing is), in the
    choices' order; ``matrix[theme][status]`` crosses them."""

    total: int
    by_status: dict[str, int]
    by_theme: dict[str, int]
    matrix: dict[str, dict[str, int]]

    def status_rows(self) -> list[tuple[str, str, int]]:
        return [(value, BottleneckStatus(value).label, n) for value, n in self.by_status.items()]

    def theme_rows(self) -> list[tuple[str, str, int]]:
        return [(value, BottleneckTheme(value).label, n) for value, n in self.by_theme.items()]


def tally(rows: Iterable[tuple[str, str, int]]) -> Counts:
    """``rows`` of (status, theme, count) → :class:`Counts`. Unknown values are ignored."""
    statuses, themes = BottleneckStatus.values, BottleneckTheme.values
    matrix = {theme: dict.fromkeys(statuses, 0) for theme in themes}
    for status, theme, count in rows:
        if status in statuses and theme in themes:
            matrix[theme][status] += count
    by_status = {status: sum(matrix[theme][status] for theme in themes) for status in statuses}
    by_theme = {theme: sum(matrix[theme].values()) for theme in themes}
    return Counts(total=sum(by_theme.values()), by_status=by_status, by_theme=by_theme, matrix=matrix)


def counts_by_status_and_theme(queryset) -> Counts:
    """Counts per status and theme of the (already scoped) ``queryset``: one query."""
    rows = queryset.order_by().values_list("status", "theme").annotate(n=Count("pk"))
    return tally(rows)


def theme_level_table(rows: Iterable[tuple[str, str, int]]) -> list[dict]:
    """``rows`` of (theme, level, count) → one row per theme with a count per solving level and
    a total, in the choices' order; themes without any are left out."""
    levels = SolvingLevel.values
    cells = {theme: dict.fromkeys(levels, 0) for theme in BottleneckTheme.values}
    for theme, level, count in rows:
        if theme in cells and level in levels:
            cells[theme][level] += count
    return [{"theme": theme, "label": BottleneckTheme(theme).label,
             "levels": [cells[theme][level] for level in levels], "total": sum(cells[theme].values())}
            for theme in BottleneckTheme.values if sum(cells[theme].values())]


def counts_by_theme_and_level(queryset) -> list[dict]:
    rows = queryset.order_by().values_list("theme", "level").annotate(n=Count("pk"))
    return theme_level_table(rows)
