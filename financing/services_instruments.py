"""Writes of the financing mix and of impact funds that hang under a parent row: each locks the
parent, checks the user's grant on it (404 outside scope, 403 without the grant) and saves the
child, audited by django-auditlog. Figures come from the pure module ``financing.portfolio``."""

from django.db import transaction

from impactportal import access

from . import portfolio
from .models import FinancingNeed, ImpactFund, ImpactReport, Investment, MixComponent, Repayment


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


@transaction.atomic
def repayment_add(*, investment: Investment, repayment: Repayment, by) -> Repayment:
    return _add_under(investment, repayment, "investment", by)


@transaction.atomic
def impact_report_add(*, investment: Investment, report: ImpactReport, by) -> ImpactReport:
    return _add_under(investment, report, "investment", by)


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
