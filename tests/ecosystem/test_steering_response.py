"""The steering group's response to a bottleneck shared with its programme and put on its agenda:
only its members record it (brokers read it, 403; another programme's steering group, 404), the
meeting date is not in the future nor before the agenda date, a bottleneck not on the agenda is
refused, the change is audited, the organisation's brokers are told, and the API does the same."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ecosystem import services_bottlenecks as services
from ecosystem.models import Bottleneck
from impactportal.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db

TEXT = "De stuurgroep brengt dit in bij het ministerie van Economische Zaken."


@pytest.fixture
def on_agenda(make_bottleneck, deal, broker_haarlem):
    """Haarlem's bottleneck, shared with the City Deal and on the steering group's agenda (ten days ago)."""
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="on_agenda",
                                      agenda_where="Stuurgroep City Deal", agenda_on=timezone.localdate(),
                                      agenda_by="wethouder Economie")
    ten_days_ago = timezone.localdate() - dt.timedelta(days=10)
    Bottleneck.objects.filter(pk=bottleneck.pk).update(agenda_on=ten_days_ago)
    bottleneck.refresh_from_db()
    return bottleneck


def url(bottleneck):
    return reverse("ecosystem:bottleneck-respond", args=[bottleneck.pk])


def test_the_steering_member_responds_and_the_brokers_hear_of_it(on_agenda, stuurgroep, broker_haarlem,
                                                                 inkoper_haarlem, login):
    from auditlog.models import LogEntry

    client = login(stuurgroep)
    page = client.get(on_agenda.get_absolute_url()).content.decode()
    assert 'id="respond-form"' in page and 'id="steering-response"' not in page
    today = timezone.localdate()
    response = client.post(url(on_agenda), {"text": TEXT, "date": today.isoformat()})
    assert response.status_code == 302 and response["Location"] == on_agenda.get_absolute_url()
    on_agenda.refresh_from_db()
    assert on_agenda.response_text == TEXT and on_agenda.response_date == today
    assert on_agenda.responded_by == stuurgroep and on_agenda.responded_at is not None
    entry = LogEntry.objects.get_for_object(on_agenda).filter(action=LogEntry.Action.UPDATE).first()
    assert entry is not None and entry.actor == stuurgroep and "response_text" in entry.changes_dict
    # The organisation's broker is told (not the colleague, not the steering member).
    notes = Notification.objects.filter(url=on_agenda.get_absolute_url())
    assert broker_haarlem.pk in set(notes.values_list("recipient", flat=True))
    assert not notes.filter(recipient__in=[inkoper_haarlem, stuurgroep]).exists()
    note = notes.get(recipient=broker_haarlem)
    assert "Reactie van de stuurgroep" in note.subject and on_agenda.title in note.subject
    # Everyone who sees the bottleneck reads the response, in Dutch; only the steering group gets the form.
    broker_page = login(broker_haarlem).get(on_agenda.get_absolute_url()).content.decode()
    assert 'id="steering-response"' in broker_page and "Reactie van de stuurgroep" in broker_page
    assert TEXT in broker_page and "vastgelegd door" in broker_page and 'id="respond-form"' not in broker_page


def test_a_broker_may_read_but_not_respond(on_agenda, broker_haarlem, broker_amersfoort, login):
    for broker in (broker_haarlem, broker_amersfoort):
        response = login(broker).post(url(on_agenda), {"text": TEXT, "date": timezone.localdate().isoformat()})
        assert response.status_code == 403
    on_agenda.refresh_from_db()
    assert on_agenda.response_text == "" and on_agenda.responded_by is None


def test_the_steering_group_of_another_programme_gets_not_found(on_agenda, login):
    other = f.steering(f.ProgrammeFactory(name="Ander programma", slug="ander"), "stuurgroep-ander")
    response = login(other).post(url(on_agenda), {"text": TEXT, "date": timezone.localdate().isoformat()})
    assert response.status_code == 404
    with pytest.raises(Http404):
        services.steering_respond(bottleneck=on_agenda, by=other, text=TEXT, date=timezone.localdate())
    on_agenda.refresh_from_db()
    assert on_agenda.response_text == ""


def test_get_is_post_only(on_agenda, stuurgroep, login):
    """The view answers a GET with 405; the portal's middleware sends a person to the bottleneck's page."""
    response = login(stuurgroep).get(url(on_agenda))
    assert response.status_code == 302 and response["Location"] == on_agenda.get_absolute_url()


@pytest.mark.parametrize("days, message", [(1, "in de toekomst"), (-11, "vóór de dag waarop het geagendeerd is")])
def test_a_meeting_date_in_the_future_or_before_the_agenda_is_refused(on_agenda, stuurgroep, login, days,
                                                                      message):
    date = timezone.localdate() + dt.timedelta(days=days)
    response = login(stuurgroep).post(url(on_agenda), {"text": TEXT, "date": date.isoformat()})
    assert response.status_code == 400
    assert message in response.context["form"].errors["date"][0]
    with pytest.raises(ValidationError) as error:
        services.steering_respond(bottleneck=on_agenda, by=stuurgroep, text=TEXT, date=date)
    assert set(error.value.message_dict) == {"date"}
    on_agenda.refresh_from_db()
    assert on_agenda.response_text == "" and on_agenda.response_date is None
    assert not Notification.objects.filter(url=on_agenda.get_absolute_url(), subject__startswith="Reactie").exists()


def test_the_text_is_required(on_agenda, stuurgroep):
    with pytest.raises(ValidationError) as error:
        services.steering_respond(bottleneck=on_agenda, by=stuurgroep, text="  ", date=timezone.localdate())
    assert set(error.value.message_dict) == {"text"}


def test_a_bottleneck_not_on_the_agenda_is_refused(make_bottleneck, deal, broker_haarlem, stuurgroep, login):
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    page = login(stuurgroep).get(bottleneck.get_absolute_url()).content.decode()
    assert 'id="respond-form"' not in page  # nothing to respond to yet
    response = login(stuurgroep).post(url(bottleneck), {"text": TEXT, "date": timezone.localdate().isoformat()})
    assert response.status_code == 400 and "geagendeerd" in response.content.decode()
    with pytest.raises(ValidationError):
        services.steering_respond(bottleneck=bottleneck, by=stuurgroep, text=TEXT, date=timezone.localdate())
    bottleneck.refresh_from_db()
    assert bottleneck.response_text == ""


def test_the_api_action(api, on_agenda, stuurgroep, broker_haarlem):
    endpoint = f"/api/v1/bottlenecks/{on_agenda.pk}/respond/"
    today = timezone.localdate()
    assert api(broker_haarlem).post(endpoint, {"text": TEXT, "date": today.isoformat()},
                                    format="json").status_code == 403
    future = api(stuurgroep).post(endpoint, {"text": TEXT, "date": (today + dt.timedelta(days=2)).isoformat()},
                                  format="json")
    assert future.status_code == 400 and "date" in future.json()
    response = api(stuurgroep).post(endpoint, {"text": TEXT, "date": today.isoformat()}, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["response_text"] == TEXT and data["response_date"] == today.isoformat()
    assert data["responded_by"] and data["responded_at"]
    # Read-only in the serializer: the organisation cannot write the steering group's response.
    patched = api(broker_haarlem).patch(f"/api/v1/bottlenecks/{on_agenda.pk}/", {"response_text": "Anders"},
                                        format="json")
    assert patched.status_code == 200 and patched.json()["response_text"] == TEXT
