"""Reads of the ecosystem map: which domains are covered, the gaps (a domain with no active
party), the instruments of the knowledge base that could fill a gap, and the SVG layout
(the impact entrepreneurs in the centre, the six domains around them)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from brokers.constants import InstrumentKind

from .constants import Domain

# Knowledge-base instruments (by kind) that could fill a domain's gap.
GAP_INSTRUMENTS = {
    Domain.NETWORK: (InstrumentKind.NETWORK, InstrumentKind.EVENT),
    Domain.KNOWLEDGE: (InstrumentKind.KNOWLEDGE, InstrumentKind.MEASUREMENT),
    Domain.SUPPORT: (InstrumentKind.NETWORK, InstrumentKind.TOOL),
    Domain.FINANCING: (InstrumentKind.FINANCING,),
    Domain.MARKET: (InstrumentKind.TOOL, InstrumentKind.MEASUREMENT),
    Domain.HUMAN_CAPITAL: (InstrumentKind.COURSE,),
}


@dataclass
class DomainView:
    value: str
    label: str
    entries: list = field(default_factory=list)

    @property
    def active(self):
        return [e for e in self.entries if e.is_active]

    @property
    def is_gap(self) -> bool:
        return not self.active


def domains(entries: Iterable) -> list[DomainView]:
    """The six domains with their entries; gaps first (then the fixed order of the domains)."""
    views = {value: DomainView(value, label) for value, label in Domain.choices}
    for entry in entries:
        views[entry.domain].entries.append(entry)
    ordered = list(views.values())
    return sorted(ordered, key=lambda d: not d.is_gap)  # stable: gaps first, domain order kept


def gap_domains(entries: Iterable) -> list[str]:
    """The domains without an active party (pure: what the tests and the indicator rely on)."""
    active = {e.domain for e in entries if e.is_active}
    return [value for value in Domain.values if value not in active]


def instruments_for_gaps(user, gaps: list[str], per_gap: int = 5) -> dict[str, list]:
    """Active knowledge-base instruments (read-only, public reference data) per gap, one query."""
    from brokers.models import KnowledgeInstrument

    kinds = {kind for gap in gaps for kind in GAP_INSTRUMENTS[gap]}
    rows = list(KnowledgeInstrument.objects.for_user(user).filter(kind__in=kinds, is_active=True)
                .order_by("kind", "name").only("id", "name", "name_en", "kind", "url", "region"))
    return {gap: [r for r in rows if r.kind in GAP_INSTRUMENTS[gap]][:per_gap] for gap in gaps}


# --- SVG layout ---------------------------------------------------------------------------

SIZE = 760
CENTRE = SIZE / 2
RING = 255  # distance of a domain's centre from the middle
DOMAIN_R = 105
MAX_LABELS = 6  # parties shown inside a domain circle; the rest as "+ n more"


LABEL_CHARS = 18  # what fits on one line inside a domain circle at the label's font size (15px bold)
LONG_LABEL_CHARS = 26  # what fits at the smaller size (``domain-label--long`` in ecosystem.css, 11px)
LABEL_LEADING = 17


def label_lines(label: str) -> tuple[list[str], bool]:
    """A domain's name as at most two lines that fit its circle, and whether it needs the smaller
    font. Words are wrapped ("Research and" / "knowledge"); one word too long for a line
    ("Ondernemersondersteuning") is set smaller instead. The earlier ``textLength`` squeeze stretched
    short names and did not keep the long one inside the circle in every browser."""
    words, lines = str(label).split(), []
    for word in words:
        if lines and len(lines[-1]) + 1 + len(word) <= LABEL_CHARS:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > 2:  # no domain name needs three lines; keep the circle readable if one ever does
        lines = [lines[0], " ".join(lines[1:])]
    long = any(len(line) > LABEL_CHARS for line in lines)
    return [_short(line, LONG_LABEL_CHARS) for line in lines], long


def svg_layout(domain_views: list[DomainView]) -> list[dict]:
    """Positions for the server-rendered SVG: each domain in a fixed place around the centre
    (network at the top, clockwise), its parties listed inside."""
    order = {value: i for i, value in enumerate(Domain.values)}
    placed = []
    for d in sorted(domain_views, key=lambda d: order[d.value]):
        angle = -math.pi / 2 + order[d.value] * 2 * math.pi / len(order)
        x, y = CENTRE + RING * math.cos(angle), CENTRE + RING * math.sin(angle)
        names = list(d.entries)[:MAX_LABELS]
        lines = [{"text": _short(e.party.name), "active": e.is_active, "y": round(y - 28 + 16 * i, 1)}
                 for i, e in enumerate(names)]
        # The name's last line sits where a one-line name always did, above the parties; a second
        # line goes above it, where the circle is still wide enough.
        texts, long = label_lines(d.label)
        label = [{"text": text, "y": round(y - 48 - LABEL_LEADING * (len(texts) - 1 - i), 1)}
                 for i, text in enumerate(texts)]
        placed.append({"value": d.value, "label": d.label, "label_lines": label, "label_long": long,
                       "x": round(x, 1), "y": round(y, 1), "gap": d.is_gap, "lines": lines,
                       "more": max(len(d.entries) - MAX_LABELS, 0), "more_y": round(y - 28 + 16 * len(lines), 1),
                       "line_x1": round(CENTRE + 95 * math.cos(angle), 1),
                       "line_y1": round(CENTRE + 95 * math.sin(angle), 1),
                       "line_x2": round(CENTRE + (RING - DOMAIN_R) * math.cos(angle), 1),
                       "line_y2": round(CENTRE + (RING - DOMAIN_R) * math.sin(angle), 1)})
    return placed


def _short(name: str, limit: int = 24) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"
