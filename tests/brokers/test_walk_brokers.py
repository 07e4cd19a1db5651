"""A tester's walk through the broker workspace (team, budget, spending, toolbox, action programme):
dates and amounts out of bounds were accepted, a team was deleted with its people without a word,
people who cannot open an action were offered as its owner, an administrator's budget added
municipalities together, and pages left out what a broker needs (spent and remaining, the way to
remove a member, the typed answer on a conflict, the programme of an action, what to make first)."""

import datetime as dt
import html
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from brokers.models import (
    Action,
    ActionLine,
    ActionLink,
    ActionProgramme,
    BrokerTeam,
    BudgetLine,
    Mandate,
    Spending,
    TeamMember,
    TeamPartner,
    people,
)
from brokers.toolbox import services as toolbox_services
from brokers.toolbox import stale
from brokers.workspace import services
from impactportal.ui import versions
from tests import factories as f
from tests.procurement import factories as procurement

pytestmark = pytest.mark.django_db

SPENDINGS = "/api/v1/brokers/spending/"
BUDGET_LINES = "/api/v1/budget-lines/"


def _today():
    return timezone.localdate()


def _latest_year():
    return _today().year + 10


def _page(response) -> str:
    return html.unescape(response.content.decode())


def _errors(response, field):
    return response.context["form"].errors.get(field, [])


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("beheer", "beheer@example.org", "x")


# --- 1. spending: not before 2000, a commitment not beyond this year + 10 ---------------------------------
def _spending(haarlem, **kwargs):
    return {"organisation": haarlem.pk, "kind": "spending", "date": "2025-04-01", "description": "Zaalhuur",
            "amount": "100", "paying_programme": "economy", **kwargs}


@pytest.mark.parametrize(("kind", "date", "message"), [
    ("spending", "1900-01-01", "Vul een datum in vanaf 01-01-2000; controleer het jaar."),
    ("commitment", "1999-12-31", "Vul een datum in vanaf 01-01-2000; controleer het jaar."),
    ("commitment", "9999-01-01", "Deze datum ligt te ver vooruit. Vul een datum in tot en met 31-12-{latest}; "
                                 "controleer het jaar."),
    ("commitment", "2100-01-01", "Deze datum ligt te ver vooruit. Vul een datum in tot en met 31-12-{latest}; "
                                 "controleer het jaar."),
])
def test_a_spending_dated_out_of_the_budget_years_is_refused_on_its_date(login, haarlem, broker_haarlem, kind,
                                                                        date, message):
    response = login(broker_haarlem).post(reverse("brokers:spending-create"), _spending(haarlem, kind=kind, date=date))
    assert response.status_code == 200
    assert _errors(response, "date") == [message.format(latest=_latest_year())]
    assert not Spending.objects.exists()


def test_a_commitment_up_to_the_last_budget_year_is_accepted_and_the_year_filter_reaches_it(
        login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    last_day = f"{_latest_year()}-12-31"
    response = client.post(reverse("brokers:spending-create"), _spending(haarlem, kind="commitment", date=last_day))
    assert response.status_code == 302, response.context["form"].errors
    # The list's year filter has the same bounds as the dates (it offered 2000-2100).
    listed = client.get(reverse("brokers:spending-list"), {"year": _latest_year()})
    assert listed.context["table"].paginator.count == 1
    beyond = client.get(reverse("brokers:spending-list"), {"year": _latest_year() + 1})
    assert beyond.context["filter"].errors and "year" in beyond.context["filter"].errors


def test_the_api_and_the_admin_refuse_the_same_dates(api, haarlem, broker_haarlem):
    response = api(broker_haarlem).post(SPENDINGS, {"organisation": "haarlem", "kind": "commitment",
                                                    "date": "9999-01-01", "description": "Ver vooruit",
                                                    "amount": "100.00"}, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400 and list(response.json()) == ["date"]
    old = Spending(organisation=haarlem, kind="spending", date=dt.date(1900, 1, 1), description="Oud", amount=1)
    with pytest.raises(ValidationError) as refused:  # the admin validates through the model
        old.full_clean()
    assert set(refused.value.message_dict) == {"date"}
    assert not Spending.objects.exists()


# --- 2. an action programme is adopted on a day that has been, not before 1990 ----------------------------
@pytest.mark.parametrize(("adopted_on", "message"), [
    ("9999-01-01", "De datum van het besluit ligt in de toekomst. Kies vandaag of een eerdere datum."),
    ("1900-01-01", "Vul een datum in vanaf 01-01-1990; controleer het jaar."),
])
def test_an_adoption_in_the_future_or_before_1990_is_refused(login, haarlem, broker_haarlem, adopted_on, message):
    data = {"organisation": haarlem.pk, "title": "Actieprogramma 2026", "first_year": 2026, "last_year": 2028,
            "adopted_on": adopted_on}
    response = login(broker_haarlem).post(reverse("brokers:agenda-create"), data)
    assert response.status_code == 200 and _errors(response, "adopted_on") == [message]
    assert not ActionProgramme.objects.exists()
    today = login(broker_haarlem).post(reverse("brokers:agenda-create"), {**data, "adopted_on": _today().isoformat()})
    assert today.status_code == 302 and ActionProgramme.objects.get().adopted_on == _today()


# --- 3. deleting a team says what goes with it ------------------------------------------------------------
@pytest.fixture
def team(haarlem, broker_haarlem, inkoper_haarlem):
    from ecosystem.models import Party

    team = f.broker_team(haarlem, "Makelaarsteam Haarlem")
    TeamMember.objects.create(team=team, user=broker_haarlem, role="broker")
    TeamMember.objects.create(team=team, user=inkoper_haarlem, role="core_team")
    TeamMember.objects.create(team=team, name="Beleidsadviseur werk", role="core_team")
    party = Party.objects.create(name="Stichting De Stadsgarage", category="intermediary")
    TeamPartner.objects.create(team=team, party=party, relation="collaboration")
    Mandate.objects.create(team=team, granted_by="College van B&W", scope="Actieprogramma",
                           valid_from=dt.date(2020, 5, 19))
    return team


def test_the_team_delete_page_counts_the_members_partners_and_mandates_that_go_with_it(login, broker_haarlem, team):
    client = login(broker_haarlem)
    page = _page(client.get(reverse("brokers:team-delete", args=[team.pk])))
    listed = page[page.index('id="team-delete-with"'):]
    listed = listed[:listed.index("</div>")]
    assert "Met team Makelaarsteam Haarlem verwijdert u ook:" in listed
    assert "3 teamleden" in listed and "1 externe partner" in listed and "1 mandaat" in listed
    assert client.post(reverse("brokers:team-delete", args=[team.pk])).status_code == 302
    assert not (BrokerTeam.objects.exists() or TeamMember.objects.exists() or Mandate.objects.exists())


def test_an_empty_team_is_deleted_without_the_list(login, haarlem, broker_haarlem):
    team = f.broker_team(haarlem, "Leeg team")
    page = _page(login(broker_haarlem).get(reverse("brokers:team-delete", args=[team.pk])))
    assert "team-delete-with" not in page and "Weet u zeker dat u Leeg team wilt verwijderen?" in page


# --- 4. a budget line: more than € 0, a year from 2000 up to this year + 10 -------------------------------
def _line(haarlem, **kwargs):
    return {"organisation": haarlem.pk, "year": _today().year, "kind": "other", "description": "Programma",
            "amount": "1000", **kwargs}


@pytest.mark.parametrize(("field", "value", "message"), [
    ("amount", "0", "Vul een bedrag groter dan nul in."),
    ("year", "2100", "Vul een jaar in tot en met {latest}."),
    ("year", "1999", "Vul een jaar in vanaf 2000."),
])
def test_a_budget_line_of_nothing_or_out_of_the_years_is_refused(login, api, haarlem, broker_haarlem, field, value,
                                                                message):
    message = message.format(latest=_latest_year())
    response = login(broker_haarlem).post(reverse("brokers:budget-create"), _line(haarlem, **{field: value}))
    assert response.status_code == 200 and _errors(response, field) == [message]
    body = {"organisation": "haarlem", "year": _today().year, "kind": "other", "amount": "1000.00", field: value}
    refused = api(broker_haarlem).post(BUDGET_LINES, body, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert refused.status_code == 400 and field in refused.json()
    assert not BudgetLine.objects.exists()
    latest = login(broker_haarlem).post(reverse("brokers:budget-create"), _line(haarlem, year=_latest_year()))
    assert latest.status_code == 302


# --- 5. an action's owner and a team member can open what they are named in --------------------------------
def _options(page, name) -> dict:
    select = page[page.index(f'name="{name}"'):]
    select = select[:select.index("</select>")]
    return dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]*)</option>', select))


def test_a_network_partner_is_offered_neither_as_owner_nor_as_member(login, haarlem, broker_haarlem, inkoper_haarlem,
                                                                     partner_haarlem, team):
    client = login(broker_haarlem)
    action = f.agenda_action(haarlem, "Netwerkavond")
    owners = _options(_page(client.get(reverse("brokers:action-create"))), "owner")
    assert str(broker_haarlem.pk) in owners and str(inkoper_haarlem.pk) in owners
    assert str(partner_haarlem.pk) not in owners
    members = _options(_page(client.get(reverse("brokers:member-create"))), "user")
    assert str(broker_haarlem.pk) in members and str(partner_haarlem.pk) not in members
    # Posted anyway (an old page, the admin): refused by the model, on the field.
    response = client.post(reverse("brokers:action-update", args=[action.pk]), {
        "line": action.line_id, "title": action.title, "status": "planned", "owner": partner_haarlem.pk})
    assert response.status_code == 200 and "owner" in response.context["form"].errors
    assert Action.objects.get().owner is None
    stored = Action(line=action.line, title="Via de beheeromgeving", owner=partner_haarlem)
    with pytest.raises(ValidationError) as refused:
        stored.full_clean()
    assert "kan de acties van Gemeente Haarlem niet openen" in refused.value.message_dict["owner"][0]
    member = TeamMember(team=team, user=partner_haarlem, role="other")
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert set(refused.value.message_dict) == {"user"}


# --- 6. an administrator's budget overview, per organisation ---------------------------------------------
def test_the_budget_overview_of_several_organisations_keeps_them_apart(login, admin, haarlem, amersfoort,
                                                                        broker_haarlem):
    year = _today().year
    f.budget_line(haarlem, year, "5000.00")
    f.budget_line(amersfoort, year, "3000.00")
    services.spending_record(spending=Spending(organisation=amersfoort, date=dt.date(year, 1, 2),
                                               description="City Deal Amersfoort", amount=Decimal("700"),
                                               paying_programme="economy"), by=admin)
    client = login(admin)
    response = client.get(reverse("brokers:budget-overview"))
    groups = {organisation.slug: years for organisation, years in response.context["groups"]}
    assert groups["haarlem"][year] == {"budget": Decimal("5000"), "spent": 0, "remaining": Decimal("5000")}
    assert groups["amersfoort"][year] == {"budget": Decimal("3000"), "spent": Decimal("700"),
                                          "remaining": Decimal("2300")}
    page = _page(response)
    assert "Per jaar: Gemeente Amersfoort" in page and "Per jaar: Gemeente Haarlem" in page
    assert "€ 8.000,00" not in page.replace("\xa0", " ")  # never the two together
    loose = page[page.index('id="budget-loose"'):]
    assert "Gemeente Amersfoort · " in loose[:loose.index("</ul>")]  # the spending names its organisation
    one = client.get(reverse("brokers:budget-overview"), {"organisation": "amersfoort"})
    assert one.context["years"][year]["budget"] == Decimal("3000") and 'data-chart="budget-chart"' in _page(one)
    # A broker of one municipality sees its years as before, with the chart.
    mine = login(broker_haarlem).get(reverse("brokers:budget-overview"))
    assert list(mine.context["years"]) == [year] and 'data-chart="budget-chart"' in _page(mine)


# --- 7. a budget line shows what is spent on it and what remains ------------------------------------------
def test_the_budget_line_page_shows_spent_remaining_and_links_its_spending(login, haarlem, broker_haarlem,
                                                                          django_assert_max_num_queries):
    year = _today().year
    line = f.budget_line(haarlem, year, "1000.00")
    for amount in ("250.50", "100"):
        services.spending_record(spending=Spending(organisation=haarlem, budget_line=line, date=dt.date(year, 1, 2),
                                                   description="Zaal", amount=Decimal(amount)), by=broker_haarlem)
    client = login(broker_haarlem)
    response = client.get(reverse("brokers:budget-detail", args=[line.pk]))
    assert (response.context["spent"], response.context["remaining"]) == (Decimal("350.50"), Decimal("649.50"))
    page = response.content.decode()
    assert re.search(r'id="budget-spent">€&nbsp;350,50<', page) and re.search(r'id="budget-remaining">€&nbsp;649,50<',
                                                                               page)
    link = f"{reverse('brokers:spending-list')}?budget_line={line.pk}"
    assert f'href="{link}"' in page
    assert client.get(link).context["table"].paginator.count == 2


# --- 8. members and partners can be removed from the team page --------------------------------------------
def test_the_team_page_links_removing_a_member_or_partner_for_who_may(login, broker_haarlem, inkoper_haarlem, team):
    member = team.members.get(name="Beleidsadviseur werk")
    partner = team.partners.get()
    page = login(broker_haarlem).get(team.get_absolute_url()).content.decode()
    remove = reverse("brokers:member-delete", args=[member.pk])
    assert re.search(rf'href="{remove}"[^>]*>Verwijderen<span class="visually-hidden">: Beleidsadviseur werk'
                     r"</span></a>", page)
    assert reverse("brokers:partner-delete", args=[partner.pk]) in page
    assert 'class="visually-hidden">: Stichting De Stadsgarage</span>' in page
    colleague = login(inkoper_haarlem).get(team.get_absolute_url()).content.decode()
    assert remove not in colleague and reverse("brokers:partner-delete", args=[partner.pk]) not in colleague
    # Removed, back on the team's page.
    removed = login(broker_haarlem).post(remove)
    assert removed.status_code == 302 and removed.url == team.get_absolute_url()
    assert not TeamMember.objects.filter(pk=member.pk).exists()


# --- 9. a toolbox conflict keeps what the broker typed ----------------------------------------------------
def test_a_conflicting_answer_is_shown_read_only_beside_the_saved_one(login, haarlem, broker_haarlem):
    f.toolbox_edition()
    question = f.toolbox_question("vision")
    colleague = f.broker(haarlem, "makelaar-haarlem-2")
    toolbox_services.answer_save(organisation=haarlem, question=question, value="Eerste visie", by=broker_haarlem)
    loaded = stale.version_of(question.answers.get())
    toolbox_services.answer_save(organisation=haarlem, question=question, value="Visie van de collega", by=colleague)
    typed = "Een lange visie\nmet twee regels"
    response = login(broker_haarlem).post(reverse("brokers:toolbox-answer", args=[question.pk]),
                                          {"value": typed, "submit": "save", versions.FIELD: loaded})
    assert response.status_code == 409
    page = _page(response)
    assert 'name="value" rows="4">Visie van de collega</textarea>' in page  # the form: the saved answer
    unsaved = re.search(r'<label class="utrecht-form-label" for="(niet-opgeslagen-\d+)">Uw tekst \(niet opgeslagen\)'
                        r'</label>.*?<textarea[^>]*id="\1"[^>]*readonly[^>]*>(.*?)</textarea>', page, re.S)
    assert unsaved and unsaved.group(2) == typed


# --- 10. the programme of an action, in the list, the export and the filter -------------------------------
def test_actions_of_two_programmes_are_told_apart(login, haarlem, broker_haarlem):
    first = ActionProgramme.objects.create(organisation=haarlem, title="Actieprogramma Impact Ondernemen 2020-2024",
                                           first_year=2020, last_year=2024)
    follow_up = ActionProgramme.objects.create(organisation=haarlem, title="Vervolgprogramma", first_year=2025,
                                               last_year=2028)
    for programme, title in ((first, "Loket oud"), (follow_up, "Loket nieuw")):
        line = ActionLine.objects.create(programme=programme, number=1, title="Dienstverlening")
        Action.objects.create(line=line, title=title, status="done")
    client = login(broker_haarlem)
    page = _page(client.get(reverse("brokers:action-list")))
    row = page[page.index("Loket nieuw"):]
    assert "Vervolgprogramma (2025–2028)" in row[:row.index("</tr>")]
    row = page[page.index("Loket oud"):]
    assert "Actieprogramma Impact Ondernemen 2020-2024" in row[:row.index("</tr>")]
    csv = client.get(reverse("brokers:action-list"), {"_export": "csv"}).content.decode("utf-8-sig")
    assert "Actieprogramma" in csv.splitlines()[0] and "Vervolgprogramma (2025–2028)" in csv
    # The filter is a visible choice by name, not a hidden number.
    assert _options(page, "programme") == {str(follow_up.pk): "Vervolgprogramma (2025–2028)",
                                           str(first.pk): "Actieprogramma Impact Ondernemen 2020-2024"}
    assert not re.search(r'<input type="hidden" name="programme"', page)
    narrowed = client.get(reverse("brokers:action-list"), {"programme": follow_up.pk})
    assert [action.title for action in narrowed.context["table"].data] == ["Loket nieuw"]


# --- 11. empty states: a programme without lines, an organisation without a programme ---------------------
def test_a_programme_without_lines_says_so(login, haarlem, broker_haarlem, inkoper_haarlem):
    programme = ActionProgramme.objects.create(organisation=haarlem, title="Nieuw programma", first_year=2026,
                                               last_year=2028)
    page = _page(login(broker_haarlem).get(programme.get_absolute_url()))
    assert "Dit actieprogramma heeft nog geen actielijnen. Een actie hoort bij een actielijn" in page
    assert "Dit actieprogramma heeft nog geen actielijnen." in _page(login(inkoper_haarlem).get(
        programme.get_absolute_url()))


def test_without_a_programme_the_action_list_says_to_make_one_first(login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    page = _page(client.get(reverse("brokers:action-list")))
    assert "Voeg de eerste toe" not in page and f'href="{reverse("brokers:action-create")}"' not in page
    step = page[page.index('id="action-first-step"'):]
    assert "Maak eerst een actieprogramma" in step and f'href="{reverse("brokers:agenda-create")}"' in step
    form = _page(client.get(reverse("brokers:action-create")))
    assert "Maak eerst een actieprogramma" in form
    # A programme without lines: a line first, in that programme.
    programme = ActionProgramme.objects.create(organisation=haarlem, title="Programma", first_year=2026,
                                               last_year=2028)
    page = _page(client.get(reverse("brokers:action-list")))
    assert "Voeg eerst een actielijn toe aan actieprogramma „Programma (2026–2028)”" in page
    assert f'href="{reverse("brokers:line-create")}?programme={programme.pk}"' in page
    ActionLine.objects.create(programme=programme, number=1, title="Netwerk")
    page = _page(client.get(reverse("brokers:action-list")))
    assert "action-first-step" not in page and "Voeg de eerste toe" in page


# --- 12. the action-link form: no "Geen koppeling", one message for a hidden object -----------------------
def test_the_action_link_search_offers_no_empty_choice(login, haarlem, broker_haarlem, enterprise_haarlem):
    client = login(broker_haarlem)
    form = client.get(reverse("brokers:action-link-create")).content.decode()
    assert 'hx-vals="{&quot;link_required&quot;: &quot;1&quot;}"' in form
    query = {"link_model": "enterprises.enterprise", "link_search": enterprise_haarlem.name[:5]}
    assert "Geen koppeling" not in client.get(reverse("brokers:link-search"), {**query, "link_required": "1"}).content.decode()
    assert "Geen koppeling" in client.get(reverse("brokers:link-search"), query).content.decode()  # spending


def test_a_hidden_object_is_said_not_to_exist_once(login, haarlem, amersfoort, broker_haarlem):
    action = f.agenda_action(haarlem, "Netwerkavond")
    rules = procurement.rule_set(organisation=amersfoort, name="Regeling Amersfoort")
    theirs = procurement.contract(organisation=amersfoort, title="Groen onderhoud", rule_set=rules)
    response = login(broker_haarlem).post(reverse("brokers:action-link-create"), {
        "action": action.pk, "link_model": "procurement.contract", "link_id": theirs.pk})
    assert response.status_code == 200
    assert dict(response.context["form"].errors) == {"link_id": ["Dit object bestaat niet."]}
    assert "Geef zowel de soort als het nummer" not in _page(response) and not ActionLink.objects.exists()


# --- the demo keeps to the new rules -----------------------------------------------------------------------
def test_the_seeded_workspace_passes_every_new_rule():
    call_command("seed_demo", stdout=io.StringIO())
    for model in (Spending, BudgetLine, ActionProgramme, Action, TeamMember, Mandate):
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            row.full_clean()
    # Owners and members with an account (stored rows skip the check while unchanged): who can open them.
    for action in Action.objects.filter(owner__isnull=False).select_related("owner", "line__programme"):
        assert people.sees(action.owner, Action, action.line.programme.organisation_id), action
    for member in TeamMember.objects.filter(user__isnull=False).select_related("user", "team"):
        assert people.sees(member.user, TeamMember, member.team.organisation_id), member


def test_the_action_list_opens_on_every_toolbox_module(login, broker_haarlem):
    """The module filter had no empty choice: the list opened showing module 1 as if it were chosen,
    and "Filteren" with another filter narrowed the list to it unasked."""
    import re

    from django.urls import reverse

    page = login(broker_haarlem).get(reverse("brokers:action-list")).content.decode()
    select = re.search(r'<select[^>]*name="module"[^>]*>(.*?)</select>', page, re.S).group(1)
    assert re.match(r'\s*<option value="" selected>Alle</option>', select), select[:200]
    filtered = login(broker_haarlem).get(reverse("brokers:action-list") + "?module=&status=open")
    assert filtered.status_code == 200 and not filtered.context["filter"].form.errors
