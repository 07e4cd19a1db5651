"""The tester's walk through procurement with bad input: a prize for a submission never chosen as a
finalist, a contract ending in 9999 (or awarded in 2090, or worth € 0), a realisation line of
999.999 hours, a purchase request's deadline edited into the past (or in 9999, with a budget of
€ 0), a match meeting in 1900 or 2099 with an agreement of € 0, and jurors offered again for the
jury. Each is refused on its field, on the screen and in the API, and changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from enterprises.constants import AdmissionStatus
from enterprises.models import Offering
from procurement import services_challenges
from procurement.constants import ChallengePhase, MeetingOutcome, SubmissionStatus
from procurement.models import Award, Contract, MatchMeeting, PurchaseRequest, Realisation, Submission
from tests import factories as f

from . import builders_requests as rb
from . import factories as pf

pytestmark = pytest.mark.django_db

D = Decimal
LATER = "Vul een datum in die hooguit vijf jaar vooruit ligt; controleer het jaar."
FROM_1990 = "Vul een datum in vanaf 01-01-1990; controleer het jaar."
MORE_THAN_ZERO = "Vul een bedrag groter dan nul in."
NO_FINALIST = ("Deze inzending is in de selectie niet gekozen als finalist en kan geen prijs krijgen. Kies een "
               "finalist.")
PICK_A_FINALIST = ("Kies een finalist die nog geen prijs heeft: alleen een inzending die in de selectie als finalist "
                   "is gekozen, kan een prijs krijgen.")


def days_on(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def years_on(years: int) -> str:
    today = timezone.localdate()
    return today.replace(year=today.year + years, day=min(today.day, 28)).isoformat()


# --- 1. the prize goes to a finalist only ---------------------------------------------------------------


@pytest.fixture
def final(haarlem, enterprise_haarlem, enterprise_amersfoort):
    """A challenge in the final phase: one finalist, one submission never chosen ("Ingediend")."""
    c = rb.challenge(haarlem, phase=ChallengePhase.FINAL)
    return c, rb.finalist(c, enterprise_haarlem), rb.submission(c, enterprise_amersfoort, title="Nooit gekozen")


def test_a_submission_never_chosen_as_finalist_wins_no_prize(final, broker_haarlem):
    c, chosen, never_chosen = final
    with pytest.raises(ValidationError) as refused:
        services_challenges.challenge_award(challenge=c, submission=never_chosen, amount=D("1000"), by=broker_haarlem)
    assert refused.value.message_dict == {"submission": [NO_FINALIST]}
    assert not Award.objects.exists()
    assert Submission.objects.get(pk=never_chosen.pk).status == SubmissionStatus.SUBMITTED
    services_challenges.challenge_award(challenge=c, submission=chosen, amount=D("1000"), by=broker_haarlem)
    assert Submission.objects.get(pk=chosen.pk).status == SubmissionStatus.WINNER


def test_the_award_form_offers_the_finalists_only(final, broker_haarlem, login):
    c, chosen, never_chosen = final
    client = login(broker_haarlem)
    page = client.get(c.get_absolute_url())
    assert list(page.context["award_form"].fields["submission"].queryset) == [chosen]
    response = client.post(reverse("procurement:challenge-award", args=[c.pk]),
                           {"submission": never_chosen.pk, "amount": "1000"})
    assert response.status_code == 400
    assert response.context["form"].errors["submission"] == [PICK_A_FINALIST]
    assert not Award.objects.exists()
    assert Submission.objects.get(pk=never_chosen.pk).status == SubmissionStatus.SUBMITTED


def test_the_api_refuses_a_prize_for_a_submission_never_chosen(final, broker_haarlem, api):
    c, _chosen, never_chosen = final
    answer = api(broker_haarlem).post(f"/api/v1/procurement/challenges/{c.pk}/awards/",
                                      {"submission": never_chosen.pk, "amount": "1000"}, format="json")
    assert answer.status_code == 400 and answer.json() == {"submission": [NO_FINALIST]}
    assert not Award.objects.exists()


# --- 2. a contract's dates and value ----------------------------------------------------------------------


def contract_form(haarlem, **changes):
    return {"organisation": haarlem.pk, "title": "Groenonderhoud parken", "value": "400000",
            "award_date": days_on(-30), "end_date": years_on(2), "supplier_name": "Groen BV", **changes}


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"end_date": "9999-12-31"}, "end_date",
     "Vul een einddatum in die hooguit vijftig jaar vooruit ligt; controleer het jaar."),
    ({"award_date": "2090-01-01", "end_date": "2091-01-01"}, "award_date", LATER),
    ({"award_date": "1989-12-31"}, "award_date", FROM_1990),
    ({"value": "0"}, "value", MORE_THAN_ZERO),
    ({"value": "0,00"}, "value", MORE_THAN_ZERO),
])
def test_the_contract_form_refuses_impossible_dates_and_a_value_of_nothing(login, broker_haarlem, haarlem,
                                                                           zkij_rules, changes, field, message):
    response = login(broker_haarlem).post(reverse("procurement:contract-create"), contract_form(haarlem, **changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not Contract.objects.exists()


def test_a_long_contract_awarded_soon_is_accepted(login, broker_haarlem, haarlem, zkij_rules):
    """A concession of thirty years, awarded next month: within the bounds."""
    response = login(broker_haarlem).post(reverse("procurement:contract-create"), contract_form(
        haarlem, award_date=days_on(30), end_date=years_on(30)))
    assert response.status_code == 302
    assert Contract.objects.get().end_date.isoformat() == years_on(30)


def test_the_contract_api_refuses_them_on_their_fields(api, broker_haarlem, zkij_rules):
    body = {"organisation": "haarlem", "title": "ICT-beheer", "value": "0.00", "award_date": "2090-01-01",
            "end_date": "9999-12-31", "supplier_name": "ICT BV"}
    answer = api(broker_haarlem).post("/api/v1/procurement/contracts/", body, format="json")
    assert answer.status_code == 400
    errors = answer.json()
    assert errors["value"] == [MORE_THAN_ZERO] and errors["award_date"] == [LATER]
    assert errors["end_date"] == ["Vul een einddatum in die hooguit vijftig jaar vooruit ligt; controleer het jaar."]
    assert not Contract.objects.exists()


# --- 3. the hours of one realisation line -------------------------------------------------------------------

TOO_MANY_HOURS = ("Vul hooguit 4.160 uur in (twee voltijdbanen een jaar lang). Meld meer uren in aparte regels, "
                  "bijvoorbeeld per jaar.")


def test_a_line_of_999999_hours_is_refused_on_the_form(login, broker_haarlem, contract):
    url = reverse("procurement:realisation-create", args=[contract.pk])
    block = pf.block(contract, "kennisuren")
    client = login(broker_haarlem)
    response = client.post(url, {"block": block.pk, "date": "2025-04-01", "hours": "999999"})
    assert response.status_code == 400
    assert response.context["form"].errors["hours"] == [TOO_MANY_HOURS]
    assert not Realisation.objects.exists()
    contract.refresh_from_db()
    assert contract.reported == D("0")
    assert client.post(url, {"block": block.pk, "date": "2025-04-01", "hours": "4160"}).status_code == 302
    assert Realisation.objects.get().value == D("416000.00")


def test_a_line_of_999999_hours_is_refused_by_the_api(api, broker_haarlem, contract):
    client = api(broker_haarlem)
    answer = client.post(f"/api/v1/procurement/contracts/{contract.pk}/realisations/",
                         {"block": "kennisuren", "date": "2025-04-01", "hours": "999999"}, format="json")
    assert answer.status_code == 400 and answer.json()["hours"] == [TOO_MANY_HOURS]
    assert not Realisation.objects.exists()
    line = pf.realisation(contract, "kennisuren", by=broker_haarlem, hours=D("40"))
    corrected = client.patch(f"/api/v1/procurement/realisations/{line.pk}/", {"hours": "4160.01"}, format="json")
    assert corrected.status_code == 400 and corrected.json()["hours"] == [TOO_MANY_HOURS]
    assert Realisation.objects.get().hours == D("40")


# --- 4. a purchase request's deadline and budget ----------------------------------------------------------------

IN_THE_PAST = "De termijn om te reageren ligt in het verleden."


def request_form(req, **changes):
    return {"organisation": req.organisation_id, "title": req.title, "description": req.description,
            "category": req.category_id, "budget_indication": "25000", "deadline": req.deadline.isoformat(),
            "procedure": "multiple", **changes}


def test_an_edit_cannot_move_the_deadline_into_the_past(login, haarlem, inkoper_haarlem):
    req = rb.purchase_request(haarlem)
    deadline = req.deadline
    response = login(inkoper_haarlem).post(reverse("procurement:request-update", args=[req.pk]),
                                           request_form(req, deadline=days_on(-1), title="Gewijzigd"))
    assert response.status_code == 200
    assert response.context["form"].errors["deadline"] == [IN_THE_PAST]
    req.refresh_from_db()
    assert req.deadline == deadline and req.title == "Schoonmaak wijkcentrum"


def test_the_api_cannot_move_the_deadline_into_the_past(api, haarlem, inkoper_haarlem):
    req = rb.purchase_request(haarlem)
    deadline = req.deadline
    answer = api(inkoper_haarlem).patch(f"/api/v1/procurement/requests/{req.pk}/", {"deadline": days_on(-1)},
                                        format="json")
    assert answer.status_code == 400 and answer.json() == {"deadline": [IN_THE_PAST]}
    req.refresh_from_db()
    assert req.deadline == deadline


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"deadline": "9999-12-31"}, "deadline", LATER),
    ({"budget_indication": "0"}, "budget_indication", MORE_THAN_ZERO),
])
def test_a_new_request_needs_a_deadline_in_reach_and_a_budget_above_zero(login, haarlem, inkoper_haarlem, changes,
                                                                         field, message):
    body = {"organisation": haarlem.pk, "title": "Schoonmaak", "description": "Wekelijks",
            "category": pf.category().pk, "budget_indication": "25000", "deadline": days_on(30),
            "procedure": "multiple", **changes}
    response = login(inkoper_haarlem).post(reverse("procurement:request-create"), body)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not PurchaseRequest.objects.exists()


def test_a_request_without_a_budget_is_still_fine(login, haarlem, inkoper_haarlem):
    body = {"organisation": haarlem.pk, "title": "Schoonmaak", "description": "Wekelijks",
            "category": pf.category().pk, "budget_indication": "", "deadline": days_on(30), "procedure": "multiple"}
    assert login(inkoper_haarlem).post(reverse("procurement:request-create"), body).status_code == 302
    assert PurchaseRequest.objects.get().budget_indication is None


def test_the_request_api_refuses_a_budget_of_nothing_and_a_deadline_in_9999(api, haarlem, inkoper_haarlem):
    answer = api(inkoper_haarlem).post("/api/v1/procurement/requests/", {
        "organisation": haarlem.slug, "title": "Groenonderhoud", "description": "Parken",
        "category": pf.category().slug, "budget_indication": "0.00", "deadline": "9999-12-31"}, format="json")
    assert answer.status_code == 400
    assert answer.json() == {"budget_indication": [MORE_THAN_ZERO], "deadline": [LATER]}
    assert not PurchaseRequest.objects.exists()


# --- 5. a match meeting's dates and agreed amount -------------------------------------------------------------


@pytest.fixture
def meeting_url(haarlem, broker_haarlem):
    category = pf.category()
    enterprise = f.EnterpriseFactory(name="Schoon Haarlem", municipality=haarlem,
                                     admission_status=AdmissionStatus.ADMITTED)
    Offering.objects.create(enterprise=enterprise, name="Kantoorschoonmaak", category=category)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem),
                           category=category)
    return reverse("procurement:meeting-create", args=[contract.pk]), enterprise


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"outcome": MeetingOutcome.AGREED, "agreed_amount": "0"}, "agreed_amount", MORE_THAN_ZERO),
    ({"outcome": MeetingOutcome.PLANNED, "date": "2099-03-01", "follow_up_on": ""}, "date", LATER),
    ({"date": "1900-01-01", "follow_up_on": ""}, "date", FROM_1990),
    ({"follow_up_on": "9999-01-01"}, "follow_up_on", LATER),
])
def test_a_meeting_refuses_impossible_dates_and_an_agreement_of_nothing(login, broker_haarlem, meeting_url,
                                                                        changes, field, message):
    url, enterprise = meeting_url
    body = {"enterprise": enterprise.pk, "date": days_on(-3), "outcome": MeetingOutcome.AGREED,
            "agreed_amount": "15000", "follow_up_on": days_on(30), "notes": "", **changes}
    response = login(broker_haarlem).post(f"{url}?onderneming={enterprise.pk}", body)
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert not MatchMeeting.objects.exists()


# --- 6. the jury: only those not in it yet are offered ----------------------------------------------------------


def test_appointing_offers_only_who_is_not_in_the_jury_yet(login, haarlem, broker_haarlem, inkoper_haarlem):
    c = rb.challenge(haarlem, jurors=[inkoper_haarlem])
    client = login(broker_haarlem)
    offered = client.get(c.get_absolute_url()).context["juror_form"].fields["user"].queryset
    assert inkoper_haarlem not in offered and broker_haarlem in offered
    response = client.post(reverse("procurement:challenge-juror", args=[c.pk]), {"user": inkoper_haarlem.pk})
    assert response.status_code == 400
    assert response.context["form"].errors["user"] == [
        "Kies een makelaar of collega van de organisatie die nog niet in de jury zit."]
    assert list(c.jurors.values_list("user", flat=True)) == [inkoper_haarlem.pk]
    assert client.post(reverse("procurement:challenge-juror", args=[c.pk]), {"user": broker_haarlem.pk}).status_code == 302
    page = client.get(c.get_absolute_url()).content.decode()
    assert 'id="no-juror-choices"' in page  # both are in the jury: nothing left to offer
