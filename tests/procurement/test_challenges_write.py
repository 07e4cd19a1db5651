"""Starting and changing a challenge (screen and API), picking finalists through the API and
taking a juror off the jury. The prize budget never drops below what is already awarded."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from procurement import services_challenges as services
from procurement.constants import ChallengePhase, SubmissionStatus
from procurement.models import Challenge, Juror

from .builders_requests import challenge, finalist, submission

pytestmark = pytest.mark.django_db


def test_api_creates_a_challenge_with_criteria(api, broker_haarlem, haarlem):
    response = api(broker_haarlem).post("/api/v1/procurement/challenges/", {
        "organisation": haarlem.slug, "title": "Schone Spaarne", "problem": "Zwerfafval langs het water.",
        "prize_budget": "25000.00", "new_criteria": [{"name": "Impact", "weight": 3}, {"name": "Haalbaarheid"}],
    }, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["phase"] == ChallengePhase.CALL and body["prize_budget"] == "25000.00"
    assert [(c["name"], c["weight"]) for c in body["criteria"]] == [("Impact", 3), ("Haalbaarheid", 1)]
    assert Challenge.objects.get(pk=body["id"]).created_by == broker_haarlem


@pytest.mark.parametrize("actor", ["broker_amersfoort", "inkoper_haarlem", "ondernemer_1"])
def test_api_create_for_another_organisation_is_refused(request, api, haarlem, actor):
    response = api(request.getfixturevalue(actor)).post("/api/v1/procurement/challenges/", {
        "organisation": haarlem.slug, "title": "X", "problem": "Y", "prize_budget": "100.00"}, format="json")
    # Haarlem is visible to everyone: not being allowed to act for it is 403, not a field error.
    assert response.status_code == 403
    assert not Challenge.objects.exists()


def test_budget_cannot_drop_below_the_awards(api, login, broker_haarlem, haarlem, enterprise_haarlem):
    c = challenge(haarlem, phase=ChallengePhase.FINAL)
    services.challenge_award(challenge=c, submission=finalist(c, enterprise_haarlem), amount=Decimal("30000"),
                             by=broker_haarlem)
    client = api(broker_haarlem)
    url = f"/api/v1/procurement/challenges/{c.pk}/"
    refused = client.patch(url, {"prize_budget": "29999.99"}, format="json")
    assert refused.status_code == 400 and "prize_budget" in refused.json()
    assert client.patch(url, {"prize_budget": "30000.00"}, format="json").status_code == 200
    # the screen says the same on the field
    page = login(broker_haarlem).post(reverse("procurement:challenge-update", args=[c.pk]), {
        "organisation": haarlem.pk, "title": c.title, "problem": c.problem, "prize_budget": "100"})
    assert page.status_code == 200 and page.context["form"].errors["prize_budget"]
    c.refresh_from_db()
    assert c.prize_budget == Decimal("30000.00")


def test_api_patch_cannot_move_the_challenge_or_add_criteria(api, broker_haarlem, haarlem, amersfoort):
    c = challenge(haarlem)
    client = api(broker_haarlem)
    moved = client.patch(f"/api/v1/procurement/challenges/{c.pk}/", {"organisation": amersfoort.slug}, format="json")
    assert moved.status_code == 400
    added = client.patch(f"/api/v1/procurement/challenges/{c.pk}/", {"new_criteria": [{"name": "Extra"}]},
                         format="json")
    assert added.status_code == 400 and "new_criteria" in added.json()
    assert c.criteria.count() == 2


def test_api_delete_is_not_offered(api, broker_haarlem, haarlem):
    c = challenge(haarlem)
    assert api(broker_haarlem).delete(f"/api/v1/procurement/challenges/{c.pk}/").status_code == 405
    assert Challenge.objects.filter(pk=c.pk).exists()


def test_api_selects_finalists_in_the_selection_phase(api, broker_haarlem, haarlem, enterprise_haarlem):
    c = challenge(haarlem, phase=ChallengePhase.SUBMISSIONS)
    entry = submission(c, enterprise_haarlem)
    client = api(broker_haarlem)
    url = f"/api/v1/procurement/challenges/{c.pk}/select/"
    early = client.post(url, {"submission": entry.pk}, format="json")
    assert early.status_code == 400
    Challenge.objects.filter(pk=c.pk).update(phase=ChallengePhase.SELECTION)
    ok = client.post(url, {"submission": entry.pk, "selected": True}, format="json")
    assert ok.status_code == 200 and ok.json()["status"] == SubmissionStatus.SELECTED
    no = client.post(url, {"submission": entry.pk, "selected": False}, format="json")
    assert no.json()["status"] == SubmissionStatus.NOT_SELECTED


def test_juror_removal(login, broker_haarlem, inkoper_haarlem, haarlem, enterprise_haarlem):
    c = challenge(haarlem, phase=ChallengePhase.SELECTION, jurors=[inkoper_haarlem])
    juror = Juror.objects.get(challenge=c)
    entry = submission(c, enterprise_haarlem)
    services.score_record(submission=entry, by=inkoper_haarlem,
                          scores={criterion.pk: (7, "") for criterion in c.criteria.all()})
    with pytest.raises(ValidationError) as refused:
        services.juror_remove(challenge=c, juror=juror, by=broker_haarlem)
    assert "juror" in refused.value.error_dict and Juror.objects.filter(pk=juror.pk).exists()
    # before scoring, the screen takes the juror off
    fresh = challenge(haarlem, title="Tweede", jurors=[inkoper_haarlem])
    client = login(broker_haarlem)
    response = client.post(reverse("procurement:challenge-juror-remove", args=[fresh.pk]),
                           {"juror": fresh.jurors.get().pk})
    assert response.status_code == 302 and not fresh.jurors.exists()


def test_juror_of_another_challenge_is_not_offered(login, broker_haarlem, inkoper_haarlem, haarlem):
    first = challenge(haarlem, jurors=[inkoper_haarlem])
    other = challenge(haarlem, title="Andere")
    response = login(broker_haarlem).post(reverse("procurement:challenge-juror-remove", args=[other.pk]),
                                          {"juror": first.jurors.get().pk})
    assert response.status_code == 400
    assert first.jurors.exists()


@pytest.mark.parametrize(("days", "created"), [(-1, False), (0, True), (30, True)])
def test_a_new_challenge_cannot_close_before_it_opens(login, api, broker_haarlem, haarlem, days, created):
    """The form accepted a submission deadline in 2020 (a purchase request's term is refused so)."""
    import datetime as dt

    from django.utils import timezone

    deadline = timezone.localdate() + dt.timedelta(days=days)
    page = login(broker_haarlem).post(reverse("procurement:challenge-create"), {
        "organisation": haarlem.pk, "title": f"Challenge {days}", "problem": "Zwerfafval.", "prize_budget": "7000",
        "submission_deadline": deadline.isoformat()})
    assert Challenge.objects.filter(title=f"Challenge {days}").exists() == created
    if not created:
        assert "De termijn om in te zenden ligt in het verleden." in page.content.decode()
    response = api(broker_haarlem).post("/api/v1/procurement/challenges/", {
        "organisation": haarlem.slug, "title": f"API {days}", "problem": "Zwerfafval.", "prize_budget": "7000.00",
        "submission_deadline": deadline.isoformat()}, format="json")
    assert (response.status_code == 201) == created, response.content
