"""Amounts, dates, plurals and wording the user review found wrong: amounts with the € sign and
thousands separators, dates in the portal's short format (Dutch 05-12-2026, English 05/12/2026),
dashboard tiles in the right number, "behind schedule" as a definition only where it applies and
a bottleneck's signalling date from its timeline."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from ecosystem import services_realestate
from ecosystem.constants import BottleneckStatus
from ecosystem.models import Bottleneck, BottleneckStatusChange, RegionalAgreement
from financing.models import ImpactFund, ImpactReport, Investment
from procurement.models import Contract, MatchMeeting
from tests import factories as f
from tests.financing import mkba_factories as mf
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db

NL, EN = "nl", "en"


def page(client, url, language=NL) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def cells(html: str, table_id: str | None = None) -> list[str]:
    """The text of the table cells (``<td>``) of the page, or of one table."""
    if table_id:
        html = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]


# --- 1. amounts -----------------------------------------------------------------------------------


def test_allocation_list_shows_rents_in_euros(login, broker_haarlem, haarlem, enterprise_haarlem):
    prop = f.property_of(haarlem, market_rent=D("1650.00"))
    request_ = f.space_request_of(enterprise_haarlem)
    services_realestate.allocate(property=prop, space_request=request_, rent=D("900.00"), by=broker_haarlem,
                                 procedure="exception", decided_by="College van B&W",
                                 decision_date=dt.date(2026, 2, 1),
                                 justification="Alleen deze ondernemer voldoet aan de eis van inzet in de wijk, dus "
                                               "er is één serieuze gegadigde.")
    client = login(broker_haarlem)
    url = reverse("ecosystem:allocation-list")
    dutch = cells(page(client, url, NL))
    assert {"€\xa0900,00", "€\xa01.650,00", "€\xa0750,00"} <= set(dutch)
    english = cells(page(client, url, EN))
    assert {"€900.00", "€1,650.00", "€750.00"} <= set(english)


def test_generic_detail_shows_money_numbers_and_dates_as_the_lists(login, broker_haarlem, haarlem, region):
    line = f.budget_line(haarlem, 2024, "35000.00")
    client = login(broker_haarlem)
    url = reverse("brokers:budget-detail", args=[line.pk])
    dutch = page(client, url, NL)
    assert "<dd>€\xa035.000,00</dd>" in dutch and "35000,00" not in dutch
    assert "<dd>2024</dd>" in dutch  # a year is no amount: not 2.024
    assert "€\xa035.000,00" in page(client, reverse("brokers:budget-list"), NL)  # the list says the same
    assert "<dd>€35,000.00</dd>" in page(client, url, EN)

    agreement = RegionalAgreement.objects.create(region=region, title="Eén SROI-regeling", theme="inkoop",
                                                 start_date=dt.date(2024, 1, 15))
    url = reverse("ecosystem:agreement-detail", args=[agreement.pk])
    dutch = page(client, url, NL)
    assert "<dd>15-01-2024</dd>" in dutch and "januari" not in dutch
    assert "<dd>15/01/2024</dd>" in page(client, url, EN)


def test_generic_display_groups_numbers_and_keeps_empty_values():
    from impactportal.ui.generic import _display

    line = f.budget_line(f.haarlem(), 2025, "1234567.50")
    with translation.override(NL):
        assert _display(line, "amount") == "€\xa01.234.567,50"
        assert _display(line, "year") == 2025
    with translation.override(EN):
        assert _display(line, "amount") == "€1,234,567.50"
    line.description = ""
    assert _display(line, "description") == ""


def test_mkba_indicator_table_shows_amounts_and_shares(login, broker_haarlem, haarlem):
    analysis = mf.analysis(haarlem, indicators=[{
        "name": "Uit de bijstand", "count": D(2), "value_per_case": D(8000), "beneficiary": "social_assistance",
        "deadweight": D("0.4"), "attribution": D("0.1"), "substitution": D("0.05"), "short_term": D("1"),
        "medium_term": D("0.125"), "long_term": D("0")}], costs=D("5000"))
    client = login(broker_haarlem)
    url = reverse("financing:mkba-detail", args=[analysis.pk])
    dutch = cells(page(client, url, NL), "mkba-indicators")
    assert "€\xa08.000,00" in dutch  # the value per case with its euro sign, as the other amounts
    assert "40% / 10% / 5%" in dutch and "100% / 12,5% / 0%" in dutch
    assert "0,4000" not in " ".join(dutch)
    money = [cell for cell in dutch if cell.startswith("€")]
    assert money and all(re.fullmatch(r"€\xa0\d{1,3}(\.\d{3})*,\d\d", cell) for cell in money), money
    english = cells(page(client, url, EN), "mkba-indicators")
    assert "€8,000.00" in english and "100% / 12.5% / 0%" in english
    assert all(re.fullmatch(r"€\d{1,3}(,\d{3})*\.\d\d", cell) for cell in english if cell.startswith("€"))


def test_fund_impact_totals_have_thousands_separators(login, broker_haarlem, haarlem, region, enterprise_haarlem):
    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region)
    loan = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("80000"), kind="loan",
                                     date=dt.date(2025, 3, 1))
    ImpactReport.objects.create(investment=loan, indicator="Hergebruikt materiaal", unit="kg", value=D("12500"),
                                period_start=dt.date(2025, 1, 1), period_end=dt.date(2025, 12, 31),
                                source_status="measured")
    client = login(broker_haarlem)
    url = reverse("financing:fund-detail", args=[fund.pk])
    assert "12.500" in cells(page(client, url, NL)) and "12500" not in cells(page(client, url, NL))
    assert "12,500" in cells(page(client, url, EN))


def test_share_percent_filter():
    template = Template("{% load financing_instruments %}{{ a|share_percent }} {{ b|share_percent }} "
                        "{{ c|share_percent }}|{{ d|share_percent }}")
    context = Context({"a": D("0.4000"), "b": D("0.1250"), "c": 1, "d": None})
    with translation.override(NL):
        assert template.render(context) == "40% 12,5% 100%|"
    with translation.override(EN):
        assert template.render(context) == "40% 12.5% 100%|"


# --- 2. dates in lists ------------------------------------------------------------------------------


def test_meeting_list_dates_are_short_dates(login, broker_haarlem, haarlem):
    enterprise = f.EnterpriseFactory(name="Schoon Haarlem", municipality=haarlem)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem))
    MatchMeeting.objects.create(contract=contract, enterprise=enterprise, date=dt.date(2026, 12, 12),
                                follow_up_on=dt.date(2026, 12, 26), recorded_by=broker_haarlem)
    client = login(broker_haarlem)
    url = reverse("procurement:meeting-list")
    dutch = cells(page(client, url, NL))
    assert "12-12-2026" in dutch and "26-12-2026" in dutch and "2026-12-12" not in dutch
    english = cells(page(client, url, EN))
    assert "12/12/2026" in english and "26/12/2026" in english


def test_mkba_list_updated_column_is_a_short_date(login, broker_haarlem, haarlem):
    from financing.models import MkbaAnalysis

    analysis = mf.analysis(haarlem)
    MkbaAnalysis.objects.filter(pk=analysis.pk).update(updated_at=dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC))
    client = login(broker_haarlem)
    url = reverse("financing:mkba-list")
    assert "05-12-2026" in cells(page(client, url, NL))
    english = cells(page(client, url, EN))
    assert "05/12/2026" in english and "5-12-2026" not in english


# --- 3. dashboard tiles in the right number --------------------------------------------------------


def test_broker_dashboard_tiles_are_singular_for_one(login, broker_haarlem, haarlem):
    f.broker_team(haarlem)
    html = page(login(broker_haarlem), reverse("dashboard"), NL)
    assert '<span class="portal-figure">1</span>makelaarsteam</a>' in html
    assert "1</span>makelaarsteams" not in html
    assert '<span class="portal-figure">0</span>vragen over de servicenorm heen' in html  # zero is plural in Dutch


def test_dashboard_tile_templates_choose_singular_or_plural():
    from django.template.loader import render_to_string

    def tile(name, n, **p):
        return render_to_string(f"brokers/dashboard/{name}.html", {"p": {**p}}).replace("\n", "")

    with translation.override(NL):
        one = tile("broker", 1, open_cases=1, overdue_cases=1, teams=1, my_cases=1)
        assert "open vraag in de helpdesk" in one and "vraag over de servicenorm heen" in one
        assert "open vraag aan mij toegewezen" in one and "vragen" not in one
        two = tile("broker", 2, open_cases=2, overdue_cases=2, teams=2, my_cases=2)
        assert "open vragen in de helpdesk" in two and "makelaarsteams" in two
        assert "open vraag aan mij toegewezen" in tile("partner", 1, overdue_cases=1, my_cases=1)
        assert "open vraag doorverwezen naar uw afdeling" in tile("colleague", 1, referred_cases=1)
        assert "mijn vervolgactie na externe" in tile("referral_follow_ups", 1, due_referrals=1, referrals_url="/")
        workspace = tile("workspace", 1, toolbox_percentage=0, toolbox_answered=0, toolbox_questions=1,
                         open_actions=1, overdue_actions=0, budget=None, spent=0, year=2026,
                         missing_qualities=["Ambassadeur"])
        assert "open actie<" in workspace and "teamkwaliteit ontbreekt" in workspace


# --- 4. behind schedule ----------------------------------------------------------------------------

DEFINITION = "Een contract is achter op schema als"


def test_behind_schedule_is_explained_only_on_a_contract_behind(login, broker_haarlem, haarlem):
    rules = pf.rule_set(organisation=haarlem)
    waiting = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=rules, award_date=dt.date(2026, 1, 1),
                          end_date=dt.date(2027, 12, 31), today=dt.date(2025, 6, 1))
    behind = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=rules, title="Groenonderhoud")
    Contract.objects.filter(pk=behind.pk).update(status="behind")
    Contract.objects.filter(pk=waiting.pk).update(status="open")
    client = login(broker_haarlem)
    not_started = page(client, reverse("procurement:contract-detail", args=[waiting.pk]))
    assert "Achter op schema:" not in not_started and DEFINITION not in not_started
    assert DEFINITION in page(client, reverse("procurement:contract-detail", args=[behind.pk]))


# --- 5. a bottleneck's signalling date -------------------------------------------------------------


def test_bottleneck_is_signalled_on_the_timelines_date(login, broker_haarlem, haarlem):
    bottleneck = Bottleneck.objects.create(organisation=haarlem, theme="real_estate", level="municipality",
                                           title="Geen betaalbare werkruimte", description="Te duur.",
                                           status=BottleneckStatus.ON_AGENDA,
                                           status_date=dt.date(2025, 6, 1), raised_by=broker_haarlem)
    BottleneckStatusChange.objects.create(bottleneck=bottleneck, status=BottleneckStatus.SIGNALLED,
                                          date=dt.date(2025, 3, 4), by=broker_haarlem)
    client = login(broker_haarlem)
    url = reverse("ecosystem:bottleneck-detail", args=[bottleneck.pk])
    html = page(client, url, NL)
    signalled = html.split("Gesignaleerd door</dt><dd>", 1)[1].split("</dd>", 1)[0]
    assert signalled.endswith(", 04-03-2025"), signalled
    english = page(client, url, EN)
    assert ", 04/03/2025</dd>" in english


def test_spending_detail_writes_its_date_as_its_heading_does(login, broker_haarlem, haarlem):
    """In English the heading said 15/01/2024 and the row below it "Jan. 15, 2024"."""
    from brokers.models import Spending

    spending = Spending.objects.create(organisation=haarlem, date=dt.date(2024, 1, 15), description="Catering",
                                       amount=D("250"), recorded_by=broker_haarlem)
    client = login(broker_haarlem)
    for language, short in ((NL, "15-01-2024"), (EN, "15/01/2024")):
        html = page(client, spending.get_absolute_url(), language)
        row = re.search(r"<dd>([^<]*)</dd>", html.split(">Datum<" if language == NL else ">Date<", 1)[1])[1]
        assert row == short and f"{short} Catering" in html
