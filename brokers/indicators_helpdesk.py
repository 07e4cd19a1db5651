"""Monitoring indicators of the helpdesk: cases, first-response and resolution times, satisfaction.
Times and satisfaction are averages: a region's or programme's value is the average over its
members' cases (grouped in the same single query), not a sum."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from impactportal.indicator_helpers import at_every_level, average_duration, grouped
from impactportal.indicators import Basis, Indicator, Period, Unit

SOURCE = "brokers"
HOUR, DAY = 3600, 86400


def _cases():
    from .models import Case

    return Case.objects.all()


def cases_opened(period: Period):
    """Cases submitted in the period; 0, not "no value", for every organisation whose helpdesk was
    in use by then (a case submitted before the period's end): a month without questions is a
    measured 0, and the dashboard drew "Eén maandmeting" beside months that had none. An
    organisation that never received a case (no helpdesk in the portal) has no value. One query."""
    return grouped(_cases().filter(submitted_at__lt=period.end), "organisation",
                   Count("id", filter=Q(submitted_at__gte=period.start)))


def first_response_hours(period: Period, level):
    cases = _cases().filter(first_response_at__gte=period.start, first_response_at__lt=period.end)
    return average_duration(cases, "organisation", "first_response_at", "submitted_at", HOUR, level)


def resolution_days(period: Period, level):
    cases = _cases().filter(resolved_at__gte=period.start, resolved_at__lt=period.end)
    return average_duration(cases, "organisation", "resolved_at", "submitted_at", DAY, level)


def satisfaction(period: Period, level):
    cases = _cases().filter(rating__isnull=False, resolved_at__gte=period.start, resolved_at__lt=period.end)
    values = grouped(cases, "organisation", Avg("rating"), level)
    return {k: v.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) for k, v in values.items()}


INDICATORS = [
    Indicator(code="helpdesk.cases", name=_("Helpdeskvragen"), unit=Unit.COUNT,
              definition=_("Vragen van ondernemers die in de periode bij het loket zijn ingediend."),
              source=SOURCE, basis=Basis.MEASURED, compute=cases_opened),
    Indicator(code="helpdesk.first_response_hours", name=_("Gemiddelde tijd tot eerste reactie"), unit=Unit.HOURS,
              definition=_("Gemiddelde tijd tussen indienen en eerste reactie, over de vragen met een eerste reactie "
                           "in de periode."),
              source=SOURCE, basis=Basis.MEASURED, **at_every_level(first_response_hours)),
    Indicator(code="helpdesk.resolution_days", name=_("Gemiddelde doorlooptijd tot oplossing"), unit=Unit.DAYS,
              definition=_("Gemiddelde tijd tussen indienen en oplossen, over de vragen die in de periode zijn "
                           "opgelost."),
              source=SOURCE, basis=Basis.MEASURED, **at_every_level(resolution_days)),
    Indicator(code="helpdesk.satisfaction", name=_("Tevredenheid over de helpdesk"), unit=Unit.SCORE,
              definition=_("Gemiddelde waardering (1–5) die ondernemers gaven aan vragen die in de periode zijn "
                           "opgelost."),
              source=SOURCE, basis=Basis.SELF_DECLARED, **at_every_level(satisfaction)),
]
