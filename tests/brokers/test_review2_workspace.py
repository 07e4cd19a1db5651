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
from brokers.models import ActionLink, Answer, Spending, TeamMember
from brokers.workspace import services
from tests import factories as f
from tests.pages import NOT_FOR_YOUR_ROLE
from tests.procurement import factories as procurement

pytestmark = pytest.mark.django_db

LISTS = ("brokers:team-list", "brokers:budget-list", "brokers:spending-list", "brokers:agenda-list",
         "brokers:action-list")


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
            "description": "Te veel", "amount": "150", "paying_programme": "", "link_model": "enterprises.enterprise", "link_id": "99999999"}
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
    assert "-€&nbsp;1.234,56" in row and "portal-badge--alert" in row
    # With a budget for the year, the tile's "left" is the overview's "left" (in whole euros).
    line = f.budget_line(haarlem, year, "5000.00")
    services.spending_record(spending=Spending(organisation=haarlem, budget_line=line, date=dt.date(year, 1, 3),
                                               description="Zaal", amount=Decimal("1000")), by=broker_haarlem)
    remaining = client.get(reverse("brokers:budget-overview")).context["years"][year]["remaining"]
    assert remaining == Decimal("2765.44")
    dashboard = client.get(reverse("dashboard")).content.decode()
    tile = re.search(r'data-figure="budget-status"><span class="portal-figure">([^<]+)</span>', dashboard).group(1)
    assert tile == "€&nbsp;2.765,44"  # cents, as every other amount on the dashboard


# --- 4. a linked object by its kind and its name ----------------------------------------------------
def test_a_linked_object_is_found_by_its_name_and_named_by_its_kind_in_the_history(
        login, haarlem, amersfoort, region, broker_haarlem, enterprise_haarlem, enterprise_amersfoort):
    client = login(broker_haarlem)
    form = client.get(reverse("brokers:spending-create")).content.decode()
    assert 'id="link-results" class="portal-link-results" aria-live="polite"' in form
    assert '<option value="enterprises.enterprise">Onderneming</option>' in form  # capitalised (review 5)
    # As the broker types: the objects of that kind they may see, by name; not Amersfoort's contract.
    search = reverse("brokers:link-search")
    found = client.get(search, {"link_model": "enterprises.enterprise", "link_search": "erij"}).content.decode()
    # Haarlem's own first, then by name ("Bakkerij Amersfoort" comes before "Fietsenmakerij Haarlem").
    assert found.index(enterprise_haarlem.name) < found.index(enterprise_amersfoort.name)
    assert f'value="{enterprise_haarlem.pk}"' in found and "2 gevonden" in found
    assert f"{enterprise_haarlem.name} ({enterprise_haarlem.municipality})" in found  # where it belongs
    rules = procurement.rule_set(region=region, name="Regeling ZKIJ")
    ours = procurement.contract(organisation=haarlem, title="Schoonmaak stadhuis Haarlem", rule_set=rules)
    theirs_rules = procurement.rule_set(organisation=amersfoort, name="Regeling Amersfoort")  # its own
    procurement.contract(organisation=amersfoort, title="Schoonmaak stadhuis Amersfoort", rule_set=theirs_rules)
    contracts = client.get(search, {"link_model": "procurement.contract", "link_search": "stadhuis"}).content.decode()
    assert f'value="{ours.pk}"' in contracts and "Amersfoort" not in contracts and "1 gevonden" in contracts
    assert "Typ minstens twee letters" in client.get(search, {"link_model": "enterprises.enterprise",
                                                              "link_search": "b"}).content.decode()
    assert "Kies eerst de soort object" in client.get(search, {"link_model": "accounts.user",
                                                               "link_search": "erij"}).content.decode()
    data = {"organisation": haarlem.pk, "kind": "spending", "date": "2025-04-01", "description": "Advies",
            "amount": "50", "paying_programme": "economy"}
    # Without choosing (or without JavaScript): the form shows what the name finds, saves nothing.
    typed = client.post(reverse("brokers:spending-create"), {**data, "link_model": "enterprises.enterprise",
                                                               "link_search": "erij"})
    assert typed.status_code == 200 and "Kies het object in de lijst." in typed.content.decode()
    assert f'value="{enterprise_haarlem.pk}"' in typed.content.decode() and not Spending.objects.exists()
    nothing = client.post(reverse("brokers:spending-create"), {**data, "link_model": "enterprises.enterprise",
                                                                 "link_search": "zzz"})
    assert "Geen onderneming gevonden met „zzz” in de naam." in nothing.content.decode()
    # Another municipality's contract, posted by its number, is refused as if it did not exist.
    theirs = procurement.contract(organisation=amersfoort, title="Groen onderhoud", rule_set=theirs_rules)
    refused = client.post(reverse("brokers:spending-create"), {**data, "link_model": "procurement.contract",
                                                                 "link_id": theirs.pk})
    assert "Dit object bestaat niet." in refused.content.decode() and not Spending.objects.exists()
    response = client.post(reverse("brokers:spending-create"), {**data, "link_model": "enterprises.enterprise",
                                                                  "link_id": enterprise_haarlem.pk})
    assert response.status_code == 302, response.context["form"].errors
    spending = Spending.objects.get()
    assert (spending.link_model, spending.link_id) == ("enterprises.enterprise", enterprise_haarlem.pk)
    page = client.get(spending.get_absolute_url()).content.decode()
    assert enterprise_haarlem.name in page
    history = page[page.index('id="history-heading"'):]
    assert "enterprises.enterprise" not in history
    assert "<strong>Soort gekoppeld object</strong>: onderneming" in history


def test_an_action_link_needs_its_object_and_the_search_is_for_who_may_link(login, haarlem, broker_haarlem,
                                                                              ondernemer_1, enterprise_haarlem):
    action = f.agenda_action(haarlem, "Netwerkavond")
    client = login(broker_haarlem)
    empty = client.post(reverse("brokers:action-link-create"), {"action": action.pk})
    assert "Kies de soort object, zoek het op naam en kies het in de lijst." in empty.content.decode()
    assert "Geen koppeling" not in empty.content.decode()
    assert not ActionLink.objects.exists()
    done = client.post(reverse("brokers:action-link-create"), {
        "action": action.pk, "link_model": "enterprises.enterprise", "link_id": enterprise_haarlem.pk})
    assert done.status_code == 302
    assert ActionLink.objects.get().linked_object(broker_haarlem) == enterprise_haarlem
    entrepreneur = login(ondernemer_1).get(reverse("brokers:link-search"), {
        "link_model": "enterprises.enterprise", "link_search": "bakkerij"})
    assert entrepreneur.status_code == 403
    # More than the list holds: the broker is asked for more of the name.
    for number in range(21):
        f.EnterpriseFactory(name=f"Kringloop {number:02d}", municipality=haarlem)
    many = login(broker_haarlem).get(reverse("brokers:link-search"), {"link_model": "enterprises.enterprise",
                                                       "link_search": "kringloop"}).content.decode()
    assert "Meer dan 20 gevonden; typ meer van de naam." in many
    assert "Kringloop 19" in many and "Kringloop 20" not in many


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
