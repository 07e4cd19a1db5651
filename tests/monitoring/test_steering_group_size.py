"""A steering group may have members without a portal account, so the number of its accounts is no
bound on a decision's votes: the group records its size (``SteeringGroup.member_count``, members
without an account included) and the votes are compared with that; left empty, its accounts are
counted (``test_steering_vote_count``). The group's own page sets the size (at least 1, not fewer
than the accounts listed), the steering page shows it beside the accounts, the change log names it."""

import pytest
from django.core.exceptions import ValidationError

from impactportal import audit
from monitoring import services
from monitoring.models import Review, SteeringGroup
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/monitoring/reviews/"
SEVEN = {"votes_for": 5, "votes_against": 1, "votes_abstain": 1}


@pytest.fixture
def group(programme, chair):
    """Three accounts (the chair and two more) of a steering group of nine."""
    for n in (2, 3):
        f.steering(programme, f"lid-{n}")
    group = SteeringGroup.objects.get(programme=programme)
    group.member_count = 9
    group.save()
    return group


@pytest.fixture
def programme_report(snapshots, chair, group, run_report):
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=group.programme)
    return report


def decisions():
    return Review.objects.filter(kind="decision")


def edit_url(group):
    return f"/monitoring/stuurgroep/{group.pk}/wijzigen/"


def test_a_recorded_size_allows_more_votes_than_accounts(programme_report, chair, login, api):
    assert services.steering_size(programme_report) == services.GroupSize(9, recorded=True)
    response = login(chair).post(programme_report.get_absolute_url(), {
        "op": "decide", "outcome": "changes_requested", "note": "Per thema", "votes_for": "2",
        "votes_against": "6", "votes_abstain": "1"})
    assert response.status_code == 302
    response = api(chair).post(URL, {"report": programme_report.pk, "kind": "decision", "outcome": "approved",
                                     **SEVEN}, format="json")
    assert response.status_code == 201, response.json()
    assert [(r.votes_for, r.votes_against, r.votes_abstain) for r in decisions()] == [(2, 6, 1), (5, 1, 1)]


def test_a_recorded_size_bounds_the_votes(programme_report, chair, login, api):
    message = "Er zijn 10 stemmen opgegeven, maar de stuurgroep heeft 9 leden."
    votes = {"votes_for": 8, "votes_against": 1, "votes_abstain": 1}
    with pytest.raises(ValidationError) as refused:
        services.review_decide(report=programme_report, by=chair, outcome="approved", **votes)
    assert refused.value.message_dict["votes_for"] == [message]
    response = login(chair).post(programme_report.get_absolute_url(), {"op": "decide", "outcome": "approved",
                                                                       **votes})
    assert response.status_code == 400
    assert response.context["decision_form"].errors["votes_for"] == [message]
    response = api(chair).post(URL, {"report": programme_report.pk, "kind": "decision", "outcome": "approved",
                                     **votes}, format="json")
    assert response.status_code == 400 and response.json()["votes_for"] == [message]
    assert not decisions().exists()


def test_the_size_is_read_when_deciding(programme_report, group, chair):
    """A size recorded (or emptied) after the page was opened counts as it stands when deciding."""
    group.member_count = None
    group.save()
    with pytest.raises(ValidationError) as refused:
        services.review_decide(report=programme_report, by=chair, outcome="approved", **SEVEN)
    assert refused.value.message_dict["votes_for"] == [
        "Er zijn 7 stemmen opgegeven, maar de stuurgroep heeft 3 leden met een account. Heeft de stuurgroep ook "
        "leden zonder account? Vul dan het aantal leden in bij de stuurgroep."]
    group.member_count = 7
    group.save()
    services.review_decide(report=programme_report, by=chair, outcome="approved", **SEVEN)
    assert decisions().count() == 1


def test_the_decision_form_says_members_without_an_account_count(programme_report, chair, login):
    page = login(chair).get(programme_report.get_absolute_url()).content.decode()
    assert "Tel alle stemmende leden, ook wie geen account in het portaal heeft." in page


def test_the_steering_page_shows_the_size_and_links_its_form(group, chair, login):
    page = login(chair).get("/monitoring/stuurgroep/").content.decode()
    assert "9 leden, van wie 3 met een account" in page
    assert f'href="{edit_url(group)}"' in page
    group.member_count = None
    group.save()
    page = login(chair).get("/monitoring/stuurgroep/").content.decode()
    assert "niet vastgelegd; 3 leden met een account" in page


def test_the_group_sets_its_size_on_its_own_page(group, chair, login):
    client = login(chair)
    page = client.get(edit_url(group))
    assert page.status_code == 200 and "ook wie geen account in het portaal heeft" in page.content.decode()
    response = client.post(edit_url(group), {"member_count": "12"})
    assert response.status_code == 302 and response["Location"] == f"/monitoring/stuurgroep/#programme-{group.programme_id}"
    group.refresh_from_db()
    assert group.member_count == 12
    assert client.post(edit_url(group), {"member_count": ""}).status_code == 302
    group.refresh_from_db()
    assert group.member_count is None


@pytest.mark.parametrize(("typed", "error"), [
    ("0", "Een stuurgroep heeft minstens 1 lid."),
    ("-3", "Een stuurgroep heeft minstens 1 lid."),
    ("2", "De stuurgroep heeft 3 leden met een account in het portaal; vul minstens 3 in."),
])
def test_the_size_is_at_least_one_and_the_accounts(group, chair, login, typed, error):
    response = login(chair).post(edit_url(group), {"member_count": typed})
    assert response.status_code == 200
    assert any(error in message for message in response.context["form"].errors["member_count"])
    group.refresh_from_db()
    assert group.member_count == 9


def test_the_admin_refuses_a_size_of_zero(group, admin_client):
    response = admin_client.post(f"/admin/monitoring/steeringgroup/{group.pk}/change/", {
        "programme": group.programme_id, "chair": group.chair_id, "budget_holder": group.budget_holder,
        "underspend_rule": group.underspend_rule, "member_count": "0"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["member_count"] == [
        "Een stuurgroep heeft minstens 1 lid. Laat het veld leeg om de leden met een account te tellen."]
    group.refresh_from_db()
    assert group.member_count == 9


def test_only_the_programmes_steering_group_edits_it(group, broker_haarlem, login, other_programme_member):
    """Deny by default: a broker who reads the group (in scope) but whose role may not change it
    gets 403; another programme's steering member, for whom the group is out of scope, 404."""
    from impactportal import access

    assert access.can(broker_haarlem, access.VIEW, group)
    assert not access.can(other_programme_member, access.VIEW, group)
    assert login(broker_haarlem).post(edit_url(group), {"member_count": "2"}).status_code == 403
    assert login(broker_haarlem).get(edit_url(group)).status_code == 403
    assert login(other_programme_member).post(edit_url(group), {"member_count": "2"}).status_code == 404
    assert login(other_programme_member).get(edit_url(group)).status_code == 404
    group.refresh_from_db()
    assert group.member_count == 9


@pytest.fixture
def other_programme_member(amersfoort):
    from impactportal.accounts.models import Programme

    other = Programme.objects.create(name="Regiodeal", slug="regiodeal", start_date="2024-01-01")
    return f.steering(other, "stuurgroep-regiodeal")


def test_the_change_log_names_the_size(group, chair):
    group.member_count = 11
    group.save()
    rows = [row for entry in audit.history_for(group) for row in entry["changes"]]
    assert ("aantal leden", "9", "11") in rows


def test_an_account_added_after_the_size_counts(programme_report, group, chair, login):
    """The size is checked against the accounts only when it is entered: seven accounts added to a
    group recorded as nine (three accounts) make ten members, on the page and in the vote."""
    for n in range(4, 11):
        f.steering(group.programme, f"lid-{n}")
    assert services.steering_size(programme_report) == services.GroupSize(10, recorded=True)
    page = login(chair).get("/monitoring/stuurgroep/").content.decode()
    assert "10 leden, van wie 10 met een account" in page and "9 leden" not in page
    with pytest.raises(ValidationError) as refused:
        services.review_decide(report=programme_report, by=chair, outcome="approved", votes_for=9,
                               votes_against=1, votes_abstain=1)
    assert refused.value.message_dict["votes_for"] == [
        "Er zijn 11 stemmen opgegeven, maar de stuurgroep heeft 10 leden."]
    services.review_decide(report=programme_report, by=chair, outcome="approved", votes_for=9, votes_against=1)
    assert [(r.votes_for, r.votes_against) for r in decisions()] == [(9, 1)]


def test_each_programme_has_its_own_member_count_id(group, chair, login, other_programme_member):
    """The steering page lists every programme of the user: one ``member-count`` id per programme."""
    from impactportal.accounts.constants import Role
    from impactportal.accounts.models import Membership, Programme

    other = Programme.objects.get(slug="regiodeal")
    SteeringGroup.objects.create(programme=other)
    Membership.objects.create(user=chair, role=Role.STEERING, programme=other)
    page = login(chair).get("/monitoring/stuurgroep/").content.decode()
    assert page.count(f'id="member-count-{group.programme_id}"') == 1
    assert page.count(f'id="member-count-{other.pk}"') == 1
    assert 'id="member-count"' not in page


def test_a_member_of_two_programmes_gets_no_id_twice(group, chair, login, other_programme_member):
    """Every id on the steering page is unique, also with two programmes on it (each programme's
    period, themes, meetings, agenda, budget and its source carry the programme)."""
    import collections
    import re

    from impactportal.accounts.constants import Role
    from impactportal.accounts.models import Membership, Programme

    other = Programme.objects.get(slug="regiodeal")
    SteeringGroup.objects.create(programme=other)
    Membership.objects.create(user=chair, role=Role.STEERING, programme=other)
    page = login(chair).get("/monitoring/stuurgroep/").content.decode()
    ids = collections.Counter(re.findall(r'\sid="([^"]+)"', page))
    assert ids[f"budget-{other.pk}"] == 1 and ids[f"meetings-{group.programme_id}"] == 1
    assert [name for name, seen in ids.items() if seen > 1] == []
