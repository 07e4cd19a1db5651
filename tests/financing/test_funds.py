"""Impact funds: impact focus validation, portfolio page and chart, investments, repayments and
impact reports, the steering group's read-only figures, scoping, API and constant queries."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from enterprises.models import ImpactTheme
from financing.models import ImpactFund, ImpactReport, Investment, Repayment
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund(haarlem, region, enterprise_haarlem):
    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region)
    fund.impact_focus.set(ImpactTheme.objects.filter(slug__in=["arbeidsparticipatie", "armoede-en-schulden"]))
    loan = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("80000"), kind="loan",
                                     date=dt.date(2025, 3, 1), terms="3,5% rente, 5 jaar")
    Repayment.objects.create(investment=loan, date=dt.date(2025, 9, 1), amount=D("8000"), interest=D("1400"))
    ImpactReport.objects.create(investment=loan, indicator="Banen", unit="personen", value=D("4"),
                                period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                source_status="measured")
    return fund


def _fund_data(haarlem, themes, **extra):
    return {"name": "Nieuw fonds", "organisation": haarlem.pk, "impact_focus": [t.pk for t in themes], **extra}


def test_impact_focus_of_at_most_three_areas(login, broker_haarlem, haarlem):
    themes = list(ImpactTheme.objects.order_by("pk")[:4])
    response = login(broker_haarlem).post(reverse("financing:fund-create"), _fund_data(haarlem, themes))
    assert response.status_code == 200
    assert "ten hoogste 3" in str(response.context["form"].errors["impact_focus"])
    assert not ImpactFund.objects.filter(name="Nieuw fonds").exists()
    response = login(broker_haarlem).post(reverse("financing:fund-create"), _fund_data(haarlem, themes[:3]))
    assert response.status_code == 302
    assert ImpactFund.objects.get(name="Nieuw fonds").impact_focus.count() == 3


def test_fund_cannot_be_created_for_another_organisation_or_region(login, broker_haarlem, amersfoort):
    region_amersfoort = f.RegionFactory(name="Regio Amersfoort", slug="regio-amersfoort", members=[amersfoort])
    response = login(broker_haarlem).post(reverse("financing:fund-create"), {
        "name": "Kaping", "organisation": amersfoort.pk, "region": region_amersfoort.pk})
    errors = response.context["form"].errors
    assert "organisation" in errors and "region" in errors
    assert not ImpactFund.objects.filter(name="Kaping").exists()


def test_fund_page_shows_portfolio_figures_and_chart(login, broker_haarlem, fund):
    page = login(broker_haarlem).get(reverse("financing:fund-detail", args=[fund.pk])).content.decode()
    assert 'data-chart="fund-chart"' in page and "doughnut" in page
    assert "80.000,00" in page and "8.000,00" in page and "72.000,00" in page  # invested, repaid, outstanding
    assert "1.400,00" in page  # interest apart
    assert "Banen" in page and "Arbeidsparticipatie" in page


def test_broker_of_a_region_member_keeps_the_fund(login, fund, region):
    heemstede = f.OrganisationFactory(name="Gemeente Heemstede", slug="heemstede")
    region.members.add(heemstede)
    broker = f.broker(heemstede, "makelaar-heemstede")
    assert login(broker).get(reverse("financing:fund-detail", args=[fund.pk])).status_code == 200
    assert login(broker).get(reverse("financing:fund-update", args=[fund.pk])).status_code == 200


def test_other_municipality_and_entrepreneurs_get_404(login, fund, broker_amersfoort, ondernemer_1):
    for user in (broker_amersfoort, ondernemer_1):
        assert login(user).get(reverse("financing:fund-detail", args=[fund.pk])).status_code == 404
    investment = fund.investments.get()
    response = login(broker_amersfoort).post(reverse("financing:repayment-create", args=[investment.pk]),
                                             {"date": "2026-01-01", "amount": "1"})
    assert response.status_code == 404
    assert investment.repayments.count() == 1


def test_broker_records_investment_repayment_and_impact(login, broker_haarlem, fund, enterprise_haarlem):
    client = login(broker_haarlem)
    response = client.post(reverse("financing:investment-create", args=[fund.pk]), {
        "enterprise": enterprise_haarlem.pk, "kind": "equity", "amount": "25000", "date": "2026-01-15",
        "terms": "Minderheidsbelang"})
    investment = Investment.objects.get(kind="equity")
    assert response.status_code == 302 and response["Location"] == investment.get_absolute_url()
    assert client.post(reverse("financing:repayment-create", args=[investment.pk]),
                       {"date": "2026-06-01", "amount": "5000", "interest": "0"}).status_code == 302
    assert client.post(reverse("financing:impact-create", args=[investment.pk]), {
        "indicator": "Hergebruikt materiaal", "unit": "kg", "value": "1200", "period_start": "2026-01-15",
        "period_end": "2026-06-30", "source_status": "self_declared"}).status_code == 302
    page = client.get(investment.get_absolute_url()).content.decode()
    assert "Hergebruikt materiaal" in page and "Zelf opgegeven" in page
    assert "20.000,00" in page  # outstanding after the repayment


@pytest.mark.parametrize("url_name, data, field", [
    ("financing:repayment-create", {"date": "2026-01-01", "amount": "0", "interest": "0"}, "amount"),
    ("financing:repayment-create", {"date": "geen datum", "amount": "10"}, "date"),
    ("financing:impact-create", {"indicator": "Banen", "value": "2", "period_start": "2026-02-01",
                                 "period_end": "2026-01-01", "source_status": "measured"}, "period_end"),
    ("financing:impact-create", {"indicator": "Banen", "value": "-2", "period_start": "2026-01-01",
                                 "period_end": "2026-02-01", "source_status": "measured"}, "value"),
])
def test_bad_input_gets_a_field_error(login, broker_haarlem, fund, url_name, data, field):
    investment = fund.investments.get()
    response = login(broker_haarlem).post(reverse(url_name, args=[investment.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]


def test_investment_amount_must_be_positive(login, broker_haarlem, fund, enterprise_haarlem):
    response = login(broker_haarlem).post(reverse("financing:investment-create", args=[fund.pk]), {
        "enterprise": enterprise_haarlem.pk, "kind": "loan", "amount": "0", "date": "2026-01-15"})
    assert response.status_code == 400
    assert response.context["form"].errors["amount"]


def test_steering_group_reads_figures_only(login, stuurgroep, fund, amersfoort):
    ImpactFund.objects.create(name="Fonds Amersfoort", organisation=amersfoort)
    client = login(stuurgroep)
    page = client.get(reverse("financing:fund-figures")).content.decode()
    assert "SIF Zuid-Kennemerland" in page and "Fonds Amersfoort" not in page  # Amersfoort is no participant
    assert "72.000,00" in page
    assert reverse("financing:fund-detail", args=[fund.pk]) not in page  # no link to the fund's own page
    # It reads the fund's name and totals here, so the fund's own page (its investments one by one)
    # is refused as not for its role (403), not denied to exist (404).
    assert client.get(reverse("financing:fund-detail", args=[fund.pk])).status_code == 403
    assert client.get(reverse("financing:fund-list")).status_code == 403
    assert client.get("/api/v1/financing/funds/").json()["results"] == []
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert 'id="panel-fund-figures"' in dashboard and "SIF Zuid-Kennemerland" in dashboard


def test_figures_page_empty_state(login, stuurgroep):
    page = login(stuurgroep).get(reverse("financing:fund-figures")).content.decode()
    assert "Er zijn geen impactfondsen waarvan u de cijfers kunt inzien." in page


def test_funds_api_is_scoped_and_carries_figures(api, broker_haarlem, broker_amersfoort, fund):
    rows = api(broker_haarlem).get("/api/v1/financing/funds/").json()["results"]
    assert [row["name"] for row in rows] == ["SIF Zuid-Kennemerland"]
    figures = rows[0]["figures"]
    assert (figures["invested"], figures["repaid"], figures["outstanding"], figures["interest"]) == (
        "80000.00", "8000.00", "72000.00", "1400.00")
    assert figures["impact"][0]["measured"] == "4.00"
    assert sorted(rows[0]["impact_focus"]) == ["arbeidsparticipatie", "armoede-en-schulden"]
    assert api(broker_amersfoort).get(f"/api/v1/financing/funds/{fund.pk}/").status_code == 404
    theme = api(broker_haarlem).get("/api/v1/financing/funds/", {"theme": "cultuur"}).json()["results"]
    assert theme == []


def test_fund_list_and_api_have_constant_queries(login, api, broker_haarlem, haarlem, enterprise_haarlem,
                                                 django_assert_max_num_queries):
    for index in range(8):
        fund = ImpactFund.objects.create(name=f"Fonds {index}", organisation=haarlem)
        investment = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("1000"),
                                               date=dt.date(2025, 1, 1))
        Repayment.objects.create(investment=investment, date=dt.date(2025, 6, 1), amount=D("100"))
        ImpactReport.objects.create(investment=investment, indicator="Banen", value=D("1"),
                                    period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 6, 1))
    client = login(broker_haarlem)
    client.get(reverse("financing:fund-list"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("financing:fund-list"))
    assert "Fonds 7" in page.content.decode()
    with django_assert_max_num_queries(12):
        assert client.get(reverse("financing:fund-figures")).status_code == 200
    caller = api(broker_haarlem)
    caller.get("/api/v1/financing/funds/")
    with django_assert_max_num_queries(12):
        rows = caller.get("/api/v1/financing/funds/").json()["results"]
    assert len(rows) == 8 and rows[0]["figures"]["outstanding"] == "900.00"
    export = client.get(reverse("financing:fund-list"), {"_export": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_fund_list_empty_state(login, broker_amersfoort):
    page = login(broker_amersfoort).get(reverse("financing:fund-list")).content.decode()
    assert "Er zijn nog geen impactfondsen." in page
