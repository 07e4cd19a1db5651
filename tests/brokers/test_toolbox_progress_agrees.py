"""The toolbox progress of a municipality is one figure: the dashboard tile, the toolbox page and
the monitoring indicator count it with the toolbox page's definition (linked questions included)."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from brokers.indicators_toolbox import toolbox_progress
from brokers.models import Question
from brokers.toolbox import services as toolbox_services
from impactportal.indicators import Period
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_dashboard_toolbox_page_and_monitoring_indicator_agree(login, haarlem, broker_haarlem):
    f.toolbox_edition()
    f.broker_team(haarlem, "Makelaarsteam Haarlem")
    f.EnterpriseFactory(municipality=haarlem)  # the register's linked question has data
    for key, value in (("vision", "Een stip op de horizon"), ("alderman", True)):
        toolbox_services.answer_save(organisation=haarlem, question=Question.objects.get(key=key), value=value,
                                     by=broker_haarlem)
    client = login(broker_haarlem)

    overall = client.get(reverse("brokers:toolbox")).context["overall"]
    assert overall.total == Question.objects.count()
    assert overall.answered > 2  # the two saved answers and at least one linked question with data

    tile = client.get(reverse("dashboard")).content.decode()
    assert (f'{overall.percentage}%</span>toolbox: {overall.answered} van {overall.total} vragen beantwoord'
            in tile)

    now = timezone.now()
    indicator = toolbox_progress(Period(now - dt.timedelta(days=30), now + dt.timedelta(days=1), "now"))
    expected = (Decimal(100) * overall.answered / overall.total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert indicator[haarlem.pk] == expected
    assert round(indicator[haarlem.pk]) == overall.percentage
