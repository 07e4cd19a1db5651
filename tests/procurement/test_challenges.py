"""Impact challenges: awards never exceed the prize budget, jurors score only their own,
phases, the weighted ranking, public pages and query counts."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from procurement import services_challenges as services
from procurement.constants import ChallengePhase, SubmissionStatus
from procurement.models import Award, Challenge, Score, Submission
from tests import factories as f

from .builders_requests import challenge, finalist, submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def final(haarlem, enterprise_haarlem, enterprise_amersfoort, inkoper_haarlem):
    c = challenge(haarlem, phase=ChallengePhase.FINAL, jurors=[inkoper_haarlem])
    return c, finalist(c, enterprise_haarlem), finalist(c, enterprise_amersfoort, title="Tweede plan")


# --- the prize budget ---------------------------------------------------------------------------------


def test_awards_may_use_exactly_the_budget(final, broker_haarlem):
    c, first, second = final
    services.challenge_award(challenge=c, submission=first, amount=Decimal("40000.00"), by=broker_haarlem)
    services.challenge_award(challenge=c, submission=second, amount=Decimal("20000.00"), by=broker_haarlem)
    assert services.awarded_total(c) == c.prize_budget == Decimal("60000")
    assert set(Submission.objects.values_list("status", flat=True)) == {SubmissionStatus.WINNER}


def test_one_cent_over_the_budget_is_refused(final, broker_haarlem):
    c, first, second = final
    services.challenge_award(challenge=c, submission=first, amount=Decimal("40000.00"), by=broker_haarlem)
    with pytest.raises(ValidationError) as refused:
        services.challenge_award(challenge=c, submission=second, amount=Decimal("20000.01"), by=broker_haarlem)
    assert "amount" in refused.value.error_dict
    assert "20.000,00" in str(refused.value)  # says what is left
    assert Award.objects.count() == 1 and services.awarded_total(c) == Decimal("40000.00")


def test_a_single_award_over_the_budget_is_refused(final, broker_haarlem):
    c, first, _second = final
    with pytest.raises(ValidationError):
        services.challenge_award(challenge=c, submission=first, amount=Decimal("60000.01"), by=broker_haarlem)
    assert not Award.objects.exists()


def test_api_award_over_budget_is_a_field_error(final, broker_haarlem, api):
    c, first, second = final
    client = api(broker_haarlem)
    url = f"/api/v1/procurement/challenges/{c.pk}/awards/"
    ok = client.post(url, {"submission": first.pk, "amount": "59999.99"}, format="json")
    assert ok.status_code == 201 and ok.json()["amount"] == "59999.99"
    over = client.post(url, {"submission": second.pk, "amount": "0.02"}, format="json")
    assert over.status_code == 400 and "amount" in over.json()
    assert client.post(url, {"submission": second.pk, "amount": "0.01"}, format="json").status_code == 201
    assert services.awarded_total(c) == Decimal("60000.00")


def test_award_rules(final, broker_haarlem, inkoper_haarlem, haarlem, enterprise_haarlem):
    c, first, _second = final
    with pytest.raises(PermissionDenied):
        services.challenge_award(challenge=c, submission=first, amount=Decimal("1"), by=inkoper_haarlem)
    with pytest.raises(ValidationError):
        services.challenge_award(challenge=c, submission=first, amount=Decimal("0"), by=broker_haarlem)
    other = submission(challenge(haarlem, title="Andere"), enterprise_haarlem)
    with pytest.raises(ValidationError):
        services.challenge_award(challenge=c, submission=other, amount=Decimal("1"), by=broker_haarlem)
    services.challenge_award(challenge=c, submission=first, amount=Decimal("1"), by=broker_haarlem)
    with pytest.raises(ValidationError):  # one award per submission
        services.challenge_award(challenge=c, submission=first, amount=Decimal("1"), by=broker_haarlem)
    Challenge.objects.filter(pk=c.pk).update(phase=ChallengePhase.SELECTION)
    with pytest.raises(ValidationError):
        services.challenge_award(challenge=c, submission=_second, amount=Decimal("1"), by=broker_haarlem)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_never_exceed_the_budget(haarlem, broker_haarlem, enterprise_haarlem, enterprise_amersfoort):
    """Two brokers award 40,000 each at the same moment: the lock on the challenge lets one in."""
    from django.db import transaction

    c = challenge(haarlem, phase=ChallengePhase.FINAL)
    subs = [finalist(c, enterprise_haarlem), finalist(c, enterprise_amersfoort, title="B")]
    barrier, outcomes = threading.Barrier(2), []

    def award(sub):
        try:
            barrier.wait()
            with transaction.atomic():
                services.challenge_award(challenge=c, submission=sub, amount=Decimal("40000"), by=broker_haarlem)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=award, args=(s,)) for s in subs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert services.awarded_total(c) == Decimal("40000")


# --- jury ---------------------------------------------------------------------------------------------


def test_jurors_score_only_their_own(haarlem, enterprise_haarlem, inkoper_haarlem, broker_haarlem, api, login):
    second_juror = f.colleague(haarlem, "inkoop", "jurylid-2")
    c = challenge(haarlem, phase=ChallengePhase.SELECTION, jurors=[inkoper_haarlem, second_juror])
    sub = submission(c, enterprise_haarlem)
    impact, feasibility = c.criteria.order_by("order")
    services.score_record(submission=sub, by=second_juror, scores={impact.pk: (2, ""), feasibility.pk: (2, "")})
    answer = login(inkoper_haarlem).post(reverse("procurement:submission-score", args=[sub.pk]),
                                         {f"criterion_{impact.pk}": "9", f"criterion_{feasibility.pk}": "5"})
    assert answer.status_code == 302
    mine = dict(Score.objects.filter(juror=inkoper_haarlem).values_list("criterion", "score"))
    theirs = dict(Score.objects.filter(juror=second_juror).values_list("criterion", "score"))
    assert mine == {impact.pk: 9, feasibility.pk: 5} and theirs == {impact.pk: 2, feasibility.pk: 2}
    # A juror sees only their own scores; the organisation's broker sees all but cannot score.
    assert Score.objects.for_user(inkoper_haarlem).count() == 2
    assert Score.objects.for_user(broker_haarlem).count() == 4
    assert api(broker_haarlem).post(f"/api/v1/procurement/challenges/{c.pk}/scores/", {
        "submission": sub.pk, "scores": [{"criterion": impact.pk, "score": 10}]}, format="json").status_code == 403
    with pytest.raises(ValidationError):  # 0–10 only
        services.score_record(submission=sub, by=inkoper_haarlem, scores={impact.pk: (11, "")})
    # Weighted: (9×3 + 5×1 + 2×3 + 2×1) / (3+1+3+1) = 40 / 8 = 5.00
    [row] = services.ranking(c, [sub])
    assert row.average == Decimal("5.00")


def test_scoring_only_in_the_scoring_phases(haarlem, enterprise_haarlem, inkoper_haarlem):
    c = challenge(haarlem, phase=ChallengePhase.SUBMISSIONS, jurors=[inkoper_haarlem])
    sub = submission(c, enterprise_haarlem)
    with pytest.raises(ValidationError):
        services.score_record(submission=sub, by=inkoper_haarlem, scores={c.criteria.first().pk: (5, "")})


@pytest.mark.parametrize("numerator, denominator, expected", [
    (0, 0, None), (0, 4, Decimal("0.00")), (40, 4, Decimal("10.00")), (1, 3, Decimal("0.33")), (2, 3, Decimal("0.67")),
    (5, 8, Decimal("0.63")),  # 0.625 rounds half up
])
def test_weighted_average(numerator, denominator, expected):
    assert services.weighted_average(numerator, denominator) == expected


def test_ranking_orders_best_first_unscored_last(haarlem, enterprise_haarlem, enterprise_amersfoort, inkoper_haarlem):
    c = challenge(haarlem, phase=ChallengePhase.SELECTION, jurors=[inkoper_haarlem])
    third = f.EnterpriseFactory(municipality=haarlem)
    low, high, unscored = (submission(c, enterprise_haarlem), submission(c, enterprise_amersfoort, title="B"),
                           submission(c, third, title="C"))
    impact = c.criteria.first()
    services.score_record(submission=low, by=inkoper_haarlem, scores={impact.pk: (3, "")})
    services.score_record(submission=high, by=inkoper_haarlem, scores={impact.pk: (8, "")})
    assert [r.submission for r in services.ranking(c, [low, high, unscored])] == [high, low, unscored]


# --- phases and submissions ------------------------------------------------------------------------------


def test_phases_move_forward_by_the_broker(haarlem, broker_haarlem, inkoper_haarlem, enterprise_haarlem):
    c = challenge(haarlem, phase=ChallengePhase.CALL, criteria=())
    with pytest.raises(ValidationError):  # criteria first
        services.challenge_advance(challenge=c, by=broker_haarlem)
    c = challenge(haarlem, phase=ChallengePhase.CALL)
    with pytest.raises(PermissionDenied):
        services.challenge_advance(challenge=c, by=inkoper_haarlem)
    seen = [services.challenge_advance(challenge=c, by=broker_haarlem).phase for _ in range(4)]
    assert seen == ["submissions", "selection", "coaching", "final"]
    with pytest.raises(ValidationError):  # awarded needs an award
        services.challenge_advance(challenge=c, by=broker_haarlem)
    sub = finalist(c, enterprise_haarlem)
    services.challenge_award(challenge=c, submission=sub, amount=Decimal("100"), by=broker_haarlem)
    assert services.challenge_advance(challenge=c, by=broker_haarlem).phase == "awarded"
    assert services.challenge_advance(challenge=c, by=broker_haarlem).phase == "pilot"
    with pytest.raises(ValidationError):
        services.challenge_advance(challenge=c, by=broker_haarlem)


def test_submissions_only_during_the_submissions_phase(haarlem, enterprise_haarlem, ondernemer_1, api, login):
    c = challenge(haarlem, phase=ChallengePhase.SUBMISSIONS)
    url = f"/api/v1/procurement/challenges/{c.pk}/submissions/"
    body = {"enterprise": enterprise_haarlem.pk, "title": "Plan", "summary": "Zo doen we het"}
    assert api(ondernemer_1).post(url, body, format="json").status_code == 201
    second = api(ondernemer_1).post(url, body, format="json")
    assert second.status_code == 400 and "enterprise" in second.json()  # one per enterprise
    Challenge.objects.filter(pk=c.pk).update(phase=ChallengePhase.SELECTION)
    Submission.objects.all().delete()
    assert api(ondernemer_1).post(url, body, format="json").status_code == 403
    assert login(ondernemer_1).get(reverse("procurement:challenge-submit", args=[c.pk])).status_code == 403


def test_selecting_finalists(haarlem, enterprise_haarlem, broker_haarlem, login):
    c = challenge(haarlem, phase=ChallengePhase.SELECTION)
    sub = submission(c, enterprise_haarlem)
    assert login(broker_haarlem).post(reverse("procurement:submission-select", args=[sub.pk]),
                                      {"selected": "true"}).status_code == 302
    assert Submission.objects.get().status == SubmissionStatus.SELECTED


# --- public pages -------------------------------------------------------------------------------------------


def test_public_page_shows_published_challenges_and_winners_once_awarded(haarlem, broker_haarlem,
                                                                        enterprise_haarlem, client):
    c = challenge(haarlem, title="Jongeren aan het werk", phase=ChallengePhase.FINAL)
    hidden = challenge(haarlem, title="Nog geheim", published=False)
    sub = finalist(c, enterprise_haarlem)
    services.challenge_award(challenge=c, submission=sub, amount=Decimal("25000"), by=broker_haarlem)
    listing = client.get(reverse("procurement:challenge-list")).content.decode()
    assert "Jongeren aan het werk" in listing and "Nog geheim" not in listing
    page = client.get(c.get_absolute_url()).content.decode()
    assert "60.000,00" in page and enterprise_haarlem.name not in page  # not awarded yet: no winners shown
    assert client.get(hidden.get_absolute_url()).status_code == 302
    Challenge.objects.filter(pk=c.pk).update(phase=ChallengePhase.AWARDED)
    page = client.get(c.get_absolute_url()).content.decode()
    assert enterprise_haarlem.name in page and "25.000,00" in page
    api_awards = client.get(f"/api/v1/procurement/challenges/{c.pk}/").json()["awards"]
    assert [a["amount"] for a in api_awards] == ["25000.00"]


def test_juror_sees_each_challenge_once(haarlem, inkoper_haarlem, broker_haarlem, api):
    """The jurors' grant joins the jury: a challenge with two jurors must still be one row."""
    challenge(haarlem, jurors=[inkoper_haarlem, broker_haarlem])
    rows = api(inkoper_haarlem).get("/api/v1/procurement/challenges/").json()["results"]
    assert len(rows) == 1


@pytest.mark.parametrize("url", ["/inkoop/challenges/", "/api/v1/procurement/challenges/"])
def test_challenge_list_query_count_is_constant(haarlem, amersfoort, broker_haarlem, inkoper_haarlem, client, url,
                                                django_assert_max_num_queries):
    client.force_login(broker_haarlem)
    for index in range(2):
        challenge(haarlem if index else amersfoort, title=f"C{index}", jurors=[inkoper_haarlem])
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    for index in range(15):
        challenge(haarlem if index % 2 else amersfoort, title=f"D{index}", jurors=[inkoper_haarlem])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_broker_sets_up_a_challenge_in_the_ui(haarlem, broker_haarlem, inkoper_haarlem, enterprise_haarlem, login):
    client = login(broker_haarlem)
    created = client.post(reverse("procurement:challenge-create"), {
        "organisation": haarlem.pk, "title": "Minder zwerfafval", "problem": "Te veel afval in de parken.",
        "prize_budget": "10000", "is_published": "on"})
    assert created.status_code == 302
    c = Challenge.objects.get(title="Minder zwerfafval")
    criteria_url = reverse("procurement:challenge-criteria", args=[c.pk])
    assert client.get(criteria_url).status_code == 200
    form = {"criteria-TOTAL_FORMS": "3", "criteria-INITIAL_FORMS": "0", "criteria-MIN_NUM_FORMS": "0",
            "criteria-MAX_NUM_FORMS": "1000", "criteria-0-name": "Impact", "criteria-0-weight": "2",
            "criteria-0-order": "0", "criteria-1-name": "", "criteria-1-weight": "1", "criteria-1-order": "0",
            "criteria-2-name": "", "criteria-2-weight": "1", "criteria-2-order": "0"}
    assert client.post(criteria_url, form).status_code == 302
    assert list(c.criteria.values_list("name", "weight")) == [("Impact", 2)]
    assert client.post(reverse("procurement:challenge-juror", args=[c.pk]),
                       {"user": inkoper_haarlem.pk}).status_code == 302
    assert client.post(reverse("procurement:challenge-juror", args=[c.pk]),
                       {"user": f.UserFactory().pk}).status_code == 400  # not of the organisation
    assert client.post(reverse("procurement:challenge-advance", args=[c.pk])).status_code == 302
    finalist(c, enterprise_haarlem)
    Challenge.objects.filter(pk=c.pk).update(phase=ChallengePhase.FINAL)
    page = client.get(c.get_absolute_url()).content.decode()
    assert 'id="ranking"' in page and 'id="award-form"' in page and inkoper_haarlem.username in page
    over = client.post(reverse("procurement:challenge-award", args=[c.pk]),
                       {"submission": Submission.objects.get().pk, "amount": "10000.01"})
    assert over.status_code == 400 and "prijzengeld" in over.content.decode()
    juror_page = login(inkoper_haarlem).get(reverse("procurement:submission-detail",
                                                    args=[Submission.objects.get().pk])).content.decode()
    assert "Uw beoordeling" in juror_page and "criterion_" in juror_page
