"""The dashboards of a procurement colleague and a regional SROI coordinator show their own work:
contracts behind schedule, what suppliers reported and nobody verified yet, the year's payments
to impact enterprises. Every tile leads to exactly the list it counts."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from procurement import services
from procurement.constants import ContractStatus
from procurement.models import Contract, SupplierPayment
from tests import factories as f

from . import factories as pf

pytestmark = pytest.mark.django_db

D = Decimal


def _tiles(content):
    """{data-figure: (figure shown, href)} of the dashboard's card links."""
    return {name: (figure, href.replace("&amp;", "&")) for href, name, figure in re.findall(
        r'<a class="portal-card" href="([^"]+)"[^>]*data-figure="([^"]+)"[^>]*><span class="portal-figure">([^<]+)</span>',
        content)}


def _euros(text) -> Decimal:
    """"€&nbsp;12.345,67" → Decimal("12345.67")."""
    digits = re.sub(r"[^\d,]", "", text.replace("&nbsp;", " "))
    return D(digits.replace(",", "."))


def _listed(client, href):
    response = client.get(href)
    assert response.status_code == 200, href
    return response


@pytest.fixture
def work(haarlem, amersfoort, broker_haarlem, broker_amersfoort, zkij_rules, enterprise_haarlem):
    """Haarlem: a contract behind schedule with a line to verify, one with a verified and a submitted
    line, one with nothing reported; Amersfoort: a contract with a line to verify."""
    behind = pf.contract(organisation=haarlem, by=broker_haarlem, title="Achter", award_date=dt.date(2024, 1, 1),
                         end_date=dt.date(2026, 12, 31), today=dt.date(2025, 6, 1))
    pf.realisation(behind, by=broker_haarlem)
    mixed = pf.contract(organisation=haarlem, by=broker_haarlem, title="Gemengd")
    done = pf.realisation(mixed, by=broker_haarlem)
    services.realisation_assess(realisation=done, by=broker_haarlem, verify=True, today=dt.date(2025, 6, 1))
    pf.realisation(mixed, by=broker_haarlem, date=dt.date(2025, 4, 1))
    pf.contract(organisation=haarlem, by=broker_haarlem, title="Stil")
    elsewhere = pf.contract(organisation=amersfoort, by=broker_amersfoort, title="Amersfoort",
                            rule_set=pf.rule_set(organisation=amersfoort, name="Regeling Amersfoort"))
    pf.realisation(elsewhere, by=broker_amersfoort)
    today = timezone.localdate()
    # Payments to an admitted impact enterprise (the tile counts those, as the figures page does).
    type(enterprise_haarlem).objects.filter(pk=enterprise_haarlem.pk).update(admission_status="admitted")
    for org, enterprise, day, amount in ((haarlem, enterprise_haarlem, today, "1200.50"),
                                         (haarlem, enterprise_haarlem, today.replace(month=1, day=1), "800.00"),
                                         (haarlem, None, today, "999.00"),  # not in the register
                                         (haarlem, enterprise_haarlem, today.replace(year=today.year - 1), "50.00"),
                                         (amersfoort, enterprise_haarlem, today, "70.00")):
        SupplierPayment.objects.create(organisation=org, supplier_name="Leverancier", date=day, amount=D(amount),
                                       enterprise=enterprise)
    return {"behind": behind, "mixed": mixed}


def test_a_procurement_colleague_sees_their_contracts_and_payments(login, inkoper_haarlem, work):
    client = login(inkoper_haarlem)
    tiles = _tiles(client.get(reverse("dashboard")).content.decode())
    assert tiles["contracts-behind"][0] == str(Contract.objects.filter(organisation__slug="haarlem",
                                                                        status=ContractStatus.BEHIND).count())
    assert tiles["contracts-to-verify"][0] == "2"
    for name in ("contracts-behind", "contracts-to-verify"):
        figure, href = tiles[name]
        assert _listed(client, href).context["table"].paginator.count == int(figure), name
    # What is reported and not verified: the value of the listed contracts' submitted lines.
    listed = _listed(client, tiles["contracts-to-verify"][1]).context["filter"].qs
    assert {c.title for c in listed} == {"Achter", "Gemengd"}
    reported = sum(c.reported for c in listed)
    assert reported > 0
    page = client.get(reverse("dashboard")).content.decode()
    shown = re.search(r"<small>([^<]+) gemeld, nog niet geverifieerd</small>", page).group(1)
    assert _euros(shown) == reported
    # This year's payments to impact enterprises: the amount and the number of the listed payments.
    figure, href = tiles["payments-impact"]
    response = _listed(client, href)
    assert response.context["table"].paginator.count == 2
    assert _euros(figure) == response.context["filter"].qs.aggregate(total=Sum("amount"))["total"] == D("2000.50")


def test_a_colleague_of_another_department_gets_no_procurement_tiles(login, vastgoed, work):
    """A real-estate colleague cannot act on contracts (workspace walk 9): their own tiles instead."""
    tiles = _tiles(login(vastgoed).get(reverse("dashboard")).content.decode())
    assert not {"payments-impact", "contracts-to-verify", "contracts-behind"} & set(tiles)


def test_the_regional_coordinator_sees_what_to_verify(login, region, work):
    coordinator = f.sroi_coordinator(region, "sroi-zkij")
    client = login(coordinator)
    tiles = _tiles(client.get(reverse("dashboard")).content.decode())
    figure, href = tiles["contracts-to-verify"]
    assert figure == "2"  # Haarlem's two, not Amersfoort's (outside the region)
    assert _listed(client, href).context["table"].paginator.count == 2
    figure, href = tiles["contracts-behind"]
    assert _listed(client, href).context["table"].paginator.count == int(figure) == Contract.objects.filter(
        organisation__slug="haarlem", status=ContractStatus.BEHIND).count()


def test_the_new_tiles_cost_the_same_queries_for_more_contracts(login, inkoper_haarlem, haarlem, broker_haarlem,
                                                               settings, work):
    settings.DASHBOARD_CACHE_SECONDS = 0
    client = login(inkoper_haarlem)
    client.get(reverse("dashboard"))  # the menus and other caches filled

    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("dashboard"))
        return len(captured)

    before = queries()
    for i in range(3):
        extra = pf.contract(organisation=haarlem, by=broker_haarlem, title=f"Extra {i}")
        pf.realisation(extra, by=broker_haarlem)
    assert queries() == before


def test_the_broker_who_verifies_sees_what_to_verify(login, broker_haarlem, broker_amersfoort, work):
    """The brokers verify the lines (the colleague only follows them): the work queue is on their
    dashboard too, counting their own organisation's contracts and leading to exactly those."""
    client = login(broker_haarlem)
    figure, href = _tiles(client.get(reverse("dashboard")).content.decode())["contracts-to-verify"]
    assert figure == "2" and "organisation=haarlem" in href
    assert {c.title for c in _listed(client, href).context["filter"].qs} == {"Achter", "Gemengd"}
    assert _tiles(login(broker_amersfoort).get(reverse("dashboard")).content.decode())["contracts-to-verify"][0] == "1"
