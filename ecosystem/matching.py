"""Matching a space request to properties: a pure function, no database, no I/O.

``score(need, offer)`` gives a score in [0, 1] and one reason per component:

=============  ======  ===================================================================
component      weight  full marks when
=============  ======  ===================================================================
size           0.30    the floor area lies within the requested range (inclusive)
budget         0.30    the price (the social tariff, else the market rent) is within budget
location       0.15    the area is the requested one (or no area was asked for)
type           0.15    the type is the requested one (or any type is fine); related 0.5
availability   0.10    available on the requested start date
=============  ======  ===================================================================

Partial marks: a property 50% smaller than the minimum, or twice the maximum, scores 0 on size;
the budget score falls in steps (≤10% over: 0.75, ≤25%: 0.5, ≤50%: 0.25, more: 0) and its
reason names the step only, never the rent (rents belong to the owner organisation); a property
that becomes available later loses marks linearly over 180 days.

An offer whose rents the viewer may not see (``Offer.rent_visible`` false: an entrepreneur, or
staff of another owner) scores the budget yes or no only (1 or 0, "fits your budget" or not):
a step ("up to 25 % over budget (social tariff)") or a partial mark in the total narrowed down a
rent the properties API hides from them, and told them a social tariff applies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

WEIGHTS = {"size": Decimal("0.30"), "budget": Decimal("0.30"), "location": Decimal("0.15"),
           "type": Decimal("0.15"), "availability": Decimal("0.10")}
LATE_DAYS = 180  # a property available this many days after the requested start scores 0
# Types that can stand in for one another (half marks).
RELATED_TYPES = frozenset({frozenset({"office", "studio"}), frozenset({"workshop", "hall"}),
                           frozenset({"retail", "community"}), frozenset({"studio", "workshop"})})
BUDGET_STEPS = ((Decimal("0.10"), Decimal("0.75")), (Decimal("0.25"), Decimal("0.5")),
                (Decimal("0.50"), Decimal("0.25")))


@dataclass(frozen=True)
class Need:
    min_area: Decimal
    max_area: Decimal
    budget: Decimal
    start_date: dt.date
    property_type: str = ""  # empty: any type
    area: str = ""  # empty: anywhere


@dataclass(frozen=True)
class Offer:
    floor_area: Decimal
    market_rent: Decimal
    property_type: str
    area: str
    available_from: dt.date
    available_until: dt.date | None = None
    social_tariff: Decimal | None = None
    rent_visible: bool = True  # may the viewer see the rents? Else the budget is fits / does not fit


@dataclass(frozen=True)
class Component:
    name: str
    score: Decimal  # 0..1
    weight: Decimal
    reason: str


@dataclass(frozen=True)
class Match:
    score: Decimal  # 0..1, three decimals
    components: tuple[Component, ...]

    @property
    def reasons(self) -> dict[str, str]:
        return {c.name: c.reason for c in self.components}


def _clamp(value: Decimal) -> Decimal:
    return min(max(value, Decimal(0)), Decimal(1))


def size_fit(need: Need, offer: Offer) -> tuple[Decimal, str]:
    area, low, high = Decimal(offer.floor_area), Decimal(need.min_area), Decimal(need.max_area)
    if low <= area <= high:
        return Decimal(1), _("Past: %(area)s m² binnen %(low)s–%(high)s m².") % {
            "area": _num(area), "low": _num(low), "high": _num(high)}
    if area < low:
        short = (low - area) / low
        return _clamp(1 - short * 2), _("%(pct)s procent kleiner dan het gevraagde minimum.") % {"pct": _pct(short)}
    over = (area - high) / high
    return _clamp(1 - over), _("%(pct)s procent groter dan het gevraagde maximum.") % {"pct": _pct(over)}


def budget_fit(need: Need, offer: Offer) -> tuple[Decimal, str]:
    social = offer.social_tariff is not None
    price = Decimal(offer.social_tariff if social else offer.market_rent)
    budget = Decimal(need.budget)
    if not offer.rent_visible:  # yes or no only: no step, no basis (see the module's text)
        if price <= budget:
            return Decimal(1), _("Past binnen uw budget.")
        return Decimal(0), _("Past niet binnen uw budget.")
    basis = _("maatschappelijk tarief") if social else _("markthuur")
    if price <= budget:
        return Decimal(1), _("Binnen het budget (%(basis)s).") % {"basis": basis}
    over = (price - budget) / budget if budget > 0 else None
    for limit, marks in BUDGET_STEPS:
        if over is not None and over <= limit:
            return marks, _("Tot %(pct)s procent boven het budget (%(basis)s).") % {"pct": _pct(limit), "basis": basis}
    return Decimal(0), _("Meer dan 50 procent boven het budget (%(basis)s).") % {"basis": basis}


def location_fit(need: Need, offer: Offer) -> tuple[Decimal, str]:
    wanted = (need.area or "").strip().casefold()
    if not wanted:
        return Decimal(1), _("Geen voorkeur voor een wijk of plaats.")
    if wanted == (offer.area or "").strip().casefold():
        return Decimal(1), _("In de gevraagde wijk of plaats (%(area)s).") % {"area": offer.area}
    return Decimal(0), _("In %(area)s, niet in de gevraagde wijk of plaats.") % {"area": offer.area}


def type_fit(need: Need, offer: Offer) -> tuple[Decimal, str]:
    if not need.property_type:
        return Decimal(1), _("Elke soort ruimte is goed.")
    if need.property_type == offer.property_type:
        return Decimal(1), _("De gevraagde soort ruimte.")
    if frozenset({need.property_type, offer.property_type}) in RELATED_TYPES:
        return Decimal("0.5"), _("Een verwante soort ruimte.")
    return Decimal(0), _("Een andere soort ruimte.")


def availability_fit(need: Need, offer: Offer) -> tuple[Decimal, str]:
    start = need.start_date
    if offer.available_until is not None and offer.available_until < start:
        return Decimal(0), _("Niet meer beschikbaar op de gewenste startdatum.")
    if offer.available_from <= start:
        return Decimal(1), _("Beschikbaar op de gewenste startdatum.")
    late = (offer.available_from - start).days
    return _clamp(1 - Decimal(late) / LATE_DAYS), _("Beschikbaar %(days)s dagen na de gewenste startdatum.") % {
        "days": floatformat(late, "0g")}


COMPONENTS = (("size", size_fit), ("budget", budget_fit), ("location", location_fit), ("type", type_fit),
              ("availability", availability_fit))


def score(need: Need, offer: Offer) -> Match:
    components = []
    for name, fit in COMPONENTS:
        marks, reason = fit(need, offer)
        components.append(Component(name, _clamp(marks), WEIGHTS[name], reason))
    total = sum((c.score * c.weight for c in components), Decimal(0))
    return Match(_clamp(total).quantize(Decimal("0.001")), tuple(components))


def rank(need: Need, offers: Iterable[tuple[object, Offer]], *, minimum: Decimal = Decimal(0)) -> list[tuple[object, Match]]:
    """``[(key, match)]`` highest score first; ties keep the order of ``offers``."""
    scored = [(key, score(need, offer)) for key, offer in offers]
    scored = [(key, match) for key, match in scored if match.score >= minimum]
    return sorted(scored, key=lambda pair: -pair[1].score)


def _num(value: Decimal) -> str:
    """An area as the pages write it, in the active language: "1.234,5" / "1,234.5", "45" (no
    trailing ",0"); "1234.5" read as a typo beside the "1.234,5 m²" of the property's own row."""
    return floatformat(value, "-1g")


def _pct(value: Decimal) -> str:
    """A whole percentage, grouped as the active language groups: "13.617" / "13,617"."""
    return floatformat((value * 100).quantize(Decimal("1")), "0g")
