"""Financing objects of the permission-matrix world (imported at the end of conftest). Each part
of the financing app adds its builder in its own section below."""

from .conftest import builder  # noqa: F401


# --- MKBA analyses ---
@builder("financing_mkba")
def _mkba(world):
    from tests.financing.mkba_factories import analysis

    world["analysis_haarlem"] = analysis(world["haarlem"], enterprise=world["enterprise_haarlem"], is_shared=True,
                                         title="Leerwerkbedrijf Haarlem", by=world.actors["broker_haarlem"])
    world["analysis_amersfoort"] = analysis(world["amersfoort"], enterprise=world["enterprise_amersfoort"],
                                            is_shared=True, title="Schoonmaak Amersfoort",
                                            by=world.actors["broker_amersfoort"])


# --- outcome contracts, claims, payments, social impact bonds, open data ---
@builder("financing_outcomes")
def _financing_outcomes(world):
    """Per municipality: an outcome contract with its provider's enterprise, one metric, a
    submitted claim (with evidence), a paid claim (its payment), a bond and a feasibility check; and
    a second contract without a bond."""
    import datetime as dt

    from django.core.files.base import ContentFile

    from financing.models import ClaimStatus, FeasibilityCheck, OutcomePayment
    from tests.financing import outcome_factories as of

    for key, town in (("haarlem", "Haarlem"), ("amersfoort", "Amersfoort")):
        contract = of.contract(world[key], world[f"enterprise_{key}"], title=f"Werkfit {town}")
        metric = of.metric(contract, name=f"Uitstroom naar werk {town}")
        claim = of.claim(metric, count=3)
        claim.evidence.save(f"claim-{key}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
        paid = of.claim(metric, count=2, start=dt.date(2024, 10, 1), end=dt.date(2024, 12, 31),
                        status=ClaimStatus.PAID, accepted=2)
        payment = OutcomePayment.objects.create(
            claim=paid, contract=contract, metric=metric, count=2, price=metric.price, calculated=2 * metric.price,
            amount=2 * metric.price, explanation="2 × prijs", paid_at=dt.datetime(2025, 1, 15, tzinfo=dt.UTC))
        world[f"outcomecontract_{key}"] = contract
        world[f"outcomemetric_{key}"] = metric
        world[f"claim_{key}"] = claim
        world[f"paidclaim_{key}"] = paid
        world[f"outcomepayment_{key}"] = payment
        world[f"bond_{key}"] = of.bond(contract, investors=((f"Impactfonds {town}", "fund", "300000.00", "PUBLIC"),))
        # A contract without a bond yet: the new-bond page of a contract that has one leads to it.
        world[f"unbondedcontract_{key}"] = of.contract(world[key], world[f"enterprise_{key}"],
                                                       title=f"Werkfit zonder bond {town}")
        world[f"feasibility_{key}"] = FeasibilityCheck.objects.create(
            organisation=world[key], title=f"SIB-toets {town}", conclusion="explore", reasons=[],
            **dict.fromkeys(("societal_case", "causal_link", "few_beneficiaries", "benefits_exceed_costs",
                             "sufficient_scale", "committed_parties"), "yes"))


# --- instruments, financing mix, impact funds ---
@builder("financing_instruments")
def _financing_instruments(world):
    """A public catalogue instrument (``financing_instrument``: the key ``instrument`` is the helpdesk's
    knowledge instrument), a financing need with one mix component per enterprise, and an impact
    fund per municipality (Haarlem's in region ZKIJ, Amersfoort's in Regio Amersfoort) with one
    investment, repayment and impact report."""
    import datetime as dt
    from decimal import Decimal

    from financing.models import (
        FinancingNeed,
        ImpactFund,
        ImpactReport,
        Instrument,
        Investment,
        MixComponent,
        Repayment,
    )

    world["financing_instrument"] = Instrument.objects.create(
        slug="qredits-test", kind="loan", name="Qredits microfinanciering", provider="Qredits",
        amount_min=Decimal("1000"), amount_max=Decimal("50000"))
    regions = {"haarlem": world["region"], "amersfoort": world["region_amersfoort"]}
    for key in ("haarlem", "amersfoort"):
        need = FinancingNeed.objects.create(enterprise=world[f"enterprise_{key}"], purpose=f"Werkplaats {key}",
                                            amount=Decimal("50000"), horizon_months=12,
                                            description=f"Behoefte van de onderneming in {key}")
        world[f"need_{key}"] = need
        world[f"component_{key}"] = MixComponent.objects.create(
            need=need, instrument=world["financing_instrument"], amount=Decimal("20000"), status="applied")
        fund = ImpactFund.objects.create(name=f"Impactfonds {key.capitalize()}", organisation=world[key],
                                         region=regions[key])
        world[f"fund_{key}"] = fund
        investment = Investment.objects.create(fund=fund, enterprise=world[f"enterprise_{key}"],
                                               amount=Decimal("40000"), date=dt.date(2025, 1, 1), kind="loan")
        world[f"investment_{key}"] = investment
        world[f"repayment_{key}"] = Repayment.objects.create(investment=investment, date=dt.date(2025, 7, 1),
                                                             amount=Decimal("5000"))
        world[f"impactreport_{key}"] = ImpactReport.objects.create(
            investment=investment, indicator="Banen", value=Decimal("2"), period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 6, 30))
