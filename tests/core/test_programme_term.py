"""The City Deal's facts on the home page (first-time-user review): the card said "2021– · 15
deelnemers" beside the footer's list of 80 parties, and the term stood in three forms ("2021–" on
the home page, "11 Mar 2021 – …" on the steering dashboard, "Since 11/03/2021, without an end
date" on the steering page). Now each count says what it counts (the participating organisations
in the portal; the programme's published parties, linked to that list) and one filter writes
the term everywhere."""

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ecosystem.models import Party
from monitoring.models import SteeringGroup

pytestmark = pytest.mark.django_db

OPEN_NL = "Sinds 11-03-2021, zonder einddatum"
OPEN_EN = "Since 11/03/2021, without an end date"


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


@pytest.fixture
def city_deal(programme, stuurgroep):
    programme.start_date, programme.end_date = dt.date(2021, 3, 11), None
    programme.save()
    SteeringGroup.objects.create(programme=programme, chair=stuurgroep)
    for n in range(3):
        party = Party.objects.create(name=f"Partij {n}", category="gemeente", is_published=n < 2)
        party.programmes.add(programme)
    return programme


def _card(page: str, programme) -> str:
    start = page.index(f'id="programme-term-{programme.pk}"')
    return page[start:page.index("</div>", start)]


def test_the_home_page_says_what_it_counts_and_links_the_parties(city_deal):
    page = Client().get(reverse("home")).content.decode()
    card = _card(page, city_deal)
    text = _text(card)
    assert OPEN_NL in text
    # One participating organisation (Haarlem) in the portal; two published parties (the third is not public).
    assert "1 deelnemende organisatie in het portaal" in text and "2 partijen in het programma" in text
    assert f'href="{reverse("ecosystem:party-list")}?programme={city_deal.slug}"' in card
    parties = _text(Client().get(f'{reverse("ecosystem:party-list")}?programme={city_deal.slug}').content.decode())
    assert "Partij 0" in parties and "Partij 1" in parties and "Partij 2" not in parties


@pytest.fixture
def visitor_cache(settings):
    from django.core.cache import cache

    settings.PUBLIC_PAGE_CACHE = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "programme-term-test"}}
    cache.clear()
    yield
    cache.clear()


def test_a_party_joining_makes_the_cached_home_page_stale(city_deal, visitor_cache,
                                                          django_capture_on_commit_callbacks):
    assert "2 partijen in het programma" in _text(Client().get(reverse("home")).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        Party.objects.create(name="Stichting Nieuwkomer", category="gemeente").programmes.add(city_deal)
    assert "3 partijen in het programma" in _text(Client().get(reverse("home")).content.decode())


@pytest.mark.parametrize(("language", "expected"), [("nl", OPEN_NL), ("en", OPEN_EN)])
def test_the_term_is_written_one_way_on_the_home_page_dashboard_and_steering_page(city_deal, stuurgroep, login,
                                                                                  language, expected):
    client = login(stuurgroep)
    client.cookies["django_language"] = language
    anonymous = Client()
    anonymous.cookies["django_language"] = language
    home = _text(_card(anonymous.get(reverse("home")).content.decode(), city_deal))
    dashboard = _text(client.get(reverse("dashboard")).content.decode())
    steering = client.get(reverse("monitoring:steering")).content.decode()
    start = steering.index(f'id="programme-period-{city_deal.pk}"')
    period = _text(steering[start:steering.index("</dd>", start)])
    assert expected in home and expected in dashboard and expected in period
    assert "2021–" not in home and "–&nbsp;…" not in dashboard and "2021 – …" not in dashboard


def test_a_closed_term_is_written_from_date_to_date(city_deal):
    city_deal.end_date = dt.date(2024, 4, 1)
    rendered = Template("{% load portal_text %}{{ p|term }}")
    with translation.override("nl"):
        assert _text(rendered.render(Context({"p": city_deal}))) == "11-03-2021 – 01-04-2024"
    with translation.override("en"):
        assert _text(rendered.render(Context({"p": city_deal}))) == "11/03/2021 – 01/04/2024"
