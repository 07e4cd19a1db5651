"""Second user review of the outcome contract statement: "Betaald (aantal) 13" next to
"Betaald (bedrag) € 78.000,00" at € 6.500 an outcome, one outcome of € 6.500 not paid because of
the metric's cap. The paid count counted the claim's accepted outcomes, paid or not."""

import datetime as dt
import re
from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse

from financing import outcomes as rules
from financing import services_outcomes as services
from financing.open_data import export

from . import outcome_factories as of

pytestmark = pytest.mark.django_db


def statement_cells(html: str) -> dict[str, str]:
    """The first row of the statement table by its column headings, as text."""
    table = re.search(r'<table[^>]*id="statement".*?</table>', html, re.S).group(0)

    def text(cell):  # tags out, white space (also the no-break space after €) as one space
        return " ".join(unescape(re.sub(r"<[^>]+>", "", cell)).split())

    headings = [text(c) for c in re.findall(r"<th[^>]*>(.*?)</th>", re.search(r"<thead.*?</thead>", table, re.S)
                                                                    .group(0), re.S)]
    row = re.search(r"<tbody.*?<tr[^>]*>(.*?)</tr>", table, re.S).group(1)
    return dict(zip(headings, (text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)),
                    strict=True))


def pay(metric, entrepreneur, broker, count, month):
    start = dt.date(2025, month, 1)
    claim = services.claim_submit(contract=metric.contract, metric=metric, period_start=start,
                                  period_end=start + dt.timedelta(days=27), claimed_count=count, by=entrepreneur)
    claim = services.claim_verify(claim=claim, by=broker, accepted_count=count, reason="")
    return services.claim_pay(claim=claim, by=broker)[0]


@pytest.fixture
def capped(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem):
    """The demo contract: 6 and then 7 outcomes at € 6.500 under a cap of € 78.000 (12 outcomes)."""
    contract = of.contract(haarlem, enterprise_haarlem, maximum="110000.00", is_published=True)
    metric = of.metric(contract, price="6500.00", target=24, cap="78000.00")
    pay(metric, ondernemer_1, broker_haarlem, 6, month=1)
    payment = pay(metric, ondernemer_1, broker_haarlem, 7, month=4)
    assert (payment.amount, payment.capped_by) == (D("39000.00"), "metric_cap")
    return contract


def test_statement_counts_only_the_outcomes_that_were_paid(capped):
    row = services.statement(capped)["rows"][0]
    assert (row["verified"], row["paid_count"], row["paid"], row["capped"]) == (13, 12, D("78000.00"), D("6500.00"))
    assert row["partly_paid"] == 0
    assert services.statement(capped)["chart"]["datasets"][3]["data"] == [12]


def test_statement_page_shows_the_paid_count(login, capped, broker_haarlem):
    html = login(broker_haarlem).get(reverse("financing:outcome-contract-statement", args=[capped.pk])).content
    cells = statement_cells(html.decode())
    assert cells["Betaald (aantal)"] == "12"
    assert cells["Betaald (bedrag)"] == "€ 78.000,00" and cells["Niet betaald door plafond of maximum"] == (
        "€ 6.500,00")


def test_an_outcome_paid_in_part_is_not_counted_as_paid(login, haarlem, enterprise_haarlem, ondernemer_1,
                                                        broker_haarlem):
    """3 outcomes at € 5.000 with € 12.000 left under the cap: 2 paid in full, 1 in part."""
    contract = of.contract(haarlem, enterprise_haarlem, maximum="100000.00")
    metric = of.metric(contract, price="5000.00", target=10, cap="12000.00")
    pay(metric, ondernemer_1, broker_haarlem, 3, month=1)
    row = services.statement(contract)["rows"][0]
    assert (row["paid_count"], row["partly_paid"], row["paid"], row["capped"]) == (2, 1, D("12000.00"), D("3000.00"))
    html = login(broker_haarlem).get(reverse("financing:outcome-contract-statement", args=[contract.pk])).content
    assert statement_cells(html.decode())["Betaald (aantal)"] == "2 (en 1 deels)"


@pytest.mark.parametrize(("count", "price", "amount", "paid"), [
    (7, "6500.00", "39000.00", 6), (7, "6500.00", "45500.00", 7), (3, "5000.00", "12000.00", 2),
    (1, "5000.00", "0.00", 0), (4, "0.00", "0.00", 4),
])
def test_outcomes_paid(count, price, amount, paid):
    assert rules.outcomes_paid(count=count, price=D(price), amount=D(amount)) == paid


def test_open_data_publishes_the_outcomes_paid(capped):
    payments = [p for p in export()["payments"] if p["project_id"].endswith(str(capped.pk))]
    assert sorted(p["outcomes_paid"]["value"] for p in payments) == [6, 6]
