"""Monitoring indicators of financing with impact: money mobilised by impact funds and outcome
payments made under outcome contracts (both recorded amounts: measured, and gross)."""

from __future__ import annotations

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.indicator_helpers import grouped
from impactportal.indicators import Basis, Indicator, Period, Unit

SOURCE = "financing"


def mobilised(period: Period):
    from .models import Investment

    investments = Investment.objects.filter(date__gte=timezone.localdate(period.start), date__lt=timezone.localdate(period.end))
    return grouped(investments, "fund__organisation", Sum("amount"))


def outcome_payments(period: Period):
    from .models import OutcomePayment

    payments = OutcomePayment.objects.filter(paid_at__gte=period.start, paid_at__lt=period.end)
    return grouped(payments, "contract__organisation", Sum("amount"))


INDICATORS = [
    Indicator(code="financing.mobilised", name=_("Gemobiliseerde financiering"), unit=Unit.MONEY,
              definition=_("Investeringen van de impactfondsen van de organisatie in ondernemingen, gedaan in de "
                           "periode."),
              source=SOURCE, basis=Basis.MEASURED, compute=mobilised, sdgs=(8, 17)),
    Indicator(code="financing.outcome_payments", name=_("Uitkomstbetalingen"), unit=Unit.MONEY,
              definition=_("Bedragen die de organisatie in de periode betaalde voor behaalde uitkomsten onder "
                           "uitkomstcontracten; betaald voor uitkomsten, geen gemeten netto-impact."),
              source=SOURCE, basis=Basis.MEASURED, compute=outcome_payments, sdgs=(17,)),
]
