"""A steering member's dashboard shows their programme's key figures of this year, the same as the
steering page, and leads to that page and the reports."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ecosystem.models import Bottleneck, Party
from monitoring.models import Contribution, Meeting, Spending
from monitoring.views import budget_years, on_the_agenda

pytestmark = pytest.mark.django_db

D = Decimal


def _figure(html, name) -> str:
    return re.sub(r"<[^>]+>", "", re.search(rf'data-figure="{name}">(.*?)</dd>', html, re.S).group(1)).strip()


def _euros(text) -> Decimal:
    return D(re.sub(r"[^\d,]", "", text).replace(",", "."))


def test_the_steering_card_shows_this_years_figures_as_the_steering_page(login, programme, stuurgroep, haarlem,
                                                                         amersfoort):
    today = timezone.localdate()
    ministry = Party.objects.create(name="Ministerie van BZK", category="rijk")
    city = Party.objects.create(name="Gemeente Haarlem", category="gemeente")
    Contribution.objects.create(programme=programme, party=ministry, year=today.year, money=D("30000"),
                                in_kind=D("5000"))
    Contribution.objects.create(programme=programme, party=city, year=today.year, money=D("10000"))
    Contribution.objects.create(programme=programme, party=city, year=today.year - 1, money=D("99999"))
    Spending.objects.create(programme=programme, date=today.replace(month=1, day=1), description="Team",
                            amount=D("12500.50"))
    Meeting.objects.create(programme=programme, date=today + dt.timedelta(days=30))
    Bottleneck.objects.create(organisation=haarlem, theme="real_estate", level="municipality", title="Op de agenda",
                              description="x", status="on_agenda", shared_with=programme, shared_at=timezone.now(),
                              agenda_on=today + dt.timedelta(days=30))
    client = login(stuurgroep)
    html = client.get(reverse("dashboard")).content.decode()
    assert 'data-figure="steering-figures"' in html
    [year] = [row for row in budget_years(programme, stuurgroep) if row["year"] == today.year]
    assert _euros(_figure(html, "contributions-money")) == year["money"] == D("40000")
    assert _euros(_figure(html, "contributions-in-kind")) == year["in_kind"] == D("5000")
    assert _euros(_figure(html, "spent")) == year["spent"] == D("12500.50")
    assert _figure(html, "on-agenda") == str(len(on_the_agenda(stuurgroep, programme))) == "1"
    assert _figure(html, "next-meeting") != "nog niet gepland"
    assert f'href="{reverse("monitoring:steering")}"' in html and f'href="{reverse("monitoring:report-list")}"' in html
    assert client.get(reverse("monitoring:steering")).status_code == 200
    assert client.get(reverse("monitoring:report-list")).status_code == 200


def test_the_steering_figures_cost_the_same_queries_for_more_programmes(programme, stuurgroep, haarlem):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from impactportal import access
    from impactportal.accounts.models import Membership
    from monitoring.dashboard import steering_figures
    from tests import factories as f

    def queries():
        access.forget(stuurgroep)
        with CaptureQueriesContext(connection) as captured:
            rows = steering_figures(stuurgroep)["rows"]
        return len(captured), len(rows)

    one, rows = queries()
    assert rows == 1
    for i in range(2):
        other = f.ProgrammeFactory(name=f"Programma {i}", slug=f"programma-{i}")
        Membership.objects.create(user=stuurgroep, role="steering", programme=other)
    assert queries() == (one, 3)
