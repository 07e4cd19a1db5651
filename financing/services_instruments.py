"""Writes of the financing mix and of impact funds that hang under a parent row: each locks the
parent, checks the user's grant on it (404 outside scope, 403 without the grant) and saves the
child, audited by django-auditlog. Figures come from the pure module ``financing.portfolio``."""

from django.db import transaction

from impactportal import access

from . import portfolio
from .models import FinancingNeed, ImpactFund, ImpactReport, Investment, MixComponent, Repayment


def _locked(model, obj, user, action=access.CHANGE):
    locked = model.objects.select_for_update().get(pk=obj.pk)
    access.require(user, action, locked)
    return locked


@transaction.atomic
def component_add(*, need: FinancingNeed, component: MixComponent, by) -> MixComponent:
    component.need = _locked(FinancingNeed, need, by)
    component.full_clean()
    component.save()
    return component


@transaction.atomic
def investment_add(*, fund: ImpactFund, investment: Investment, by) -> Investment:
    investment.fund = _locked(ImpactFund, fund, by)
    investment.full_clean()
    investment.save()
    return investment


@transaction.atomic
def repayment_add(*, investment: Investment, repayment: Repayment, by) -> Repayment:
    repayment.investment = _locked(Investment, investment, by)
    repayment.full_clean()
    repayment.save()
    return repayment


@transaction.atomic
def impact_report_add(*, investment: Investment, report: ImpactReport, by) -> ImpactReport:
    report.investment = _locked(Investment, investment, by)
    report.full_clean()
    report.save()
    return report


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
    impact = [portfolio.ImpactLine(indicator=r.indicator, unit=r.unit, value=r.value, source_status=r.source_status)
              for i in investments for r in i.impact_reports.all()]
    return portfolio.portfolio(lines, impact)
