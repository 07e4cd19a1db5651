"""Leftovers 10 (helpdesk): the change log on the case page writes a deadline at midnight as the
case's facts do ("14-01-2027, einde van de dag"), not as "15-01-2027 00:00"."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.urls import reverse

from impactportal.audit import acting_as

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@override_settings(LANGUAGE_CODE="nl")
def test_the_change_log_shows_a_deadline_at_midnight_as_the_end_of_the_day_before(
    case_haarlem, broker_haarlem, login
):
    with acting_as(broker_haarlem):
        case_haarlem.first_response_due = dt.datetime(2027, 1, 15, 0, 0, tzinfo=AMS)
        case_haarlem.resolution_due = dt.datetime(2027, 1, 18, 14, 30, tzinfo=AMS)
        case_haarlem.save()
    page = login(broker_haarlem).get(reverse("helpdesk:case-detail", args=[case_haarlem.pk])).content.decode()
    log = page[page.index('class="portal-history"'):]
    log = log[:log.index("</section>")]
    assert "→ 14-01-2027, einde van de dag" in log
    assert "15-01-2027 00:00" not in log
    assert "→ 18-01-2027 14:30" in log  # a deadline during the day keeps its time
