"""A team's mandate says whether it holds (issue: Haarlem's mandate ran until 31 December 2024 and the
team page listed it as if it were current): "verlopen" or "nog niet ingegaan" beside each mandate, a
sentence above the list when none holds today, and ``is_valid_today`` in the API. One rule
(``Mandate.is_valid_on``), on the local date."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from brokers.models import Mandate
from tests import factories as f

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 6)


def mandate(team, valid_from, valid_until=None, granted_by="College van B&W Haarlem", **kwargs):
    return Mandate.objects.create(team=team, granted_by=granted_by, scope="Actieprogramma", valid_from=valid_from,
                                  valid_until=valid_until, **kwargs)


@pytest.fixture
def team(haarlem):
    return f.broker_team(haarlem, "Makelaarsteam Haarlem")


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


# --- the rule ---------------------------------------------------------------------------------------------
def test_a_mandate_holds_from_its_first_to_its_last_day_inclusive():
    m = Mandate(valid_from=dt.date(2020, 5, 19), valid_until=dt.date(2024, 12, 31))
    assert not m.is_valid_on(dt.date(2020, 5, 18))
    assert m.is_valid_on(dt.date(2020, 5, 19))  # the first day
    assert m.is_valid_on(dt.date(2024, 12, 31))  # the last day ("tot en met")
    assert not m.is_valid_on(dt.date(2025, 1, 1))
    assert not m.has_started_on(dt.date(2020, 5, 18)) and m.has_ended_on(dt.date(2025, 1, 1))
    assert not m.has_ended_on(dt.date(2024, 12, 31))


def test_a_mandate_without_an_end_holds_from_its_first_day_on():
    m = Mandate(valid_from=dt.date(2025, 1, 1), valid_until=None)
    assert not m.is_valid_on(dt.date(2024, 12, 31))
    assert m.is_valid_on(dt.date(2025, 1, 1)) and m.is_valid_on(dt.date(2100, 1, 1))
    assert not m.has_ended_on(dt.date(2100, 1, 1))


def test_a_one_day_mandate_holds_on_that_day_only():
    m = Mandate(valid_from=dt.date(2025, 3, 1), valid_until=dt.date(2025, 3, 1))
    assert [m.is_valid_on(dt.date(2025, 3, d)) for d in (1, 2)] == [True, False]
    assert not m.is_valid_on(dt.date(2025, 2, 28))


def test_the_state_on_a_day_names_the_badge():
    m = Mandate(valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2025, 12, 31))
    days = (dt.date(2024, 12, 31), dt.date(2025, 1, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 1))
    assert [m.state_on(day) for day in days] == ["not-started", "valid", "valid", "expired"]
    assert Mandate(valid_from=dt.date(2025, 1, 1)).state_on(dt.date(2099, 1, 1)) == "valid"


def test_today_is_the_local_date_not_utcs(settings, monkeypatch):
    """31 December 2024, 23:30 UTC is already 1 January 2025 in Haarlem: the mandate has ended."""
    settings.TIME_ZONE = "Europe/Amsterdam"
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2024, 12, 31, 23, 30, tzinfo=dt.UTC))
    m = Mandate(valid_from=dt.date(2020, 5, 19), valid_until=dt.date(2024, 12, 31))
    assert not m.is_valid_today and m.state_on(timezone.localdate()) == "expired"


# --- the team page ----------------------------------------------------------------------------------------
def page(login, user, team, language="nl"):
    client = login(user)
    client.cookies["django_language"] = language
    with translation.override(language):
        response = client.get(team.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_haarlems_expired_mandate_is_marked_and_the_page_says_there_is_none_valid(login, broker_haarlem, team,
                                                                                    today):
    # The demo's facts: the action programme's decision of 19 May 2020, until 31 December 2024.
    m = mandate(team, dt.date(2020, 5, 19), dt.date(2024, 12, 31), decision_reference="2020/246333",
                decision_date=dt.date(2020, 5, 19))
    html = page(login, broker_haarlem, team)
    assert 'id="no-valid-mandate"' in html
    assert "Het team heeft vandaag geen geldig mandaat" in html
    card = html.split(f'data-mandate="{m.pk}"')[1].split("</div>")[0]
    assert '<span class="portal-badge portal-badge--alert" data-mandate-state="expired">verlopen</span>' in card
    assert html.index('id="no-valid-mandate"') < html.index(f'data-mandate="{m.pk}"')  # above the list


def test_a_valid_mandate_has_no_marker_and_no_warning(login, broker_haarlem, team, today):
    old = mandate(team, dt.date(2020, 5, 19), dt.date(2024, 12, 31))
    current = mandate(team, dt.date(2025, 1, 1), None, granted_by="Gemeenteraad Haarlem")
    last_day = mandate(team, dt.date(2025, 1, 1), TODAY, granted_by="Wethouder economie")
    html = page(login, broker_haarlem, team)
    assert 'id="no-valid-mandate"' not in html and "geen geldig mandaat" not in html
    cards = {m.pk: html.split(f'data-mandate="{m.pk}"')[1].split("</div>")[0] for m in (old, current, last_day)}
    assert 'data-mandate-state="expired"' in cards[old.pk]
    assert "data-mandate-state" not in cards[current.pk]
    assert "data-mandate-state" not in cards[last_day.pk]  # valid on its last day


def test_a_mandate_not_yet_started_says_so_and_does_not_count_as_valid(login, broker_haarlem, team, today):
    future = mandate(team, TODAY + dt.timedelta(days=1), dt.date(2030, 12, 31))
    html = page(login, broker_haarlem, team)
    card = html.split(f'data-mandate="{future.pk}"')[1].split("</div>")[0]
    assert 'data-mandate-state="not-started">nog niet ingegaan</span>' in card
    assert 'id="no-valid-mandate"' in html


def test_no_mandate_at_all_keeps_its_own_empty_text(login, broker_haarlem, team, today):
    html = page(login, broker_haarlem, team)
    assert "Nog geen mandaat vastgelegd" in html and 'id="no-valid-mandate"' not in html


def test_the_markers_read_in_english(login, broker_haarlem, team, today):
    mandate(team, dt.date(2020, 5, 19), dt.date(2024, 12, 31))
    mandate(team, dt.date(2027, 1, 1), None, granted_by="Gemeenteraad Haarlem")
    html = page(login, broker_haarlem, team, "en")
    assert 'data-mandate-state="expired">expired</span>' in html
    assert 'data-mandate-state="not-started">not yet in force</span>' in html
    assert "The team has no valid mandate today" in html


# --- the API ----------------------------------------------------------------------------------------------
def test_the_api_says_whether_a_mandate_is_valid_today_read_only(api, broker_haarlem, team, today):
    old = mandate(team, dt.date(2020, 5, 19), dt.date(2024, 12, 31))
    current = mandate(team, dt.date(2025, 1, 1), TODAY, granted_by="Gemeenteraad Haarlem")
    client = api(broker_haarlem)
    rows = {row["id"]: row for row in client.get("/api/v1/mandates/").json()["results"]}
    assert rows[old.pk]["is_valid_today"] is False and rows[current.pk]["is_valid_today"] is True
    response = client.patch(f"/api/v1/mandates/{old.pk}/", {"is_valid_today": True}, format="json")
    assert response.status_code == 200 and response.json()["is_valid_today"] is False  # read-only, ignored


def test_the_api_schema_describes_is_valid_today():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    field = schema["components"]["schemas"]["Mandate"]["properties"]["is_valid_today"]
    assert field["type"] == "boolean" and field["readOnly"] is True
    assert "tot en met valid_until" in field["description"]  # in the portal's language, Dutch first
    with translation.override("en"):
        english = SchemaGenerator().get_schema(request=None, public=True)
    assert "up to and including valid_until" in english["components"]["schemas"]["Mandate"]["properties"][
        "is_valid_today"]["description"]
