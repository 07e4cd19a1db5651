"""Outside-client review: a mandate could be dated before its own decision (valid from 2026,
decided in 2030) and then counted as valid today. A mandate takes effect on or after the decision
granting it, and that decision is already taken: ``Mandate.clean`` says so on the field, so the
API (and the admin, which validates through the model) refuse it alike."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from brokers.models import Mandate
from tests import factories as f

pytestmark = pytest.mark.django_db

MANDATES = "/api/v1/mandates/"
IN_FUTURE = "De datum van het besluit ligt in de toekomst. Kies vandaag of een eerdere datum."
BEFORE_DECISION = ("'Geldig vanaf' ligt voor de datum van het besluit: een mandaat gaat pas in op of na het besluit "
                   "dat het verleent.")


@pytest.fixture
def team(haarlem):
    return f.broker_team(haarlem, "Makelaarsteam Haarlem")


def body(team, **kwargs):
    return {"team": team.pk, "granted_by": "College van B&W", "scope": "Actieprogramma", **kwargs}


def test_the_reviewed_request_is_refused_on_both_fields(api, broker_haarlem, team):
    response = api(broker_haarlem).post(MANDATES, body(team, valid_from="2026-01-01", decision_date="2030-01-01"),
                                        format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json() == {"decision_date": [IN_FUTURE], "valid_from": [BEFORE_DECISION]}
    assert not Mandate.objects.exists()


def test_valid_from_before_a_past_decision_is_refused(api, broker_haarlem, team):
    response = api(broker_haarlem).post(MANDATES, body(team, valid_from="2020-05-01", decision_date="2020-05-19"),
                                        format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json() == {"valid_from": [BEFORE_DECISION]}


def test_the_messages_in_english(api, broker_haarlem, team):
    response = api(broker_haarlem).post(MANDATES, body(team, valid_from="2026-01-01", decision_date="2030-01-01"),
                                        format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "decision_date": ["The decision date is in the future. Choose today or an earlier date."],
        "valid_from": ["'Valid from' is before the decision date: a mandate takes effect on or after the decision "
                       "that grants it."]}


@pytest.mark.parametrize(("decision", "valid_from"), [
    ("2020-05-19", "2020-05-19"),  # the demo's mandate: in force on the day of the decision
    ("2020-05-19", "2020-06-01"),
    (None, "2020-01-01"),  # no decision date: nothing to compare
])
def test_a_mandate_on_or_after_its_decision_is_accepted(api, broker_haarlem, team, decision, valid_from):
    response = api(broker_haarlem).post(MANDATES, body(team, valid_from=valid_from, decision_date=decision),
                                        format="json")
    assert response.status_code == 201, response.json()


def test_a_decision_taken_today_is_not_in_the_future(api, broker_haarlem, team):
    today = timezone.localdate().isoformat()
    response = api(broker_haarlem).post(MANDATES, body(team, valid_from=today, decision_date=today), format="json")
    assert response.status_code == 201, response.json()


def test_a_change_is_held_to_the_same_rule(api, broker_haarlem, team):
    mandate = Mandate.objects.create(team=team, granted_by="College", scope="Alles", valid_from=dt.date(2024, 1, 1))
    response = api(broker_haarlem).patch(f"{MANDATES}{mandate.pk}/", {"decision_date": "2024-03-01"}, format="json",
                                         HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json() == {"valid_from": [BEFORE_DECISION]}
    mandate.refresh_from_db()
    assert mandate.decision_date is None


def test_the_model_refuses_it_too(team):
    """The admin validates through the model: the same rule, on the same fields."""
    mandate = Mandate(team=team, granted_by="College", scope="Alles", valid_from=dt.date(2026, 1, 1),
                      decision_date=timezone.localdate() + dt.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        mandate.full_clean()
    assert set(error.value.message_dict) == {"decision_date", "valid_from"}


def test_the_demo_mandates_keep_to_the_rule():
    call_command("seed_demo", stdout=io.StringIO())
    mandates = list(Mandate.objects.all())
    assert mandates
    for mandate in mandates:
        mandate.full_clean()
