"""Review of the fund figures: a reported result can be estimated (besides measured and
self-declared), and a stock indicator (people employed, reported each quarter) counts its latest
period per investment instead of adding up every quarter."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from financing.models import ImpactFund, ImpactReport, Investment
from financing.portfolio import ImpactLine, InvestmentLine, portfolio
from tests import factories as f

Q1, Q2, Q3 = dt.date(2025, 3, 31), dt.date(2025, 6, 30), dt.date(2025, 9, 30)


# --- pure figures ------------------------------------------------------------------------------


def test_estimated_figures_are_a_kind_of_their_own():
    p = portfolio([InvestmentLine(1, D("1"))], [
        ImpactLine("Banen", "personen", D("4"), "measured"),
        ImpactLine("Banen", "personen", D("3"), "estimated"),
        ImpactLine("Banen", "personen", D("6"), "self_declared"),
        ImpactLine("Afval", "kg", D("100"), "estimated"),
    ])
    jobs = {t.indicator: t for t in p.impact}["Banen"]
    assert (jobs.total, jobs.measured, jobs.estimated, jobs.self_declared) == (D("13"), D("4"), D("3"), D("6"))
    assert (jobs.reports, jobs.measured_reports, jobs.estimated_reports) == (3, 1, 1)
    assert p.measured_reports_share == D("0.2500")
    assert p.estimated_reports_share == D("0.5000")  # two of the four reports are estimates, not self-declared


def _quarters(kind):
    return [
        ImpactLine("In dienst", "personen", D("5"), "measured", kind, Q1, "a"),
        ImpactLine("In dienst", "personen", D("7"), "measured", kind, Q3, "a"),  # order given is not the period's
        ImpactLine("In dienst", "personen", D("6"), "measured", kind, Q2, "a"),
        ImpactLine("In dienst", "personen", D("3"), "self_declared", kind, Q1, "b"),
        ImpactLine("In dienst", "personen", D("4"), "estimated", kind, Q2, "b"),
    ]


def test_a_stock_counts_the_latest_period_per_investment_summed_across_investments():
    [total] = portfolio([], _quarters("stock")).impact
    assert total.is_stock
    assert total.total == D("11")  # 7 (investment a, third quarter) + 4 (b, second quarter), not 25
    assert (total.measured, total.estimated, total.self_declared) == (D("7"), D("4"), D("0"))
    assert (total.as_of, total.as_of_first) == (Q3, Q2)
    assert total.reports == 5  # every report was made; only the latest ones count in the total


def test_a_flow_adds_up_every_period_as_before():
    [total] = portfolio([], _quarters("flow")).impact
    assert not total.is_stock
    assert (total.total, total.measured, total.estimated, total.self_declared) == (D("25"), D("18"), D("4"), D("3"))
    assert total.as_of is None


def test_lines_without_a_kind_are_flows():
    [total] = portfolio([], [ImpactLine("Banen", "", D("2"), "measured"),
                             ImpactLine("Banen", "", D("3"), "measured")]).impact
    assert (total.kind, total.total) == ("flow", D("5"))


# --- pages, form, API ------------------------------------------------------------------------


@pytest.fixture
def fund(haarlem, region, enterprise_haarlem):
    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region)
    first = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("80000"), kind="loan",
                                      date=dt.date(2025, 1, 1))
    second = Investment.objects.create(fund=fund, enterprise=f.EnterpriseFactory(municipality=haarlem),
                                       amount=D("50000"), kind="loan", date=dt.date(2025, 1, 1))
    for investment, values in ((first, (("5", Q1, "measured"), ("6", Q2, "measured"), ("7", Q3, "measured"))),
                               (second, (("3", Q1, "self_declared"), ("4", Q2, "estimated")))):
        for value, end, status in values:
            ImpactReport.objects.create(investment=investment, indicator="Mensen in dienst", unit="personen",
                                        value=D(value), period_start=end.replace(day=1) - dt.timedelta(days=59),
                                        period_end=end, source_status=status, indicator_kind="stock")
        ImpactReport.objects.create(investment=investment, indicator="Geplaatst", unit="personen", value=D("2"),
                                    period_start=dt.date(2025, 1, 1), period_end=Q1, source_status="estimated")
    return fund


@pytest.mark.django_db
def test_fund_page_shows_the_stock_as_of_its_date_and_the_estimated_column(login, broker_haarlem, fund):
    page = login(broker_haarlem).get(reverse("financing:fund-detail", args=[fund.pk])).content.decode()
    assert "Geschat" in page and "geschat, de rest zelf opgegeven" in page
    row = page[page.index("Mensen in dienst"):]
    row = row[:row.index("</tr>")]
    assert "stand: de laatste rapportage per investering" in row
    assert ">11<" in row  # 7 + 4, not 25
    flow = page[page.index("Geplaatst"):]
    flow = flow[:flow.index("</tr>")]
    assert "stand" not in flow and ">4<" in flow  # a flow adds up: 2 + 2, both estimated


@pytest.mark.django_db
def test_a_stock_of_one_date_reads_stand_op_that_date(login, broker_haarlem, fund):
    ImpactReport.objects.filter(period_end=Q2, indicator="Mensen in dienst").update(period_end=Q3)
    page = login(broker_haarlem).get(reverse("financing:fund-detail", args=[fund.pk])).content.decode()
    assert "stand op 30-09-2025" in page


@pytest.mark.django_db
def test_investment_page_names_an_estimate_and_a_stock(login, broker_haarlem, fund):
    investment = fund.investments.order_by("amount").first()  # the second: its latest report is an estimate
    page = login(broker_haarlem).get(reverse("financing:investment-detail", args=[investment.pk])).content.decode()
    table = page[page.index('id="impact-reports"'):]
    assert ">Geschat<" in table and ">stand<" in table


@pytest.mark.django_db
def test_the_form_takes_an_estimate_and_a_stock_and_keeps_an_indicator_to_one_kind(login, broker_haarlem, fund):
    investment = fund.investments.order_by("amount").first()
    url = reverse("financing:impact-create", args=[investment.pk])
    client = login(broker_haarlem)
    data = {"indicator": "Mensen in dienst", "unit": "personen", "value": "5", "period_start": "2025-07-01",
            "period_end": "2025-09-30", "source_status": "estimated", "indicator_kind": "stock"}
    assert client.post(url, data).status_code == 302
    report = ImpactReport.objects.get(investment=investment, period_end=Q3)
    assert (report.source_status, report.indicator_kind) == ("estimated", "stock")
    # Reported as a flow, the same indicator would be split in a summed and a latest-period line.
    again = client.post(url, {**data, "indicator_kind": "flow", "period_start": "2025-10-01",
                              "period_end": "2025-12-31"})
    assert again.status_code == 400
    assert "eerder gerapporteerd als stand" in str(again.context["form"].errors["indicator_kind"])
    # Not sent at all (an older client): a flow, as before.
    new = client.post(url, {key: value for key, value in data.items() if key != "indicator_kind"}
                      | {"indicator": "Cursussen"})
    assert new.status_code == 302
    assert ImpactReport.objects.get(indicator="Cursussen").indicator_kind == "flow"


@pytest.mark.django_db
def test_api_totals_carry_the_kind_the_date_and_the_estimated_part(api, broker_haarlem, fund):
    figures = api(broker_haarlem).get(f"/api/v1/financing/funds/{fund.pk}/").json()["figures"]
    by_name = {row["indicator"]: row for row in figures["impact"]}
    stock, flow = by_name["Mensen in dienst"], by_name["Geplaatst"]
    assert (stock["kind"], stock["as_of"], stock["total"], stock["estimated"]) == ("stock", "2025-09-30", "11.00",
                                                                                   "4.00")
    assert (flow["kind"], flow["as_of"], flow["total"], flow["estimated"]) == ("flow", None, "4.00", "4.00")
