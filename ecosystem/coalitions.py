"""Warnings of an impact coalition (pure): unfilled functions and more focus areas than the
Rotterdam advice. Warnings, never refusals: Haarlem keeps no hierarchy of themes and IMPACT024
runs six theme groups."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .constants import FOCUS_AREA_ADVICE, CoalitionFunction


def unfilled_functions(roles: Iterable) -> list[str]:
    """Functions without a party filling them (a function with no row at all is unfilled too)."""
    filled = {r.function for r in roles if r.party_id}
    return [value for value in CoalitionFunction.values if value not in filled]


def warnings(*, roles: Iterable, focus_areas: list[str]) -> list[dict]:
    result = [{"code": "unfilled_function", "function": value,
               "message": _("Niemand vervult de functie '%(function)s'.") % {
                   "function": CoalitionFunction(value).label}}
              for value in unfilled_functions(roles)]
    if len(focus_areas) > FOCUS_AREA_ADVICE:
        result.append({"code": "focus_areas", "function": "",
                       "message": _("%(n)s focusgebieden: het Rotterdamse advies is hooguit %(max)s. Dat mag, maar "
                                    "kies bewust.") % {"n": len(focus_areas), "max": FOCUS_AREA_ADVICE}})
    return result
