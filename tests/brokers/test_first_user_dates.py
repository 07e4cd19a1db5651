"""First-time-user review: the action and action-programme pages write dates as every other page
does (SHORT_DATE_FORMAT: 22/11/2026 in English), not "22 Nov 2026"."""

import datetime as dt

import pytest
from django.urls import reverse

from brokers.models import ActionProgramme
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_action_and_programme_dates_use_the_short_date_format(login, broker_haarlem, haarlem):
    action = f.agenda_action(haarlem, title="Netwerkavond", due_date=dt.date(2026, 11, 22))
    programme = ActionProgramme.objects.get(pk=action.line.programme_id)
    programme.adopted_on = dt.date(2020, 5, 19)
    programme.save()
    client = login(broker_haarlem)
    client.cookies["django_language"] = "en"
    action_page = client.get(reverse("brokers:action-detail", args=[action.pk]), HTTP_ACCEPT_LANGUAGE="en")
    programme_page = client.get(reverse("brokers:agenda-detail", args=[programme.pk]), HTTP_ACCEPT_LANGUAGE="en")
    for page, date in ((action_page, "22/11/2026"), (programme_page, "19/05/2020"), (programme_page, "22/11/2026")):
        html = page.content.decode()
        assert page.status_code == 200 and date in html
    assert "Nov 2026" not in action_page.content.decode() + programme_page.content.decode()
    assert "May 2020" not in programme_page.content.decode()
