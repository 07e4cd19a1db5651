"""The team workspace (issue 13): spending against the budget, the team's qualities and diagram,
the action agenda with linked objects, the dashboard panel, the API and the indicators."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from brokers.constants import ActionStatus, MemberRole, PartnerRelation, TeamQuality
from brokers.indicators_toolbox import INDICATORS, actions_completed, toolbox_progress
from brokers.models import ActionLink, Spending, TeamMember, TeamPartner
from brokers.models.links import linkable_model
from brokers.toolbox import services as toolbox_services
from brokers.workspace import services, team
from ecosystem.models import Party
from impactportal.indicators import Period
from tests import factories as f

pytestmark = pytest.mark.django_db


def spend(org, line, amount, by, decision="", date=None):
    return services.spending_record(
        spending=Spending(organisation=org, budget_line=line, date=date or dt.date(line.year if line else 2025, 3, 1),
                          description="Netwerkbijeenkomst", amount=Decimal(amount), overspend_decision=decision),
        by=by)


# --- budget and spending ------------------------------------------------------------------------------
def test_remaining_per_line_and_year_and_overspending_needs_a_decision(haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2025, "1000.00")
    spend(haarlem, line, "600", broker_haarlem)
    [(row, spent, remaining)] = services.remaining_per_line([line])
    assert (spent, remaining) == (Decimal("600.00"), Decimal("400.00"))
    with pytest.raises(ValidationError) as error:
        spend(haarlem, line, "400.01", broker_haarlem)
    assert "amount" in error.value.message_dict and "400" in error.value.message_dict["amount"][0]
    assert Spending.objects.count() == 1
    spend(haarlem, line, "400.00", broker_haarlem)  # exactly what remains is fine
    over = spend(haarlem, line, "250", broker_haarlem, decision="College akkoord 12-5")
    assert over.decided_by == broker_haarlem
    [(row, spent, remaining)] = services.remaining_per_line([line])
    assert remaining == Decimal("-250.00")
    loose = Spending.objects.create(organisation=haarlem, date=dt.date(2024, 5, 1), description="City Deal",
                                    amount=Decimal("10000"), paying_programme="economy")
    years = services.per_year(services.remaining_per_line([line]), [loose])
    assert years[2024] == {"budget": 0, "spent": Decimal("10000"), "remaining": Decimal("-10000")}  # overspent
    assert years[2025]["budget"] == Decimal("1000.00") and years[2025]["spent"] == Decimal("1250.00")


def test_spending_is_refused_on_another_organisations_line_or_year(haarlem, amersfoort, broker_haarlem):
    line = f.budget_line(amersfoort, 2025)
    with pytest.raises(ValidationError) as error:
        spend(haarlem, line, "10", broker_haarlem)
    assert "budget_line" in error.value.message_dict
    own = f.budget_line(haarlem, 2025)
    with pytest.raises(ValidationError) as error:
        spend(haarlem, own, "10", broker_haarlem, date=dt.date(2024, 12, 31))
    assert "date" in error.value.message_dict


def test_spending_screen_refuses_overspending_with_a_clear_message(login, haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2025, "100.00")
    data = {"organisation": haarlem.pk, "budget_line": line.pk, "kind": "spending", "date": "2025-04-01",
            "description": "Te veel", "amount": "150", "paying_programme": "", "link_model": "", "link_id": ""}
    response = login(broker_haarlem).post(reverse("brokers:spending-create"), data)
    assert response.status_code == 200 and "meer dan er op de begrotingsregel over is" in response.content.decode()
    assert "(€\u00a0100,00)" in response.content.decode()  # what is left, in Dutch format
    assert not Spending.objects.exists()
    response = login(broker_haarlem).post(reverse("brokers:spending-create"),
                                          {**data, "overspend_decision": "Besluit MT 3 april"})
    assert response.status_code == 302 and Spending.objects.get().decided_by == broker_haarlem
    overview = login(broker_haarlem).get(reverse("brokers:budget-overview")).content.decode()
    assert "budget-chart" in overview and "-€&nbsp;50,00" in overview


def test_amounts_read_in_the_users_language_and_never_wrap_after_the_euro_sign(login, haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2025, "9000.00")
    spending = spend(haarlem, line, "7000", broker_haarlem)
    assert str(spending).endswith(": €\u00a07.000,00")
    client = login(broker_haarlem)
    url = reverse("brokers:spending-detail", args=[spending.pk])
    assert "<dd>€&nbsp;7.000,00</dd>" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    assert "<dd>€7,000.00</dd>" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_spending_api_and_scoping(api, haarlem, amersfoort, broker_haarlem, broker_amersfoort):
    line = f.budget_line(haarlem, 2025, "100.00")
    client = api(broker_haarlem)
    body = {"organisation": "haarlem", "budget_line": line.pk, "date": "2025-02-01", "description": "Zaal",
            "amount": "80.00"}
    created = client.post("/api/v1/brokers/spending/", body, format="json")
    assert created.status_code == 201 and created.json()["recorded_by"] == "makelaar-haarlem"
    refused = client.post("/api/v1/brokers/spending/", body, format="json")
    assert refused.status_code == 400 and "amount" in refused.json()
    assert api(broker_amersfoort).get("/api/v1/brokers/spending/").json()["results"] == []
    assert api(broker_amersfoort).get(f"/api/v1/brokers/spending/{created.json()['id']}/").status_code == 404
    foreign = {**body, "organisation": "amersfoort"}
    assert client.post("/api/v1/brokers/spending/", foreign, format="json").status_code == 403
    assert Spending.objects.get().organisation == haarlem


# --- team ----------------------------------------------------------------------------------------------
@pytest.fixture
def haarlem_team(haarlem, broker_haarlem):
    t = f.broker_team(haarlem, "Makelaarsteam Haarlem", qualities=[TeamQuality.AGILE])
    TeamMember.objects.create(team=t, user=broker_haarlem, role=MemberRole.ACCOUNT_MANAGER, department="economie",
                              qualities=[TeamQuality.CONNECTOR, TeamQuality.ACCOUNT_MANAGER])
    TeamMember.objects.create(team=t, name="Tweede accountmanager", role=MemberRole.ACCOUNT_MANAGER,
                              qualities=[TeamQuality.STRATEGIST])
    TeamMember.objects.create(team=t, name="Beleidsadviseur vastgoed", role=MemberRole.CORE_TEAM,
                              department="vastgoed", qualities=[TeamQuality.CONNECTOR])
    party = Party.objects.create(name="Stichting De Stadsgarage", category="intermediary")
    TeamPartner.objects.create(team=t, party=party, relation=PartnerRelation.COLLABORATION)
    return t


def test_team_qualities_say_who_brings_each_and_which_are_missing(haarlem_team):
    present, missing = team.qualities(haarlem_team)
    present = dict(present)
    broker = haarlem_team.members.get(user__isnull=False).display_name
    assert present["Verbinder"] == [broker, "Beleidsadviseur vastgoed"]
    assert present["Strateeg"] == ["Tweede accountmanager"]
    assert present["Wendbaar"] == []  # the team claims it, no member named
    assert "Ambassadeur" in missing and "Verbinder" not in missing and len(missing) == 11 - 4


def test_team_diagram_data_puts_brokers_in_the_centre_colleagues_around_and_partners_outside(haarlem_team):
    data = team.diagram_data(haarlem_team)
    rings = {}
    for node in data["nodes"]:
        rings.setdefault(node.ring, []).append(node.label)
    assert sorted(rings[0]) == sorted([str(haarlem_team.members.get(user__isnull=False)), "Tweede accountmanager"])
    assert rings[1] == ["Beleidsadviseur vastgoed"] and rings[2] == ["Stichting De Stadsgarage"]
    size = data["size"]
    centre = size / 2
    outer = next(n for n in data["nodes"] if n.ring == 2)
    inner = next(n for n in data["nodes"] if n.ring == 1)
    assert abs(((outer.x - centre) ** 2 + (outer.y - centre) ** 2) ** 0.5 - size * 0.43) < 1
    assert abs(((inner.x - centre) ** 2 + (inner.y - centre) ** 2) ** 0.5 - size * 0.28) < 1
    assert len(data["edges"]) == 2 + 1  # each outer node to the hub, and the two brokers together
    svg = team.diagram_svg(data, "Teamdiagram")
    assert svg.startswith("<svg") and "Stichting De Stadsgarage" in svg and svg.count("<circle") == 2 + 4


def test_team_page_and_diagram_are_the_organisations_own(login, haarlem_team, broker_amersfoort, broker_haarlem):
    page = login(broker_haarlem).get(haarlem_team.get_absolute_url()).content.decode()
    assert "Ontbreekt nog" in page and "Stichting De Stadsgarage" in page
    svg = login(broker_haarlem).get(reverse("brokers:team-diagram", args=[haarlem_team.pk]))
    assert svg["Content-Type"] == "image/svg+xml" and b"Tweede accountmanager" in svg.content
    assert login(broker_amersfoort).get(reverse("brokers:team-diagram", args=[haarlem_team.pk])).status_code == 404
    teams = login(broker_amersfoort).get("/api/v1/brokers/teams/").json()["results"]
    assert teams == []


def test_team_api_shows_members_partners_and_path(api, haarlem_team, broker_haarlem):
    [row] = api(broker_haarlem).get("/api/v1/brokers/teams/").json()["results"]
    assert {m["name"] for m in row["members"]} >= {"Tweede accountmanager", "Beleidsadviseur vastgoed"}
    assert row["partners"] == [{"id": row["partners"][0]["id"], "party": "Stichting De Stadsgarage",
                                "relation": "collaboration", "description": ""}]
    assert "innovation_path" in row


# --- action agenda --------------------------------------------------------------------------------------
def test_actions_open_overdue_progress_and_links(haarlem, amersfoort, login, api, broker_haarlem, broker_amersfoort,
                                                 enterprise_haarlem):
    today = timezone.localdate()
    late = f.agenda_action(haarlem, "Netwerkavond", due_date=today - dt.timedelta(days=1), owner=broker_haarlem)
    f.agenda_action(haarlem, "Website", due_date=today + dt.timedelta(days=9))
    done = f.agenda_action(haarlem, "Loket", status=ActionStatus.DONE, completed_on=today)
    f.agenda_action(amersfoort, "Actie Amersfoort")
    from brokers.models import Action

    assert set(Action.objects.filter(line__programme__organisation=haarlem).open().values_list("title", flat=True)) \
        == {"Netwerkavond", "Website"}
    assert list(Action.objects.overdue().values_list("title", flat=True)) == ["Netwerkavond"]
    link = ActionLink(action=late, link_model="enterprises.enterprise", link_id=enterprise_haarlem.pk)
    link.full_clean()
    link.save()
    assert link.linked_object(broker_haarlem) == enterprise_haarlem
    # A model that is not on the allow-list, or not installed yet, is refused and resolves to nothing.
    assert linkable_model("accounts.user") is None
    assert linkable_model("ecosystem.coalition") is None or linkable_model("ecosystem.coalition")._meta.label_lower \
        == "ecosystem.coalition"
    bad = ActionLink(action=late, link_model="accounts.user", link_id=broker_haarlem.pk)
    with pytest.raises(ValidationError):
        bad.full_clean()
    page = login(broker_haarlem).get(reverse("brokers:agenda-detail", args=[done.line.programme_id])).content.decode()
    assert "1 van 3 acties afgerond (33%)" in page and "te laat" in page
    assert login(broker_amersfoort).get(reverse("brokers:agenda-detail", args=[done.line.programme_id])) \
        .status_code == 404
    detail = login(broker_haarlem).get(reverse("brokers:action-detail", args=[late.pk])).content.decode()
    assert enterprise_haarlem.name in detail
    rows = api(broker_amersfoort).get("/api/v1/brokers/actions/").json()["results"]
    assert [r["title"] for r in rows] == ["Actie Amersfoort"]
    mine = api(broker_haarlem).get("/api/v1/brokers/actions/?status=open&overdue=true").json()["results"]
    assert [r["title"] for r in mine] == ["Netwerkavond"]
    assert mine[0]["links"] == [{"model": "enterprises.enterprise", "id": enterprise_haarlem.pk}]
    done_now = api(broker_haarlem).patch(f"/api/v1/brokers/actions/{late.pk}/", {"status": "done"}, format="json")
    assert done_now.status_code == 200 and done_now.json()["completed_on"] == today.isoformat()
    assert api(broker_amersfoort).patch(f"/api/v1/brokers/actions/{late.pk}/", {"status": "planned"},
                                        format="json").status_code == 404


# --- dashboard ------------------------------------------------------------------------------------------
def test_dashboard_shows_progress_actions_budget_and_missing_qualities(login, haarlem, broker_haarlem, haarlem_team):
    f.toolbox_edition()
    from brokers.models import Question

    toolbox_services.answer_save(organisation=haarlem, question=Question.objects.get(key="vision"), value="Stip",
                                 by=broker_haarlem)
    today = timezone.localdate()
    f.agenda_action(haarlem, "Te laat", due_date=today - dt.timedelta(days=3))
    line = f.budget_line(haarlem, today.year, "5000.00")
    spend(haarlem, line, "1200", broker_haarlem, date=today)
    page = login(broker_haarlem).get(reverse("dashboard")).content.decode()
    from brokers.toolbox.progress import organisation_progress

    progress = organisation_progress(broker_haarlem, haarlem)  # the toolbox page's count, linked questions too
    assert progress.answered >= 1
    assert 'data-figure="toolbox-progress"' in page and f"{progress.answered} van {progress.total} vragen beantwoord" in page
    assert "1 te laat" in page
    assert "€&nbsp;3.800" in page
    assert "teamkwaliteiten ontbreken" in page and "Ambassadeur" in page


def test_dashboard_toolbox_size_is_cached_until_the_edition_changes(haarlem, broker_haarlem, haarlem_team):
    """The current edition's size is the same for every broker and kept in the cache; a new
    question, or a new current edition (copied in one transaction), shows at once."""
    from brokers.dashboard import workspace_figures
    from brokers.models import Edition, Question
    from brokers.toolbox.services import edition_copy

    f.toolbox_edition()
    first = workspace_figures(broker_haarlem)["toolbox_questions"]
    assert first == Question.objects.count() > 0  # every question: linked ones count as on the toolbox page
    with CaptureQueriesContext(connection) as captured:
        workspace_figures(broker_haarlem)
    assert captured.captured_queries and not any('"brokers_edition"."is_current"' in query["sql"]
                                                 for query in captured.captured_queries)
    module = Question.objects.exclude(kind="linked").first().module
    Question.objects.create(module=module, key="extra", order=99, kind="text", text="Nog een vraag?")
    assert workspace_figures(broker_haarlem)["toolbox_questions"] == first + 1
    edition_copy(source=Edition.objects.current(), code="2027", title="Editie 2027", published_on=dt.date(2027, 1, 1))
    assert Edition.objects.current().code == "2027"
    assert workspace_figures(broker_haarlem)["toolbox_questions"] == first + 1  # the copy, counted anew


# --- indicators -----------------------------------------------------------------------------------------
def _period(start, end):
    tz = timezone.get_current_timezone()
    return Period(dt.datetime.combine(start, dt.time(), tz), dt.datetime.combine(end, dt.time(), tz), "p")


def test_indicator_toolbox_progress_per_organisation(haarlem, amersfoort, broker_haarlem, broker_amersfoort):
    f.toolbox_edition()
    from brokers.models import Question

    open_questions = Question.objects.exclude(kind="linked").count()
    toolbox_services.answer_save(organisation=haarlem, question=Question.objects.get(key="vision"), value="a",
                                 by=broker_haarlem)
    toolbox_services.answer_save(organisation=haarlem, question=Question.objects.get(key="alderman"), value=True,
                                 by=broker_haarlem)
    toolbox_services.answer_save(organisation=amersfoort, question=Question.objects.get(key="vision"), value="b",
                                 by=broker_amersfoort, draft=True)  # a draft does not count
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    # Linked questions count as on the toolbox page (live data); the saved answers as at the period's end.
    from brokers.toolbox.progress import linked
    from impactportal.accounts.models import User

    reader, linked_questions = User(is_superuser=True, is_active=True), list(Question.objects.filter(kind="linked"))
    total = Question.objects.count()
    assert open_questions < total

    def pct(organisation, saved):
        # The page's own test per question (``linked``), not the indicator's batched one.
        with_data = sum(linked(question, reader, organisation).has_data for question in linked_questions)
        return (Decimal(100) * (saved + with_data) / total).quantize(Decimal("0.1"))

    values = toolbox_progress(_period(dt.date(2020, 1, 1), tomorrow))
    assert values == {haarlem.pk: pct(haarlem, 2), amersfoort.pk: pct(amersfoort, 0)}
    assert toolbox_progress(_period(dt.date(2020, 1, 1), dt.date(2020, 2, 1))) == {haarlem.pk: pct(haarlem, 0),
                                                                                  amersfoort.pk: pct(amersfoort, 0)}
    assert {i.code for i in INDICATORS} == {"brokers.toolbox_progress", "brokers.actions_completed"}


def test_indicator_actions_completed_counts_per_organisation_in_the_period(haarlem, amersfoort):
    f.agenda_action(haarlem, "a", status=ActionStatus.DONE, completed_on=dt.date(2025, 3, 5))
    f.agenda_action(haarlem, "b", status=ActionStatus.DONE, completed_on=dt.date(2025, 3, 31))
    f.agenda_action(haarlem, "c", status=ActionStatus.DONE, completed_on=dt.date(2025, 4, 1))
    f.agenda_action(haarlem, "d", status=ActionStatus.IN_PROGRESS)
    f.agenda_action(amersfoort, "e", status=ActionStatus.DONE, completed_on=dt.date(2025, 3, 10))
    values = actions_completed(_period(dt.date(2025, 3, 1), dt.date(2025, 4, 1)))
    assert values == {haarlem.pk: Decimal(2), amersfoort.pk: Decimal(1)}


@pytest.mark.parametrize(("path", "body"), [
    ("/api/v1/brokers/spending/", {"organisation": "haarlem", "date": "2025-01-01", "description": "x",
                                   "amount": "1", "link_model": "accounts.user", "link_id": 1}),
    ("/api/v1/brokers/spending/", {"organisation": "haarlem", "date": "2025-01-01", "description": "x",
                                   "amount": "1", "link_model": "enterprises.enterprise", "link_id": 99999999}),
    ("/api/v1/brokers/spending/", {"organisation": "haarlem", "date": "2025-01-01", "description": "x",
                                   "amount": "-5"}),
    ("/api/v1/brokers/actions/", {"line": 99999999, "title": "x"}),
    ("/api/v1/brokers/actions/", {"title": "x", "module_number": 14}),
    ("/api/v1/toolbox/answers/", {"question": "abc", "value": 1}),
    ("/api/v1/toolbox/answers/", {"question": 1, "value": {"deep": [1, 2]}, "organisation": "niet-bestaand"}),
])
def test_bad_api_input_is_a_400_with_field_errors(api, haarlem, broker_haarlem, path, body):
    f.toolbox_edition()
    response = api(broker_haarlem).post(path, body, format="json")
    assert response.status_code == 400, response.content
    assert isinstance(response.json(), dict) and response.json()


@pytest.mark.parametrize("query", ["year=999999", "year=abc", "module=99999999999999999999", "overdue=misschien",
                                   "programme=1.5"])
def test_bad_filters_are_400_or_ignored_never_500(api, broker_haarlem, query):
    for path in ("/api/v1/brokers/spending/", "/api/v1/brokers/actions/"):
        assert api(broker_haarlem).get(f"{path}?{query}").status_code in (200, 400)
    assert api().get("/api/v1/toolbox/modules/99999999999999999999/").status_code == 404


def test_a_link_fills_in_the_line_and_module_of_a_new_action(login, haarlem, broker_haarlem):
    line = f.agenda_action(haarlem, "Netwerkavond").line
    client = login(broker_haarlem)
    filled = client.get(reverse("brokers:action-create") + f"?line={line.pk}&module=3").context["form"]
    assert (filled["line"].value(), filled["module_number"].value()) == (str(line.pk), "3")
    empty = client.get(reverse("brokers:action-create") + "?line=&module=%20").context["form"]
    assert (empty["line"].value(), empty["module_number"].value()) == (None, None)
