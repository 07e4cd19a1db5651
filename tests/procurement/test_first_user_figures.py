"""First-time-user review: the SROI share sets the realisation of the same contracts against their
obligation (not one year's lines against obligations of several years), and the side-by-side
comparison of a realisation line says so when there is nothing to compare."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement import figures, services
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = timezone.localdate()
Y = TODAY.year


def verified(contract, months, day, by):
    line = pf.realisation(contract, "werkervaringsplek", by=by, months=D(months), date=day, today=TODAY)
    return services.realisation_assess(realisation=line, by=by, verify=True, reason="", today=TODAY)


@pytest.fixture
def sroi(haarlem, broker_haarlem):
    """Two contracts running this year, €50,000 obligation each (5% of a million): one realised
    €6,000 two years ago, the other €3,000 this year; a third, finished last year, is not counted."""
    pf.rule_set(organisation=haarlem, name="Regeling Haarlem")
    kruisweg = pf.contract(organisation=haarlem, by=broker_haarlem, title="Reconstructie Kruisweg",
                           award_date=dt.date(Y - 2, 1, 1), end_date=dt.date(Y, 12, 31), today=TODAY)
    cleaning = pf.contract(organisation=haarlem, by=broker_haarlem, title="Schoonmaak",
                           award_date=dt.date(Y - 1, 1, 1), end_date=dt.date(Y, 12, 31), today=TODAY)
    done = pf.contract(organisation=haarlem, by=broker_haarlem, title="Afgelopen",
                       award_date=dt.date(Y - 2, 1, 1), end_date=dt.date(Y - 1, 12, 31), today=TODAY)
    verified(kruisweg, "8", dt.date(Y - 2, 3, 1), broker_haarlem)  # 6,000 (750 a month)
    verified(cleaning, "4", dt.date(Y, 1, 1), broker_haarlem)  # 3,000
    verified(done, "10", dt.date(Y - 1, 3, 1), broker_haarlem)  # 7,500: another contract, not running
    return kruisweg, cleaning


def test_the_share_is_the_running_contracts_realisation_against_their_obligation(sroi, broker_haarlem, haarlem):
    result = figures.obligation_figures(broker_haarlem, haarlem, Y)
    tiles = {t.key: t.value for t in result["tiles"]}
    assert tiles["obligation"] == D("100000.00")
    assert tiles["realised_to_date"] == D("9000.00")  # as the contract list sums them
    assert tiles["realised"] == D("3000.00")  # of which this year
    # The old formula (this year's lines against the whole obligation) said 3.0%.
    assert tiles["realised_share"] == D("9.0")
    sources = {t.key: t.source for t in result["tiles"]}
    assert sources["realised_share"] == sources["realised_to_date"] == figures.Source.TO_DATE
    basis = {t.key: t.basis for t in result["tiles"]}
    assert basis["realised_to_date"] == basis["realised_share"] == figures.Basis.MEASURED


def test_a_past_year_counts_up_to_its_own_end(sroi, broker_haarlem, haarlem):
    tiles = {t.key: t.value for t in figures.obligation_figures(broker_haarlem, haarlem, Y - 2)["tiles"]}
    # Y-2: Kruisweg and the finished contract ran (€100,000); only Kruisweg's €6,000 was realised by then.
    assert tiles["obligation"] == D("100000.00") and tiles["realised_to_date"] == D("6000.00")
    assert tiles["realised_share"] == D("6.0")


def test_the_dashboard_shows_the_same_share_and_this_years_part_without_one(sroi, broker_haarlem, haarlem, login):
    assert figures.dashboard_summary(broker_haarlem, haarlem, Y) == {
        "obligation": D("100000.00"), "realised_to_date": D("9000.00"), "realised": D("3000.00"), "share": D("9.0")}
    page = login(broker_haarlem).get(reverse("dashboard")).content.decode()
    assert "van €\xa0100.000,00 social return gerealiseerd op de contracten die in" in page
    assert "lopen (9,0%)" in page and "(3,0%)" not in page
    assert "waarvan €\xa03.000,00 in" in page


def test_the_figures_page_shows_the_share_with_its_source(sroi, broker_haarlem, login):
    page = login(broker_haarlem).get(reverse("procurement:figures"), {"year": Y}).content.decode()
    assert 'data-figure="realised_share"' in page and "9,0%" in page
    assert str(figures.Source.TO_DATE)[:40] in page


# --- side by side with nothing to compare ------------------------------------------------------


def test_side_by_side_with_only_the_own_rule_set_explains_instead_of_an_empty_table(login, broker_haarlem, contract,
                                                                                    amersfoort):
    pf.rule_set(organisation=amersfoort, name="Regeling Amersfoort")  # valid, but not for Haarlem
    line = pf.realisation(contract, by=broker_haarlem, fte=D("0.5"), months=D("6"), candidate_ref="KAND-9")
    page = login(broker_haarlem).get(reverse("procurement:realisation-detail", args=[line.pk]))
    html = page.content.decode()
    assert page.context["side_by_side_compared"] is False
    assert 'id="side-by-side-empty"' in html and "Er is niets om mee te vergelijken" in html
    assert "weggelaten omdat ze niet voor contracten van Gemeente Haarlem geldt" in html
    assert 'id="side-by-side-table"' not in html and "Verschil" not in html
    assert 'id="side-by-side-data"' not in html  # no chart of one bar


def test_side_by_side_with_others_keeps_the_table_and_says_why_the_rest_is_left_out(login, broker_haarlem, contract,
                                                                                    haarlem, amersfoort):
    pf.rule_set(organisation=haarlem, name="Tweede regeling Haarlem")
    pf.rule_set(organisation=amersfoort, name="Regeling Amersfoort")
    line = pf.realisation(contract, by=broker_haarlem, fte=D("0.5"), months=D("6"), candidate_ref="KAND-10")
    html = login(broker_haarlem).get(reverse("procurement:realisation-detail", args=[line.pk])).content.decode()
    assert 'id="side-by-side-table"' in html and 'id="side-by-side-empty"' not in html
    assert "Ze gelden niet voor contracten van deze organisatie" in html
