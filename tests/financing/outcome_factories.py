"""Builders of outcome contracts, metrics, claims and bonds for tests (plain functions: the
services decide status changes, so tests go through them where it matters)."""

import datetime as dt
from decimal import Decimal

from financing.models import (
    BondCashFlow,
    BondInvestor,
    ClaimStatus,
    OutcomeClaim,
    OutcomeContract,
    OutcomeMetric,
    SocialImpactBond,
)


def contract(organisation, provider, *, title="Duurzaam aan het werk", maximum="100000.00", **kwargs):
    values = {"target_group": "Jongeren 18–27 jaar met een bijstandsuitkering", "start_date": dt.date(2025, 1, 1),
              "end_date": dt.date(2027, 12, 31)}
    values.update(kwargs)
    return OutcomeContract.objects.create(organisation=organisation, provider=provider, title=title,
                                          maximum=Decimal(maximum), **values)


def metric(contract, *, name="Uitstroom naar werk (6 maanden)", price="5000.00", target=20, cap=None, **kwargs):
    values = {"definition": "Zes maanden aaneengesloten betaald werk van ten minste 20 uur per week.",
              "unit": "persoon", "validation_method": "Controle in de uitkeringsadministratie.",
              "data_source": "Uitkeringsadministratie gemeente"}
    values.update(kwargs)
    return OutcomeMetric.objects.create(contract=contract, name=name, price=Decimal(price), target=target,
                                        cap=None if cap is None else Decimal(cap), **values)


def claim(metric, *, count=4, start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31), status=ClaimStatus.SUBMITTED,
          accepted=None, **kwargs):
    return OutcomeClaim.objects.create(contract=metric.contract, metric=metric, period_start=start, period_end=end,
                                       claimed_count=count, status=status, accepted_count=accepted, **kwargs)


def bond(contract, *, investors=(("Rabobank Zuid-Kennemerland", "bank", "400000.00", "PRIVATE"),
                                  ("Oranje Fonds", "foundation", "250000.00", "PUBLIC"))):
    sib = SocialImpactBond.objects.create(contract=contract, name=f"SIB {contract.title}")
    for name, kind, capital, status in investors:
        investor = BondInvestor.objects.create(bond=sib, name=name, kind=kind, committed_capital=Decimal(capital),
                                               repayment_terms="Aflossing uit uitkomstbetalingen, na 3 jaar",
                                               return_if_met=Decimal("4.50"), terms_status=status)
        BondCashFlow.objects.create(bond=sib, period=dt.date(2025, 1, 1), kind="investment", investor=investor,
                                    amount=Decimal(capital))
    return sib
