"""The bottleneck's status and response forms show the service's errors together with the fields' own (the
walk about forms): a wrong date hid that "where" and "when" were missing until the next round."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from ecosystem import services_bottlenecks as services
from ecosystem.models_bottlenecks import Bottleneck

pytestmark = pytest.mark.django_db


def test_a_wrong_date_and_a_missing_agenda_show_together(make_bottleneck, broker_haarlem, login):
    bottleneck = make_bottleneck()
    response = login(broker_haarlem).post(reverse("ecosystem:bottleneck-status", args=[bottleneck.pk]),
                                          {"status": "on_agenda", "date": "geen datum", "agenda_where": ""})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"date", "agenda_where", "agenda_on"}
    assert len(errors["date"]) == 1  # its own message only: a refused date is compared with nothing
    assert Bottleneck.objects.get(pk=bottleneck.pk).status == "signalled"


def test_a_refused_status_decides_nothing(make_bottleneck, broker_haarlem, login):
    bottleneck = make_bottleneck()
    response = login(broker_haarlem).post(reverse("ecosystem:bottleneck-status", args=[bottleneck.pk]),
                                          {"status": "bestaat-niet", "agenda_where": ""})
    assert response.status_code == 400 and set(response.context["form"].errors) == {"status"}


def test_a_missing_response_and_a_future_meeting_show_together(make_bottleneck, deal, broker_haarlem, stuurgroep,
                                                                login):
    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="on_agenda",
                                      agenda_where="Stuurgroep City Deal", agenda_on=timezone.localdate())
    future = timezone.localdate() + dt.timedelta(days=5)
    response = login(stuurgroep).post(reverse("ecosystem:bottleneck-respond", args=[bottleneck.pk]),
                                      {"text": "", "date": future.isoformat()})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"text", "date"} and "De datum ligt in de toekomst." in errors["date"]
    assert len(errors["text"]) == 1  # the field's own "required", not the service's as well
