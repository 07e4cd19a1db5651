"""First-time-user review (small demo data): a person added to a team twice; staff sent into the
entrepreneur's helpdesk (the ask link, "Mijn vragen", a question filed to herself); the
administrator's menu offering the entrepreneur's pages; a definition check headed with another
municipality's definition than the one it is saved for. (The demo's mandate: test_workspace_demo.)"""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from brokers.constants import MemberRole
from brokers.helpdesk import services
from brokers.models import Case, TeamMember
from brokers.workspace.forms import TeamMemberForm
from enterprises.models import AdmissionRule, DefinitionCheck
from impactportal import access
from impactportal.ui.navigation import items_for
from tests import factories as f

pytestmark = pytest.mark.django_db

TWICE = "Deze persoon is al lid van dit team."
ASK = "Stel een vraag aan de makelaar van uw gemeente"
FOR_ENTREPRENEURS = "Deze pagina is voor ondernemers"


# --- 1. the same person twice in a team ---------------------------------------------------------
@pytest.fixture
def team(haarlem, broker_haarlem):
    team = f.broker_team(haarlem, "Makelaarsteam Haarlem")
    TeamMember.objects.create(team=team, user=broker_haarlem, role=MemberRole.ACCOUNT_MANAGER, department="economie")
    return team


def member_data(team, user, department="inkoop"):
    return {"team": team.pk, "user": user.pk, "name": "", "role": MemberRole.CORE_TEAM, "department": department}


def test_the_form_says_at_the_person_that_she_is_in_the_team_already(team, broker_haarlem):
    form = TeamMemberForm(member_data(team, broker_haarlem), user=broker_haarlem)
    assert not form.is_valid()
    assert form.errors == {"user": [TWICE]}


def test_the_page_refuses_the_second_membership(login, team, broker_haarlem, inkoper_haarlem):
    client = login(broker_haarlem)
    url = f"{reverse('brokers:member-create')}?team={team.pk}"
    response = client.post(url, member_data(team, broker_haarlem))
    assert response.status_code in (200, 400) and TWICE in response.content.decode()
    assert team.members.filter(user=broker_haarlem).count() == 1
    # Another person is welcome, and editing the one membership does not trip over itself.
    assert client.post(url, member_data(team, inkoper_haarlem)).status_code == 302
    own = team.members.get(user=broker_haarlem)
    form = TeamMemberForm(member_data(team, broker_haarlem, "economie"), instance=own, user=broker_haarlem)
    assert form.is_valid(), form.errors


def test_the_database_refuses_it_too_and_named_colleagues_may_share_a_name(team, broker_haarlem):
    TeamMember.objects.create(team=team, name="Beleidsadviseur", role=MemberRole.CORE_TEAM)
    TeamMember.objects.create(team=team, name="Beleidsadviseur", role=MemberRole.CORE_TEAM)
    with pytest.raises(ValidationError) as error:
        TeamMember(team=team, user=broker_haarlem, role=MemberRole.CORE_TEAM).full_clean()
    assert error.value.message_dict == {"user": [TWICE]}
    with pytest.raises(IntegrityError), transaction.atomic():
        TeamMember.objects.create(team=team, user=broker_haarlem, role=MemberRole.CORE_TEAM)


# --- 3. staff sent into the entrepreneur's helpdesk ---------------------------------------------
STAFF_FIXTURES = ["broker_haarlem", "inkoper_haarlem", "vastgoed", "partner_haarlem", "stuurgroep"]


@pytest.mark.parametrize("who", STAFF_FIXTURES)
def test_staff_are_not_offered_to_ask_and_not_let_ask(request, login, api, haarlem, who):
    user = request.getfixturevalue(who)
    assert not access.may_ask_helpdesk(user)
    client = login(user)
    assert ASK not in client.get(reverse("helpdesk:instrument-list")).content.decode()
    page = client.get(reverse("helpdesk:my-cases"))
    text = page.content.decode()
    assert page.status_code == 200 and FOR_ENTREPRENEURS in text
    assert 'id="self-register-link"' not in text and 'id="new-question"' not in text
    # Their own inbox where they have one (the steering group has none).
    assert ('id="staff-inbox-link"' in text) == (who != "stuurgroep")
    # Only who answers questions is told they do so in their organisation's desk.
    assert ("beantwoordt u vragen in de helpdesk" in text) == (who != "stuurgroep")
    assert ("geeft geen toegang tot de helpdesk" in text) == (who == "stuurgroep")
    new = client.get(reverse("helpdesk:case-new"))
    assert new.status_code == 403 and "Vragen aan de helpdesk stelt een ondernemer" in new.content.decode()
    posted = client.post(reverse("helpdesk:case-new"), {"organisation": haarlem.pk, "category": "other",
                                                         "subject": "Aan mezelf", "description": "Test"})
    assert posted.status_code == 403
    response = api(user).post("/api/v1/helpdesk/cases/", {"organisation": "haarlem", "category": "other",
                                                          "subject": "Aan mezelf", "description": "Test"},
                              format="json")
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.case_submit(submitter=user, organisation=haarlem, category="other", subject="x", description="y")
    assert not Case.objects.exists()


def test_entrepreneurs_and_visitors_keep_their_way_in(client, login, ondernemer_1, enterprise_haarlem, broker_haarlem):
    assert ASK in client.get(reverse("helpdesk:instrument-list")).content.decode()  # via sign-in
    entrepreneur = login(ondernemer_1)
    assert ASK in entrepreneur.get(reverse("helpdesk:instrument-list")).content.decode()
    text = entrepreneur.get(reverse("helpdesk:my-cases")).content.decode()
    assert 'id="new-question"' in text and FOR_ENTREPRENEURS not in text
    assert entrepreneur.get(reverse("helpdesk:case-new")).status_code == 200
    services.case_submit(submitter=ondernemer_1, enterprise=enterprise_haarlem, category="other", subject="x",
                         description="y")
    newcomer = f.UserFactory(username="nog-geen-rol")  # signed up, enterprise not linked yet
    assert access.may_ask_helpdesk(newcomer)
    assert login(newcomer).get(reverse("helpdesk:case-new")).status_code == 200


# --- 4. the administrator's menu ----------------------------------------------------------------
def labels(user):
    found = []
    for item in items_for(user, "/"):
        found += [str(child["label"]) for child in item.get("children", [item])]
    return found


def test_the_administrator_is_not_offered_the_entrepreneurs_pages(login, haarlem, ondernemer_1):
    admin = get_user_model().objects.create_superuser("admin", "beheer@example.org", "x")
    menu = labels(admin)
    assert "Mijn onderneming" not in menu and "Mijn vragen" not in menu
    assert "Helpdeskvragen" in menu  # the staff side stays
    assert {"Mijn onderneming", "Mijn vragen"} <= set(labels(ondernemer_1))
    assert {"Mijn onderneming", "Mijn vragen"} <= set(labels(f.UserFactory(username="nog-geen-rol")))
    # As other staff: the page explains, and offers no "Onderneming aanmelden" that answers 403.
    text = login(admin).get(reverse("helpdesk:my-cases")).content.decode()
    assert FOR_ENTREPRENEURS in text and 'id="self-register-link"' not in text and 'id="staff-inbox-link"' in text


# --- 5. the definition check of another municipality's enterprise -------------------------------
def test_the_check_shows_the_definition_it_is_saved_under(login, haarlem, amersfoort, broker_amersfoort,
                                                         enterprise_haarlem):
    AdmissionRule.objects.create(organisation=haarlem, platform_name="Kennemer Inkoop Platform",
                                 definition="Criterium van Haarlem: werkt met mensen uit de regio.")
    AdmissionRule.objects.create(organisation=amersfoort, platform_name="Impact Amersfoort",
                                 definition="Criterium van Amersfoort: lid van het netwerk.")
    client = login(broker_amersfoort)
    url = reverse("enterprises:definition-check", args=[enterprise_haarlem.pk])
    page = client.get(url).content.decode()
    assert "Criterium van Amersfoort" in page and "Definitie van Gemeente Amersfoort" in page
    assert "Criterium van Haarlem" not in page and "Definitie van Gemeente Haarlem" not in page
    client.post(url, {"impact_first": "true", "checked_on": "2026-01-05", "notes": ""})
    assert DefinitionCheck.objects.get(enterprise=enterprise_haarlem).organisation == amersfoort
