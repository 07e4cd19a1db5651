"""Writes of the financing mix and of impact funds that hang under a parent row: each locks the
parent, checks the user's grant on it (404 outside scope, 403 without the grant) and saves the
child, audited by django-auditlog. Figures come from the pure module ``financing.portfolio``."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.money import euro
from impactportal.text import short_date

from . import portfolio
from .models import (
    FinancingNeed,
    ImpactFund,
    ImpactReport,
    IndicatorKind,
    Investment,
    MixComponent,
    Repayment,
)


def _add_under(parent, child, field: str, by):
    """Hang ``child`` under ``parent`` (locked, and ``by`` may change it) and save it validated."""
    setattr(child, field, access.require_locked(by, access.CHANGE, parent))
    child.full_clean()
    child.save()
    return child


@transaction.atomic
def component_add(*, need: FinancingNeed, component: MixComponent, by) -> MixComponent:
    return _add_under(need, component, "need", by)


@transaction.atomic
def investment_add(*, fund: ImpactFund, investment: Investment, by) -> Investment:
    return _add_under(fund, investment, "fund", by)


def repayment_errors(investment: Investment, date, amount, exclude=None) -> dict:
    """What is wrong with a repayment of ``amount`` principal on ``date`` (field → message): a
    date before the investment or in the future, or more principal than is still outstanding
    (the amount minus every repayment recorded, also later ones). Interest is free. The service
    asks it on the locked investment; the form asks it first, to show it with the other errors."""
    errors = {}
    if date is not None and investment.date and date < investment.date:
        errors["date"] = _("De datum ligt voor de investering (%(date)s).") % {
            "date": short_date(investment.date)}
    elif date is not None and date > timezone.localdate():
        errors["date"] = _("De datum ligt in de toekomst; leg een aflossing vast als het geld binnen is.")
    if amount:
        others = Repayment.objects.filter(investment=investment)
        if exclude is not None:
            others = others.exclude(pk=exclude.pk)
        repaid = others.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        outstanding = max(investment.amount - repaid, Decimal("0"))
        if amount > outstanding:
            errors["amount"] = _(
                "De aflossing is hoger dan wat er nog uitstaat: %(outstanding)s. Vul alleen de aflossing "
                "van de hoofdsom in; rente of rendement hoort in het veld daaronder.") % {"outstanding": euro(outstanding)}
    return errors


@transaction.atomic
def repayment_add(*, investment: Investment, repayment: Repayment, by) -> Repayment:
    locked = access.require_locked(by, access.CHANGE, investment)  # two repayments at once: one waits
    errors = repayment_errors(locked, repayment.date, repayment.amount)
    if errors:
        raise ValidationError(errors)
    return _add_under(locked, repayment, "investment", by)


def fund_room(fund: ImpactFund, exclude=None) -> Decimal | None:
    """The fund's capital not yet invested (None: the fund names no capital); negative when the
    investments already exceed it. ``exclude``: an investment being changed."""
    if fund.capital is None:
        return None
    investments = Investment.objects.filter(fund=fund)
    if exclude is not None and exclude.pk:
        investments = investments.exclude(pk=exclude.pk)
    return fund.capital - (investments.aggregate(total=Sum("amount"))["total"] or Decimal("0"))


@transaction.atomic
def impact_report_add(*, investment: Investment, report: ImpactReport, by) -> ImpactReport:
    """The fund's totals add up every report of a flow indicator: a second report of the same
    indicator over (part of) a period already reported would be counted twice, so it is refused.
    An indicator keeps the kind (flow or stock) it was first reported with in the fund: the
    totals of one indicator would otherwise be split in two lines, one summed and one not."""
    locked = access.require_locked(by, access.CHANGE, investment)  # two reports at once: one waits
    # One spelling of the indicator and unit (``ImpactReport.clean``), compared without capitals.
    report.indicator = " ".join((report.indicator or "").split())
    report.unit = " ".join((report.unit or "").split())
    other_kind = (ImpactReport.objects.filter(investment__fund_id=locked.fund_id,
                                              indicator__iexact=report.indicator,
                                              unit__iexact=report.unit)
                  .exclude(indicator_kind=report.indicator_kind).first())
    if other_kind is not None:
        raise ValidationError({"indicator_kind": _(
            "Deze indicator is in dit fonds eerder gerapporteerd als %(kind)s; kies dezelfde soort, anders "
            "tellen de totalen hem op twee manieren.") % {
                "kind": _("stand") if other_kind.indicator_kind == IndicatorKind.STOCK else _("stroom")}})
    if report.period_start and report.period_end:
        earlier = ImpactReport.objects.filter(
            investment=locked, indicator__iexact=report.indicator,
            unit__iexact=report.unit, period_start__lte=report.period_end,
            period_end__gte=report.period_start).order_by("period_start").first()
        if earlier is not None:
            raise ValidationError({"period_start": _(
                "Over %(start)s – %(end)s is deze indicator al gerapporteerd; de totalen van het fonds zouden "
                "hem dubbel tellen. Kies een periode die daarna begint.") % {
                    "start": short_date(earlier.period_start), "end": short_date(earlier.period_end)}})
    return _add_under(locked, report, "investment", by)


# --- figures ---------------------------------------------------------------------------------


def need_coverage(need: FinancingNeed, components=None) -> portfolio.Coverage:
    components = need.components.all() if components is None else components
    return portfolio.coverage(need.amount, [(c.amount, c.status) for c in components])


def fund_portfolio(fund: ImpactFund, investments=None) -> portfolio.Portfolio:
    """Figures of one fund; ``investments`` with ``repayments`` and ``impact_reports`` prefetched
    (``funds_with_figures``) keeps a list of funds at a constant number of queries."""
    investments = list(fund.investments.all() if investments is None else investments)
    lines = [portfolio.InvestmentLine(key=i.pk, amount=i.amount,
                                      repayments=tuple(r.amount for r in i.repayments.all()),
                                      interest=tuple(r.interest for r in i.repayments.all()))
             for i in investments]
    impact = [portfolio.ImpactLine(indicator=r.indicator, unit=r.unit, value=r.value, source_status=r.source_status,
                                   kind=r.indicator_kind, period_end=r.period_end, investment=i.pk)
              for i in investments for r in i.impact_reports.all()]
    return portfolio.portfolio(lines, impact)
