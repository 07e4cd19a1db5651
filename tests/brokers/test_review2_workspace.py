"""User review 2 of the broker workspace and the helpdesk: a clear refusal instead of empty lists,
every error of the spending form at once, an overspend without a budget line, linked objects by
their page and name, a resolved case's facts and confirmations, an empty toolbox answer and the
team qualities tile."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from brokers.constants import MemberRole, TeamQuality
from brokers.models import Answer, Spending, TeamMember
from brokers.workspace import services
from tests import factories as f

pytestmark = pytest.mark.django_db

NOT_FOR_YOUR_ROLE = "Deze pagina is niet voor uw rol bedoeld."
LISTS = ("brokers:team-list", "brokers:budget-list", "brokers:spending-list", "brokers:agenda-list",
         "brokers:action-list")


@pytest.fixture
def partner_haarlem(haarlem):
    return f.partner(haarlem, f.partner_organisation(), "partner-haarlem")


@pytest.fixture
def haarlem_data(haarlem, broker_haarlem):
    """A team, a budget line with spending and an action of Haarlem: the lists are not empty."""
    team = f.broker_team(haarlem, "Makelaarsteam Haarlem")
    line = f.budget_line(haarlem, 2025, "1000.00")
    services.spending_record(spending=Spending(organisation=haarlem, budget_line=line, date=dt.date(2025, 3, 1),
                                               description="Zaalhuur", amount=Decimal("100")), by=broker_haarlem)
    f.agenda_action(haarlem, "Netwerkavond")
    return team


def _menu_links(client):
    return set(re.findall(r'href="([^"]+)"', client.get(reverse("dashboard")).content.decode()))


# --- 1. the network partner is refused, not shown empty lists -------------------------------------
def test_lists_refuse_roles_without_access_instead_of_showing_them_empty(login, haarlem_data, broker_haarlem,
                                                                        inkoper_haarlem, partner_haarlem):
    partner = login(partner_haarlem)
    for name in LISTS:
        response = partner.get(reverse(name))
        assert response.status_code == 403 and NOT_FOR_YOUR_ROLE in response.content.decode(), name
    assert not {reverse(name) for name in LISTS} & _menu_links(partner)
    broker = login(broker_haarlem)
    for name in LISTS:
        assert broker.get(reverse(name)).status_code == 200, name
    # A colleague reads teams and the action agenda (as their pages do), not budget or spending.
    colleague = login(inkoper_haarlem)
    page = colleague.get(reverse("brokers:team-list"))
    assert page.status_code == 200 and "Makelaarsteam Haarlem" in page.content.decode()
    assert colleague.get(reverse("brokers:action-list")).status_code == 200
    assert colleague.get(reverse("brokers:budget-list")).status_code == 403
    assert colleague.get(reverse("brokers:spending-list")).status_code == 403
    # The menu offers each role the lists it may open, no others.
    links = _menu_links(colleague)
    assert reverse("brokers:team-list") in links and reverse("brokers:agenda-list") in links
    assert reverse("brokers:budget-list") not in links and reverse("brokers:spending-list") not in links


# --- 2. the spending form shows every error at once -----------------------------------------------
def test_spending_form_shows_all_its_errors_in_one_submit(login, haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2025, "100.00")
    data = {"organisation": haarlem.pk, "budget_line": line.pk, "kind": "spending", "date": "2024-04-01",
            "description": "Te veel", "amount": "150", "paying_programme": "", "link_id": "/register/99999999/"}
    response = login(broker_haarlem).post(reverse("brokers:spending-create"), data)
    form = response.context["form"]
    assert set(form.errors) >= {"link_id", "date", "amount"}, form.errors
    content = response.content.decode()
    assert "Dit object bestaat niet." in content
    assert "De datum valt niet in het jaar van de begrotingsregel (2025)." in content
    assert "meer dan er op de begrotingsregel over is" in content
    assert not Spending.objects.exists()


# --- 3. the budget overview shows an overspend, as the dashboard tile does --------------------------
def test_spending_without_a_budget_line_is_an_overspend_in_the_overview_and_the_tile_agrees(
        login, haarlem, broker_haarlem):
    year = timezone.localdate().year
    services.spending_record(spending=Spending(organisation=haarlem, date=dt.date(year, 1, 2), description="City Deal",
                                               amount=Decimal("1234.56"), paying_programme="economy"),
                             by=broker_haarlem)
    client = login(broker_haarlem)
    overview = client.get(reverse("brokers:budget-overview"))
    assert overview.context["years"][year] == {"budget": 0, "spent": Decimal("1234.56"),
                                               "remaining": Decimal("-1234.56")}
    row = re.search(rf'<tr><th scope="row">{year}</th>(.*?)</tr>', overview.content.decode()).group(1)
    assert "€&nbsp;-1.234,56" in row and "portal-badge--alert" in row
    # With a budget for the year, the tile's "left" is the overview's "left" (in whole euros).
    line = f.budget_line(haarlem, year, "5000.00")
    services.spending_record(spending=Spending(organisation=haarlem, budget_line=line, date=dt.date(year, 1, 3),
                                               description="Zaal", amount=Decimal("1000")), by=broker_haarlem)
    remaining = client.get(reverse("brokers:budget-overview")).context["years"][year]["remaining"]
    assert remaining == Decimal("2765.44")
    dashboard = client.get(reverse("dashboard")).content.decode()
    tile = re.search(r'data-figure="budget-status"><span class="portal-figure">([^<]+)</span>', dashboard).group(1)
    assert tile == "€&nbsp;2.765"


# --- 4. a linked object by its page and its name ----------------------------------------------------
def test_a_linked_object_is_chosen_by_its_page_and_named_by_its_kind_in_the_history(login, haarlem, broker_haarlem,
                                                                                  enterprise_haarlem):
    client = login(broker_haarlem)
    form = client.get(reverse("brokers:spending-create")).content.decode()
    assert "kopieer het adres uit de adresbalk" in form and "onderneming" in form
    data = {"organisation": haarlem.pk, "kind": "spending", "date": "2025-04-01", "description": "Advies",
            "amount": "50", "paying_programme": "economy"}
    wrong = client.post(reverse("brokers:spending-create"), {**data, "link_id": "http://testserver/makelaars/teams/"})
    assert "Dit is niet het adres van de pagina van een object waaraan u kunt koppelen" in wrong.content.decode()
    address = f"http://testserver{enterprise_haarlem.get_absolute_url()}"
    response = client.post(reverse("brokers:spending-create"), {**data, "link_id": address})
    assert response.status_code == 302, response.context["form"].errors
    spending = Spending.objects.get()
    assert (spending.link_model, spending.link_id) == ("enterprises.enterprise", enterprise_haarlem.pk)
    page = client.get(spending.get_absolute_url()).content.decode()
    assert enterprise_haarlem.name in page
    history = page[page.index('id="history-heading"'):]
    assert "enterprises.enterprise" not in history
    assert "<strong>Soort gekoppeld object</strong>: onderneming" in history


# --- 5. the helpdesk case after "Opgelost"; confirmations ----------------------------------------------
def test_a_resolved_case_shows_when_it_was_resolved_and_actions_confirm(login, case_haarlem, broker_haarlem):
    client = login(broker_haarlem)
    url = reverse("helpdesk:case-detail", args=[case_haarlem.pk])
    assert "Oplossing uiterlijk" in client.get(url).content.decode()  # an open case: the deadline
    refer = client.post(reverse("helpdesk:case-refer", args=[case_haarlem.pk]), {"department": "inkoop", "note": ""},
                        follow=True)
    assert "Vraag doorverwezen naar Inkoop." in refer.content.decode()
    status = client.post(reverse("helpdesk:case-status", args=[case_haarlem.pk]), {"status": "resolved"},
                         follow=True)
    page = status.content.decode()
    assert "Status opgeslagen: Opgelost." in page
    case_haarlem.refresh_from_db()
    resolved = timezone.localtime(case_haarlem.resolved_at).strftime("%d-%m-%Y")
    facts = page[page.index('id="case-facts"'):page.index("</dl>", page.index('id="case-facts"'))]
    assert "klok staat stil" not in facts and "Oplossing uiterlijk" not in facts
    assert "Opgelost op" in facts and resolved in facts


# --- 6. toolbox: an empty answer; the qualities tile -----------------------------------------------------
def test_saving_an_empty_answer_says_it_was_cleared(login, haarlem, broker_haarlem):
    f.toolbox_edition()
    client = login(broker_haarlem)
    question = f.toolbox_question("vision")
    url = reverse("brokers:toolbox-answer", args=[question.pk])
    saved = client.post(url, {"value": "Onze stip", "submit": "save"}, follow=True).content.decode()
    assert "Uw antwoord is opgeslagen." in saved
    cleared = client.post(url, {"value": "  ", "submit": "save"}, follow=True).content.decode()
    assert "Uw antwoord is opgeslagen." not in cleared
    assert "Het antwoord is leeggemaakt: deze vraag telt niet als beantwoord." in cleared
    assert not Answer.objects.get(question=question, organisation=haarlem).is_answered


def test_the_missing_qualities_tile_links_to_where_the_qualities_are(login, haarlem, broker_haarlem):
    team = f.broker_team(haarlem, "Makelaarsteam Haarlem")
    TeamMember.objects.create(team=team, user=broker_haarlem, role=MemberRole.ACCOUNT_MANAGER,
                              qualities=[TeamQuality.CONNECTOR])
    client = login(broker_haarlem)
    dashboard = client.get(reverse("dashboard")).content.decode()
    href = re.search(r'<a class="portal-card" href="([^"]+)" data-figure="missing-qualities">', dashboard).group(1)
    assert href == f"{team.get_absolute_url()}#team-qualities"
    page = client.get(href.split("#")[0]).content.decode()
    assert 'id="team-qualities"' in page and "Ontbreekt nog" in page and "Ambassadeur" in page
