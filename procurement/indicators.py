"""Monitoring indicators of social return and the organisation's own spending, on the same
definitions as the figures page (``procurement.figures``): obligations of the contracts running
in the year to date against the verified (measured) and reported (self-declared) realisation
lines dated in it, and the year to date's spending at admitted impact enterprises and its share
(the MVI share). The
realised value is a gross SROI value, never a net impact."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.indicator_helpers import at_every_level, grouped, share
from impactportal.indicators import Basis, Indicator, Level, Period, Unit

from .constants import RealisationStatus
from .figures import AT_IMPACT_ENTERPRISE

SOURCE = "procurement"
# The spending indicators are computed from the supplier payments, which are procurement's (inkoop):
# a colleague of another department reads them as they read the payments (``Indicator.department_rows``).
PAYMENTS = "procurement.SupplierPayment"


def _dates(period: Period):
    return timezone.localdate(period.start), timezone.localdate(period.end)


def _year_to_date(period: Period):
    """The SROI figures run from 1 January of the year the period ends in (a month's snapshot of
    November holds January to November), as the figures page and the annual report count them: a
    single month's realisation against contracts that run for years says nothing, and the share
    must be derived from the same two amounts the dashboard shows. A longer period (the baseline's
    year) keeps its own start."""
    first, end = _dates(period)
    last = end - dt.timedelta(days=1)
    return min(first, dt.date(last.year, 1, 1)), end


def obligation(period: Period, level=Level.ORGANISATION):
    from .models import Contract

    first, end = _year_to_date(period)
    running = Contract.objects.filter(award_date__lt=end, end_date__gte=first)
    return grouped(running, "organisation", Sum("obligation"), level)


def _realised(status, level=Level.ORGANISATION):
    from .models import Realisation, reported_value

    def compute(period: Period, level=level):
        first, end = _year_to_date(period)
        # The lines of the contracts ``obligation`` counts that owe social return, as the figures
        # page counts the year's part of ``realised_to_date`` (a contract below the threshold
        # owes nothing, and its lines made the year's realisation larger than the realisation to date).
        lines = Realisation.objects.filter(date__gte=first, date__lt=end, status=status,
                                           contract__award_date__lt=end, contract__end_date__gte=first,
                                           contract__obligation__gt=0)
        # ``reported_value`` is the value of a verified line, and a submitted one's claim (a
        # pending "other" line at its claimed amount), as the figures page counts it.
        return grouped(lines, "contract__organisation", Sum(reported_value()), level)

    return compute


_verified = _realised(RealisationStatus.VERIFIED)
_submitted = _realised(RealisationStatus.SUBMITTED)


def reported(period: Period, level=Level.ORGANISATION):
    """Submitted, not yet verified; 0 (not "no value") where there is an obligation and nothing is
    waiting: a measured 0, as the realised amount beside it."""
    return {owner: Decimal(0) for owner in obligation(period, level)} | _submitted(period, level)


def realised(period: Period, level=Level.ORGANISATION):
    """Verified realisation; 0 (not "no value") where there is an obligation but nothing realised
    yet, so the amount stands next to its obligation and its share."""
    return {owner: Decimal(0) for owner in obligation(period, level)} | _verified(period, level)


def realised_to_date(period: Period, level=Level.ORGANISATION):
    """The verified lines up to the end of the period of the contracts ``obligation`` counts, over
    their whole life (earlier years included): the amount the share sets against their obligation,
    which is the whole life's, as the figures page does (``figures.realised_to_date``). The year's
    lines against obligations of several years read 25 % where the contract list showed 53 %."""
    from .models import Realisation

    first, end = _year_to_date(period)
    lines = Realisation.objects.filter(contract__award_date__lt=end, contract__end_date__gte=first,
                                       contract__obligation__gt=0, date__lt=end,
                                       status=RealisationStatus.VERIFIED)
    return grouped(lines, "contract__organisation", Sum("value"), level)


def realised_to_date_shown(period: Period, level=Level.ORGANISATION):
    """``realised_to_date`` as an indicator of its own, 0 where there is an obligation and nothing
    verified yet: the amount the share is computed from stands beside it. The report showed the
    year's "SROI gerealiseerd € 60.300" next to a share computed from € 127.700 realised since the
    contracts began, an amount it never showed."""
    return {owner: Decimal(0) for owner in obligation(period, level)} | realised_to_date(period, level)


def realised_share(period: Period, level):
    return share(realised_to_date(period, level), obligation(period, level))


def _spending(period: Period, level, condition=None):
    """Payments from 1 January, as the SROI figures and the figures page count them: a month's
    payments stood beside the year's SROI figures (10.786,25 against the figures page's 50.556,53)."""
    from .models import SupplierPayment

    first, end = _year_to_date(period)
    payments = SupplierPayment.objects.filter(date__gte=first, date__lt=end)
    return grouped(payments, "organisation", Sum("amount", filter=condition), level)


def spending_impact(period: Period):
    """0 (not "no value") for an organisation with payments in the period and none at an impact
    enterprise: a measured 0 beside its MVI share of 0%."""
    paid = _spending(period, Level.ORGANISATION, Q(pk__isnull=False))
    return {owner: Decimal(0) for owner in paid} | _spending(period, Level.ORGANISATION, AT_IMPACT_ENTERPRISE)


def mvi_share(period: Period, level):
    return share(_spending(period, level, AT_IMPACT_ENTERPRISE), _spending(period, level, Q(pk__isnull=False)))


INDICATORS = [
    Indicator(code="procurement.sroi_obligation", name=_("SROI-verplichting"), unit=Unit.MONEY,
              definition=_("Verplichting van de SROI-contracten die van 1 januari tot het eind van de periode "
                           "liepen (opdrachtwaarde × percentage van de vastgepinde regeling)."),
              source=SOURCE, basis=Basis.MEASURED, compute=obligation, sdgs=(8, 12)),
    Indicator(code="procurement.sroi_realised", name=_("SROI gerealiseerd (geverifieerd, bruto)"), unit=Unit.MONEY,
              definition=_("Waarde van de realisatieregels van 1 januari tot het eind van de periode die een "
                           "makelaar heeft geverifieerd; een bruto SROI-waarde, geen netto-impact."),
              source=SOURCE, basis=Basis.MEASURED, compute=realised, sdgs=(8,)),
    Indicator(code="procurement.sroi_reported", name=_("SROI gemeld, nog niet geverifieerd"), unit=Unit.MONEY,
              definition=_("Waarde van de realisatieregels van 1 januari tot het eind van de periode die de "
                           "leverancier meldde en die nog niet zijn geverifieerd; een regel 'Anders, met "
                           "onderbouwing' telt met het gevraagde bedrag."),
              source=SOURCE, basis=Basis.SELF_DECLARED, compute=reported),
    Indicator(code="procurement.sroi_realised_to_date",
              name=_("SROI gerealiseerd sinds de start van de contracten (geverifieerd, bruto)"), unit=Unit.MONEY,
              definition=_("Waarde van alle geverifieerde realisatieregels tot het eind van de periode, ook uit "
                           "eerdere jaren, van de contracten die van 1 januari tot het eind van de periode liepen: "
                           "het bedrag waaruit het deel van de verplichting is berekend. Een bruto SROI-waarde, geen "
                           "netto-impact."),
              source=SOURCE, basis=Basis.MEASURED, **at_every_level(realised_to_date_shown), sdgs=(8,)),
    Indicator(code="procurement.sroi_realised_share", name=_("SROI gerealiseerd sinds de start van de contracten, als deel van de verplichting"),
              unit=Unit.PERCENTAGE,
              definition=_("Geverifieerde realisatie tot het eind van de periode (ook uit eerdere jaren) van de "
                           "contracten die van 1 januari tot het eind van de periode liepen, als percentage van hun "
                           "verplichting."),
              source=SOURCE, basis=Basis.MEASURED, **at_every_level(realised_share)),
    Indicator(code="procurement.spending_impact", name=_("Eigen inkoop bij impactondernemingen"), unit=Unit.MONEY,
              definition=_("Geïmporteerde betalingen (excl. btw) van 1 januari tot het eind van de periode aan "
                           "toegelaten impactondernemingen uit het register; netto, creditnota's (negatieve "
                           "bedragen) verrekend."),
              source=SOURCE, basis=Basis.MEASURED, compute=spending_impact, sdgs=(12,),
              department_rows=PAYMENTS),
    Indicator(code="procurement.mvi_share", name=_("Aandeel eigen inkoop bij impactondernemingen (MVI)"),
              unit=Unit.PERCENTAGE,
              definition=_("Betalingen aan toegelaten impactondernemingen als percentage van alle betalingen aan "
                           "leveranciers van 1 januari tot het eind van de periode; netto, creditnota's (negatieve "
                           "bedragen) verrekend."),
              source=SOURCE, basis=Basis.MEASURED, **at_every_level(mvi_share), sdgs=(12,),
              department_rows=PAYMENTS),
]
