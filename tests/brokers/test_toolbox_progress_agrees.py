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


def test_the_dashboard_tile_counts_a_new_answer_at_once(login, haarlem, broker_haarlem, settings):
    """The tile is kept in the cache (counting reads every linked source), but a saved answer
    makes it stale: the broker who just answered sees it counted on the dashboard."""
    settings.DASHBOARD_CACHE_SECONDS = 0  # the tile's own cache, not the dashboard's
    f.toolbox_edition()
    client = login(broker_haarlem)

    def answered():
        tile = client.get(reverse("dashboard")).content.decode()
        return int(tile.split("</span>toolbox: ")[1].split(" van ")[0])

    before = answered()
    assert answered() == before  # served from the tile's cache
    toolbox_services.answer_save(organisation=haarlem, question=Question.objects.get(key="vision"),
                                 value="Een stip op de horizon", by=broker_haarlem)
    assert answered() == before + 1
