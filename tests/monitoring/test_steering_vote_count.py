"""A steering group's decision counts no more votes than the group has members: 40 votes in favour
in a group of 5 was recorded. Without a size recorded on the group (``SteeringGroup.member_count``;
``test_steering_group_size``) the members are the programme's steering memberships (accepted, of an
active account), counted when the decision is recorded, and the message tells the chair to record
the size where members have no account; the page, the API and the service refuse the same way, on
the votes-for field."""

import pytest
from django.core.exceptions import ValidationError

from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership
from monitoring import services
from monitoring.models import Review
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/monitoring/reviews/"
HINT = " Heeft de stuurgroep ook leden zonder account? Vul dan het aantal leden in bij de stuurgroep."
TOO_MANY = "Er zijn 7 stemmen opgegeven, maar de stuurgroep heeft 5 leden met een account." + HINT


@pytest.fixture
def group_of_five(programme, chair):
    """The chair and four more members; a pending invitation and a deactivated account do not count."""
    for n in range(2, 6):
        f.steering(programme, f"lid-{n}")
    Membership.objects.create(user=f.UserFactory(username="uitgenodigd"), role=Role.STEERING, programme=programme,
                              accepted_at=None)
    gone = f.steering(programme, "vertrokken")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    return programme


@pytest.fixture
def programme_report(snapshots, chair, group_of_five, run_report):
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=group_of_five)
    return report


def decisions():
    return Review.objects.filter(kind="decision")


def test_more_votes_than_members_are_refused_on_page_and_api(programme_report, chair, login, api):
    votes = {"votes_for": 4, "votes_against": 2, "votes_abstain": 1}
    with pytest.raises(ValidationError) as refused:
        services.review_decide(report=programme_report, by=chair, outcome="approved", **votes)
    assert refused.value.message_dict["votes_for"] == [TOO_MANY]

    response = login(chair).post(programme_report.get_absolute_url(), {"op": "decide", "outcome": "approved", **votes})
    assert response.status_code == 400
    assert response.context["decision_form"].errors["votes_for"] == [TOO_MANY]
    assert TOO_MANY in response.content.decode()

    response = api(chair).post(URL, {"report": programme_report.pk, "kind": "decision", "outcome": "approved",
                                     **votes}, format="json")
    assert response.status_code == 400 and response.json()["votes_for"] == [TOO_MANY]

    assert not decisions().exists()
    programme_report.refresh_from_db()
    assert programme_report.review_state != "approved" and programme_report.approved_at is None


def test_forty_in_favour_in_a_group_of_five(programme_report, chair, api):
    response = api(chair).post(URL, {"report": programme_report.pk, "kind": "decision", "outcome": "approved",
                                     "votes_for": 40}, format="json")
    assert response.status_code == 400
    assert response.json()["votes_for"] == [
        "Er zijn 40 stemmen opgegeven, maar de stuurgroep heeft 5 leden met een account." + HINT]
    assert not decisions().exists()


def test_the_page_shows_the_count_with_the_other_errors_in_one_round(programme_report, chair, login):
    response = login(chair).post(programme_report.get_absolute_url(), {
        "op": "decide", "outcome": "changes_requested", "note": "", "votes_for": "1", "votes_against": "6"})
    assert response.status_code == 400
    errors = response.context["decision_form"].errors
    assert errors["votes_for"] == [TOO_MANY] and "note" in errors
    assert not decisions().exists()


def test_exactly_the_group_size_is_accepted(programme_report, chair, login, api):
    response = login(chair).post(programme_report.get_absolute_url(), {
        "op": "decide", "outcome": "changes_requested", "note": "Per thema", "votes_for": "1",
        "votes_against": "3", "votes_abstain": "1"})
    assert response.status_code == 302
    response = api(chair).post(URL, {"report": programme_report.pk, "kind": "decision", "outcome": "approved",
                                     "votes_for": 3, "votes_against": 1, "votes_abstain": 1}, format="json")
    assert response.status_code == 201, response.json()
    assert [(r.votes_for, r.votes_against, r.votes_abstain) for r in decisions()] == [(1, 3, 1), (3, 1, 1)]


def test_no_vote_at_all_is_still_accepted(programme_report, chair, login, api):
    response = login(chair).post(programme_report.get_absolute_url(), {
        "op": "decide", "outcome": "changes_requested", "note": "Per thema", "votes_for": "", "votes_against": "",
        "votes_abstain": ""})
    assert response.status_code == 302
    response = api(chair).post(URL, {"report": programme_report.pk, "kind": "decision", "outcome": "approved"},
                               format="json")
    assert response.status_code == 201
    assert [(r.votes_for, r.votes_against, r.votes_abstain) for r in decisions()] == [(None, None, None)] * 2


def test_the_group_is_counted_when_deciding(programme_report, chair):
    """A member who left after the page was opened no longer counts."""
    Membership.objects.filter(user__username="lid-5").delete()
    with pytest.raises(ValidationError) as refused:
        services.review_decide(report=programme_report, by=chair, outcome="approved", votes_for=4, votes_against=1)
    assert refused.value.message_dict["votes_for"] == [
        "Er zijn 5 stemmen opgegeven, maar de stuurgroep heeft 4 leden met een account." + HINT]


def test_the_message_counts_one_member_and_none():
    assert services.vote_errors(outcome="approved", votes_for=2, members=1) == {
        "votes_for": "Er zijn 2 stemmen opgegeven, maar de stuurgroep heeft 1 lid."}
    one_account = services.GroupSize(1, recorded=False)
    assert services.vote_errors(outcome="approved", votes_for=2, members=one_account) == {
        "votes_for": "Er zijn 2 stemmen opgegeven, maar de stuurgroep heeft 1 lid met een account." + HINT}
    none = services.vote_errors(outcome="approved", votes_for=1, members=services.GroupSize(0, recorded=False))
    assert "geen leden" in none["votes_for"] and "Vul dan het aantal leden in" in none["votes_for"]
    assert services.vote_errors(outcome="approved", votes_for=40) == {}  # no group: not compared


def test_a_report_without_a_steering_group_is_decided_without_a_count(snapshots, broker_haarlem, haarlem,
                                                                      run_report, api):
    """An organisation's report is decided by its brokers: no steering group, so its vote is not
    compared with one (and nothing fails for want of one)."""
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert services.steering_size(report) is None
    response = api(broker_haarlem).post(URL, {"report": report.pk, "kind": "decision", "outcome": "approved",
                                              "votes_for": 40}, format="json")
    assert response.status_code == 201
    assert decisions().get().votes_for == 40


def test_a_programme_without_a_steering_group_is_decided_without_a_count(snapshots, programme, admin_user,
                                                                         run_report, login):
    """A programme with no ``SteeringGroup`` row (and no steering accounts) is decided by a
    superuser only: its vote is not compared, instead of every vote refused with "Vul dan het
    aantal leden in bij de stuurgroep" while there is no group to record a size on."""
    from monitoring.models import SteeringGroup

    assert not SteeringGroup.objects.filter(programme=programme).exists()
    report, _created = run_report(user=admin_user, kind="programme", period="2025", programme=programme)
    assert services.steering_size(report) is None
    response = login(admin_user).post(report.get_absolute_url(), {
        "op": "decide", "outcome": "changes_requested", "note": "Per thema", "votes_for": "2",
        "votes_against": "1"})
    assert response.status_code == 302
    services.review_decide(report=report, by=admin_user, outcome="approved", votes_for=3, votes_against=1)
    assert [(r.votes_for, r.votes_against) for r in decisions()] == [(2, 1), (3, 1)]
