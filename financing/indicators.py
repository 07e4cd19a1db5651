"""Monitoring indicators of financing with impact: money mobilised by impact funds and outcome
payments made under outcome contracts (both recorded amounts: measured, and gross), from 1 January
to the end of the period, as the SROI and spending figures count."""

from __future__ import annotations

import datetime as dt

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.indicator_helpers import grouped
from impactportal.indicators import Basis, Indicator, Period, Unit

SOURCE = "financing"


def _year_to_date(period: Period) -> tuple[dt.datetime, dt.datetime]:
    """From 1 January of the year the period ends in to its end, as the SROI and spending figures
    count (``procurement.indicators``): a fund invests a few times a year, so a month's
    investments left "Gemobiliseerde financiering" at "–" in eleven months of twelve while the
    fund showed € 375.000 invested (user review 5). A longer period (the baseline's year) keeps
    its own start."""
    last = timezone.localtime(period.end) - dt.timedelta(microseconds=1)
    january = timezone.make_aware(dt.datetime(last.year, 1, 1))
    return min(period.start, january), period.end


def mobilised(period: Period):
    from .models import Investment

    start, end = _year_to_date(period)
    investments = Investment.objects.filter(date__gte=timezone.localdate(start), date__lt=timezone.localdate(end))
    return grouped(investments, "fund__organisation", Sum("amount"))


def outcome_payments(period: Period):
    from .models import OutcomePayment

    start, end = _year_to_date(period)
    payments = OutcomePayment.objects.filter(paid_at__gte=start, paid_at__lt=end)
    return grouped(payments, "contract__organisation", Sum("amount"))


INDICATORS = [
    Indicator(code="financing.mobilised", name=_("Gemobiliseerde financiering"), unit=Unit.MONEY,
              definition=_("Investeringen van de impactfondsen van de organisatie in ondernemingen, gedaan van "
                           "1 januari tot het eind van de periode."),
              source=SOURCE, basis=Basis.MEASURED, compute=mobilised, sdgs=(8, 17)),
    Indicator(code="financing.outcome_payments", name=_("Uitkomstbetalingen"), unit=Unit.MONEY,
              definition=_("Bedragen die de organisatie van 1 januari tot het eind van de periode betaalde voor "
                           "behaalde uitkomsten onder uitkomstcontracten; betaald voor uitkomsten, geen gemeten "
                           "netto-impact."),
              source=SOURCE, basis=Basis.MEASURED, compute=outcome_payments, sdgs=(17,)),
]
