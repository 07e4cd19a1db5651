"""Each indicator on a known fixture: the register, the helpdesk, social return and spending,
financing. Values are per organisation, with region and programme rollups (sum, or the
indicator's own average/share)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from enterprises.constants import AdmissionStatus, CertificationStatus
from enterprises.models import Certification, ImpactTheme
from impactportal import contributions
from impactportal.indicators import Basis, Level
from monitoring import registry
from tests import factories as f
from tests.procurement import factories as pf

from .conftest import in_the_register_since

D = Decimal
YEAR = registry.year_period(2025)
MONTH = registry.month_period(2025, 3)


def by_code():
    return {ind.code: ind for ind in contributions.indicators()}


def aware(*args):
    return timezone.make_aware(dt.datetime(*args))


def test_every_indicator_says_its_source_and_basis_and_codes_are_unique():
    indicators = contributions.indicators()
    codes = [ind.code for ind in indicators]
    assert len(codes) == len(set(codes))
    assert {"enterprises.admitted", "helpdesk.cases", "procurement.mvi_share", "financing.mobilised"} <= set(codes)
    for ind in indicators:
        assert ind.basis in Basis.values and ind.source and ind.definition
        # A gross figure is never called a (net) impact.
        assert "netto" not in str(ind.name).lower() and "impactwaarde" not in str(ind.name).lower(), ind.code
    gross = by_code()
    for code in ("enterprises.disadvantaged_jobs", "procurement.sroi_realised"):
        assert "bruto" in str(gross[code].definition).lower() and "geen netto" in str(gross[code].definition).lower()


@pytest.mark.django_db
def test_register_indicators(haarlem, amersfoort):
    theme = ImpactTheme.objects.get_or_create(slug="circulaire-economie", defaults={"name": "Circulaire economie"})[0]
    a = f.EnterpriseFactory(municipality=haarlem, enterprise_type="impact_first", headcount=10, disadvantaged_count=4,
                            admission_status=AdmissionStatus.ADMITTED, admission_decided_at=aware(2025, 2, 1))
    a.themes.add(theme)
    f.EnterpriseFactory(municipality=haarlem, enterprise_type="impact_second", headcount=5, disadvantaged_count=2)
    f.EnterpriseFactory(municipality=amersfoort, enterprise_type="impact_first")
    Certification.objects.create(enterprise=a, scheme="pso_30", status=CertificationStatus.VERIFIED,
                                 valid_until=dt.date(2030, 1, 1))
    in_the_register_since()  # in the register in 2025, its certificate too
    Certification.objects.update(created_at=aware(2024, 1, 1))
    ind = by_code()
    assert ind["enterprises.registered"].compute(YEAR) == {haarlem.pk: 2, amersfoort.pk: 1}
    assert ind["enterprises.type_impact_first"].compute(YEAR) == {haarlem.pk: 1, amersfoort.pk: 1}
    assert ind["enterprises.type_impact_second"].compute(YEAR) == {haarlem.pk: 1}
    assert ind["enterprises.theme_circulaire_economie"].compute(YEAR) == {haarlem.pk: 1}
    assert ind["enterprises.admitted"].compute(YEAR) == {haarlem.pk: 1}
    assert ind["enterprises.certified"].compute(YEAR) == {haarlem.pk: 1}
    jobs = ind["enterprises.disadvantaged_jobs"]
    assert jobs.compute(YEAR) == {haarlem.pk: 6}
    assert jobs.basis == Basis.SELF_DECLARED


@pytest.mark.django_db
def test_helpdesk_indicators_average_per_level(haarlem, amersfoort, region, programme):
    from brokers.models import Case

    region.members.add(amersfoort)
    enterprise = f.EnterpriseFactory(municipality=haarlem)

    def case(org, hours_to_respond, days_to_resolve, rating):
        submitted = aware(2025, 3, 3, 9)
        return Case.objects.create(organisation=org, enterprise=enterprise, category="other", subject="Vraag",
                                   submitted_at=submitted,
                                   first_response_at=submitted + dt.timedelta(hours=hours_to_respond),
                                   resolved_at=submitted + dt.timedelta(days=days_to_resolve), rating=rating)

    case(haarlem, 2, 1, 4)
    case(haarlem, 4, 3, 5)
    case(amersfoort, 12, 5, 2)
    Case.objects.create(organisation=haarlem, enterprise=enterprise, category="other", subject="April",
                        submitted_at=aware(2025, 4, 2))
    ind = by_code()
    assert ind["helpdesk.cases"].compute(MONTH) == {haarlem.pk: 2, amersfoort.pk: 1}
    response = ind["helpdesk.first_response_hours"]
    assert response.compute(MONTH) == {haarlem.pk: D("3.0"), amersfoort.pk: D("12.0")}
    # The region (Haarlem and Amersfoort) averages over its members' cases: (2 + 4 + 12) / 3 = 6.
    assert response.compute_region(MONTH) == {region.pk: D("6.0")}
    assert response.compute_programme(MONTH) == {programme.pk: D("3.0")}  # Haarlem only takes part
    assert ind["helpdesk.resolution_days"].compute(MONTH) == {haarlem.pk: D("2.0"), amersfoort.pk: D("5.0")}
    assert ind["helpdesk.satisfaction"].compute(MONTH) == {haarlem.pk: D("4.5"), amersfoort.pk: D("2.0")}


@pytest.mark.django_db
def test_procurement_indicators_reuse_the_figures_definitions(haarlem, broker_haarlem):
    from procurement.constants import RealisationStatus
    from procurement.models import Realisation, SupplierPayment

    rules = pf.rule_set(organisation=haarlem)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=rules)  # 5% of a million
    verified = pf.realisation(contract, by=broker_haarlem)
    Realisation.objects.filter(pk=verified.pk).update(status=RealisationStatus.VERIFIED, value=D("30000"))
    reported = pf.realisation(contract, by=broker_haarlem, date=dt.date(2025, 4, 1))
    Realisation.objects.filter(pk=reported.pk).update(status=RealisationStatus.SUBMITTED, value=D("10000"))
    admitted = f.EnterpriseFactory(municipality=haarlem, admission_status=AdmissionStatus.ADMITTED)
    SupplierPayment.objects.create(organisation=haarlem, supplier_name="A", date=dt.date(2025, 5, 1),
                                   amount=D("250.00"), enterprise=admitted)
    SupplierPayment.objects.create(organisation=haarlem, supplier_name="B", date=dt.date(2025, 5, 1),
                                   amount=D("750.00"))
    ind = by_code()
    assert ind["procurement.sroi_obligation"].compute(YEAR) == {haarlem.pk: D("50000.00")}
    assert ind["procurement.sroi_realised"].compute(YEAR) == {haarlem.pk: D("30000.00")}
    assert ind["procurement.sroi_reported"].compute(YEAR) == {haarlem.pk: D("10000.00")}
    assert ind["procurement.sroi_realised_share"].compute(YEAR) == {haarlem.pk: D("60.0")}
    assert ind["procurement.spending_impact"].compute(YEAR) == {haarlem.pk: D("250.00")}
    assert ind["procurement.mvi_share"].compute(YEAR) == {haarlem.pk: D("25.0")}
    # Out of the period: nothing.
    assert ind["procurement.sroi_realised"].compute(registry.year_period(2024)) == {}
    # A month's snapshot counts from 1 January, the spending as the SROI figures (a month's payments
    # stood beside the year's SROI figures and the figures page's year).
    SupplierPayment.objects.create(organisation=haarlem, supplier_name="A", date=dt.date(2025, 11, 3),
                                   amount=D("750.00"), enterprise=admitted)
    november = registry.month_period(2025, 11)
    assert ind["procurement.spending_impact"].compute(november) == {haarlem.pk: D("1000.00")}
    assert ind["procurement.mvi_share"].compute(november) == {haarlem.pk: D("57.1")}  # 1.000 of 1.750
    assert ind["procurement.sroi_realised"].compute(november) == {haarlem.pk: D("30000.00")}
    assert ind["procurement.spending_impact"].compute(registry.month_period(2026, 1)) == {}


@pytest.mark.django_db
def test_financing_indicators(haarlem, broker_haarlem):
    from financing.models import ImpactFund, Investment, OutcomePayment
    from tests.financing import outcome_factories as of

    enterprise = f.EnterpriseFactory(municipality=haarlem)
    fund = ImpactFund.objects.create(organisation=haarlem, name="Haarlems Impactfonds")
    Investment.objects.create(fund=fund, enterprise=enterprise, amount=D("40000"), date=dt.date(2025, 6, 1))
    Investment.objects.create(fund=fund, enterprise=enterprise, amount=D("5000"), date=dt.date(2024, 6, 1))
    contract = of.contract(haarlem, enterprise)
    metric = of.metric(contract)
    claim = of.claim(metric)
    OutcomePayment.objects.create(claim=claim, count=4, contract=contract, metric=metric, price=D("5000"),
                                  calculated=D("20000"),
                                  amount=D("20000"), explanation="4 × 5000", paid_at=aware(2025, 7, 1))
    ind = by_code()
    assert ind["financing.mobilised"].compute(YEAR) == {haarlem.pk: D("40000.00")}
    assert ind["financing.outcome_payments"].compute(YEAR) == {haarlem.pk: D("20000.00")}


@pytest.mark.django_db
def test_rollups_sum_members_unless_the_indicator_gives_its_own(haarlem, amersfoort, region, programme):
    region.members.add(amersfoort)
    programme.participants.add(amersfoort)
    f.EnterpriseFactory(municipality=haarlem)
    f.EnterpriseFactory(municipality=amersfoort)
    f.EnterpriseFactory(municipality=amersfoort)
    in_the_register_since()
    found = {(c.code, c.level, c.owner_id): c.value for c in registry.compute_all(YEAR, ["enterprises.registered"])}
    assert found[("enterprises.registered", Level.ORGANISATION, amersfoort.pk)] == 2
    assert found[("enterprises.registered", Level.REGION, region.pk)] == 3
    assert found[("enterprises.registered", Level.PROGRAMME, programme.pk)] == 3


def test_theme_indicators_are_named_in_the_page_language():
    from django.utils import translation

    name = by_code()["enterprises.theme_armoede_en_schulden"].name
    with translation.override("nl"):
        assert str(name) == "Ondernemingen met thema Armoede en schulden"
    with translation.override("en"):
        assert "Poverty and debt" in str(name) and "Armoede" not in str(name)


@pytest.mark.django_db
def test_the_sroi_share_sets_the_realisation_to_date_against_the_whole_obligation(haarlem, broker_haarlem):
    """The obligation is the contracts' whole life's, so the share counts their verified lines up
    to the end of the period, earlier years included (as the figures page and the contract list):
    the year's lines alone read 10 % where 40 % of the obligation was realised."""
    from procurement.constants import RealisationStatus
    from procurement.models import Realisation

    rules = pf.rule_set(organisation=haarlem)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=rules,
                           award_date=dt.date(2024, 1, 1), end_date=dt.date(2026, 12, 31))  # 5% of a million
    for date, value in ((dt.date(2024, 6, 1), "15000"), (dt.date(2025, 3, 1), "5000"), (dt.date(2026, 2, 1), "9000")):
        line = pf.realisation(contract, by=broker_haarlem, date=date)
        Realisation.objects.filter(pk=line.pk).update(status=RealisationStatus.VERIFIED, value=D(value))
    ind = by_code()
    assert ind["procurement.sroi_realised"].compute(YEAR) == {haarlem.pk: D("5000.00")}  # the year's own lines
    assert ind["procurement.sroi_realised_share"].compute(YEAR) == {haarlem.pk: D("40.0")}  # 20,000 of 50,000
    assert ind["procurement.sroi_realised_share"].compute(registry.month_period(2025, 2)) == {haarlem.pk: D("30.0")}
