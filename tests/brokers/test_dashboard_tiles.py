"""Every dashboard tile leads to exactly the list it counts (issue 8, item 13)."""

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from brokers.models import BudgetLine
from enterprises.constants import AdmissionStatus
from enterprises.models import ContactMoment
from tests import factories as f


def _tiles(content):
    """{data-figure: (figure shown, href)} of the dashboard's cards."""
    found = {}
    for href, name, figure in re.findall(
            r'<a class="portal-card" href="([^"]+)" data-figure="([^"]+)"><span class="portal-figure">([^<]+)</span>',
            content):
        found[name] = (figure, href.replace("&amp;", "&"))
    return found


def test_each_tile_lands_on_a_list_of_exactly_its_figure(login, broker_haarlem, haarlem, make_case, ondernemer_1,
                                                         enterprise_haarlem):
    f.EnterpriseFactory(name="Aangevraagd", municipality=haarlem, admission_status=AdmissionStatus.APPLIED)
    f.EnterpriseFactory(name="In behandeling", municipality=haarlem, admission_status=AdmissionStatus.UNDER_REVIEW)
    f.EnterpriseFactory(name="Toegelaten", municipality=haarlem, admission_status=AdmissionStatus.ADMITTED)
    today = timezone.localdate()
    for days, done in ((-3, False), (5, False), (2, True)):
        ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, kind="conversation",
                                     date=today - dt.timedelta(days=10), subject="Gesprek", owner=broker_haarlem,
                                     follow_up_on=today + dt.timedelta(days=days), follow_up_done=done)
    mine = make_case(ondernemer_1, enterprise_haarlem, subject="Aan mij")
    make_case(ondernemer_1, enterprise_haarlem, subject="Niet aan mij")
    mine.assigned_to = broker_haarlem
    mine.save()
    client = login(broker_haarlem)
    tiles = _tiles(client.get(reverse("dashboard")).content.decode())
    assert tiles["awaiting-admission"][0] == "2"
    assert tiles["my-follow-ups"][0] == "2"
    assert tiles["my-cases"][0] == "1"
    for name in ("awaiting-admission", "my-follow-ups", "my-cases", "open-cases", "overdue-cases"):
        figure, href = tiles[name]
        listed = client.get(href).context["table"].paginator.count
        assert listed == int(figure), (name, href)


def test_budget_tile_shows_the_current_year_and_says_when_none_is_set(login, broker_haarlem, haarlem):
    """One budget tile (what is left of this year's budget), not one for the total and another for
    what is left."""
    year = timezone.localdate().year
    BudgetLine.objects.create(organisation=haarlem, year=year - 2, kind="economy", description="Oud", amount=7000)
    client = login(broker_haarlem)
    content = client.get(reverse("dashboard")).content.decode()
    assert f"nog geen budget vastgelegd voor {year}" in content and "7.000" not in content
    BudgetLine.objects.create(organisation=haarlem, year=year, kind="economy", description="Nu", amount=12500)
    content = client.get(reverse("dashboard")).content.decode()
    tiles = _tiles(content)
    assert tiles["budget-status"][0] == "€&nbsp;12.500,00" and f"over van €&nbsp;12.500,00 in {year}" in content
    assert "budget" not in tiles
