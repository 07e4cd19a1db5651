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
