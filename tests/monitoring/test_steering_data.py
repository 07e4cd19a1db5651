"""The steering group's programme data on the portal (``monitoring.views_steering``): meetings,
spending, contributions, targets and themes are added, changed and deleted by the programme's steering group; the
participants' brokers read them (403 on the forms) and everyone else finds nothing (404). The
model's rules are field errors: four meetings a year, one of them open; one contribution per party,
year and kind; amounts in Dutch notation, never negative."""

import datetime as dt
from decimal import Decimal

import pytest

from ecosystem.models import Party
from monitoring.models import Contribution, Meeting, ProgrammeTheme, Spending, SteeringGroup
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(chair, programme):
    return SteeringGroup.objects.get(programme=programme)


@pytest.fixture
def party(programme):
    party = Party.objects.create(name="Gemeente Haarlem", category="gemeente")
    party.programmes.add(programme)
    return party


@pytest.fixture
def meeting(programme):
    return Meeting.objects.create(programme=programme, date=dt.date(2025, 3, 1), agenda="Begroting")


@pytest.fixture
def spending(programme):
    return Spending.objects.create(programme=programme, date=dt.date(2025, 3, 1), description="Coördinatie",
                                   amount=Decimal("1200.00"))


@pytest.fixture
def contribution(programme, party):
    return Contribution.objects.create(programme=programme, party=party, year=2025, money=Decimal(5000))


def errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


# --- meetings -------------------------------------------------------------------------------------


def test_steering_member_adds_changes_and_deletes_a_meeting(group, chair, login):
    client = login(chair)
    page = client.get("/monitoring/stuurgroep/")
    assert f"/monitoring/stuurgroep/{group.pk}/overleggen/nieuw/" in page.content.decode()
    form = client.get(f"/monitoring/stuurgroep/{group.pk}/overleggen/nieuw/")
    assert form.status_code == 200
    assert f'href="/monitoring/stuurgroep/#programme-{group.programme_id}"' in form.content.decode()  # cancel
    response = client.post(f"/monitoring/stuurgroep/{group.pk}/overleggen/nieuw/",
                           {"date": "2025-06-12", "agenda": "Jaarplan"}, follow=True)
    meeting = Meeting.objects.get(programme=group.programme)
    assert meeting.date == dt.date(2025, 6, 12) and meeting.agenda == "Jaarplan"
    assert "Het overleg is vastgelegd." in response.content.decode()
    assert f"/monitoring/stuurgroep/overleggen/{meeting.pk}/wijzigen/" in response.content.decode()

    response = client.post(f"/monitoring/stuurgroep/overleggen/{meeting.pk}/wijzigen/",
                           {"date": "2025-06-19", "is_open": "on", "agenda": "Jaarplan"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2025, 6, 19) and meeting.is_open

    response = client.post(f"/monitoring/stuurgroep/overleggen/{meeting.pk}/verwijderen/")
    assert response.status_code == 302 and response["Location"].endswith(f"#programme-{group.programme_id}")
    assert not Meeting.objects.exists()


def test_a_fifth_meeting_and_a_second_open_session_are_field_errors(group, chair, login):
    for month in (2, 5, 8, 11):
        Meeting.objects.create(programme=group.programme, date=dt.date(2025, month, 1), is_open=month == 5)
    client = login(chair)
    url = f"/monitoring/stuurgroep/{group.pk}/overleggen/nieuw/"
    response = client.post(url, {"date": "2025-12-01"})
    assert response.status_code == 400
    assert errors(response, "date") == ["De stuurgroep overlegt vier keer per jaar; dit jaar staan er al vier."]
    assert not response.context["form"].non_field_errors()
    assert Meeting.objects.count() == 4

    february = Meeting.objects.get(date=dt.date(2025, 2, 1))
    response = client.post(f"/monitoring/stuurgroep/overleggen/{february.pk}/wijzigen/",
                           {"date": "2025-02-01", "is_open": "on"})
    assert response.status_code == 200
    assert errors(response, "is_open") == ["Er is dit jaar al een open sessie."]
    february.refresh_from_db()
    assert not february.is_open


def test_others_change_nothing(group, chair, meeting, spending, contribution, broker_haarlem, broker_amersfoort,
                               login, client):
    """Haarlem's broker reads the programme's data (Haarlem participates): 403; Amersfoort's: 404.
    Neither sees the links on a page, and no POST changes or deletes a row."""
    rows = {"overleggen": meeting, "uitgaven": spending, "bijdragen": contribution}
    for user, status in ((broker_haarlem, 403), (broker_amersfoort, 404)):
        login(user)
        for path, row in rows.items():
            for action in ("wijzigen", "verwijderen"):
                url = f"/monitoring/stuurgroep/{path}/{row.pk}/{action}/"
                assert client.get(url).status_code == status, (user, url)
                assert client.post(url, {"date": "2030-01-01", "description": "Weg", "amount": "1",
                                         "party": contribution.party_id, "year": "2030"}).status_code == status
            assert client.post(f"/monitoring/stuurgroep/{group.pk}/{path}/nieuw/",
                               {"date": "2025-06-01", "description": "X", "amount": "5"}).status_code == status
        client.logout()
    assert Meeting.objects.get().date == dt.date(2025, 3, 1)
    assert Spending.objects.get().amount == Decimal("1200.00")
    assert Contribution.objects.get().year == 2025
    # Anonymous: to the login page.
    response = client.get(f"/monitoring/stuurgroep/overleggen/{meeting.pk}/wijzigen/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_steering_member_of_another_programme_finds_nothing(group, meeting, login):
    other = f.ProgrammeFactory(name="Ander programma", slug="ander-programma")
    outsider = f.steering(other, "buitenstaander")
    client = login(outsider)
    assert client.get(f"/monitoring/stuurgroep/overleggen/{meeting.pk}/wijzigen/").status_code == 404
    assert client.post(f"/monitoring/stuurgroep/overleggen/{meeting.pk}/verwijderen/").status_code == 404
    assert client.post(f"/monitoring/stuurgroep/{group.pk}/overleggen/nieuw/",
                       {"date": "2025-06-01"}).status_code == 404
    assert Meeting.objects.count() == 1


def test_the_page_links_no_forms_to_readers(group, meeting, broker_haarlem, login):
    """A reader without the steering role does not reach the steering page at all (403); the
    links hang on the rows' change grant."""
    assert login(broker_haarlem).get("/monitoring/stuurgroep/").status_code == 403


# --- spending -------------------------------------------------------------------------------------


def test_spending_in_dutch_notation(group, chair, login):
    client = login(chair)
    url = f"/monitoring/stuurgroep/{group.pk}/uitgaven/nieuw/"
    response = client.post(url, {"date": "2025-04-01", "description": "Onderzoek", "amount": "1.234,56"})
    assert response.status_code == 302
    spending = Spending.objects.get()
    assert spending.amount == Decimal("1234.56")
    response = client.post(f"/monitoring/stuurgroep/uitgaven/{spending.pk}/wijzigen/",
                           {"date": "2025-04-01", "description": "Onderzoek", "amount": "2000,5"})
    assert response.status_code == 302
    spending.refresh_from_db()
    assert spending.amount == Decimal("2000.50")
    page = client.get("/monitoring/stuurgroep/").content.decode()
    assert "Onderzoek" in page and f"/monitoring/stuurgroep/uitgaven/{spending.pk}/verwijderen/" in page
    assert client.post(f"/monitoring/stuurgroep/uitgaven/{spending.pk}/verwijderen/").status_code == 302
    assert not Spending.objects.exists()


@pytest.mark.parametrize("amount", ["-5", "veel", "12,345", "1.2.3,4", ""])
def test_bad_amounts_are_refused(group, chair, login, amount):
    response = login(chair).post(f"/monitoring/stuurgroep/{group.pk}/uitgaven/nieuw/",
                                 {"date": "2025-04-01", "description": "Onderzoek", "amount": amount})
    assert response.status_code == 400
    assert errors(response, "amount")
    assert not Spending.objects.exists()


# --- contributions --------------------------------------------------------------------------------


def test_steering_member_adds_changes_and_deletes_a_contribution(group, chair, party, login):
    client = login(chair)
    url = f"/monitoring/stuurgroep/{group.pk}/bijdragen/nieuw/"
    response = client.post(url, {"party": party.pk, "year": "2026", "money": "10.000", "in_kind": "2.500,50",
                                 "note": "Begroting 2026"}, follow=True)
    contribution = Contribution.objects.get()
    assert (contribution.money, contribution.in_kind, contribution.is_once) == (Decimal(10000), Decimal("2500.50"),
                                                                                False)
    assert "De bijdrage is vastgelegd." in response.content.decode()
    response = client.post(f"/monitoring/stuurgroep/bijdragen/{contribution.pk}/wijzigen/",
                           {"party": party.pk, "year": "2026", "money": "12000", "in_kind": "0", "is_once": "on"})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.money == Decimal(12000) and contribution.is_once
    assert client.post(f"/monitoring/stuurgroep/bijdragen/{contribution.pk}/verwijderen/").status_code == 302
    assert not Contribution.objects.exists()


def test_a_second_contribution_of_a_party_in_a_year_is_a_field_error(group, chair, party, contribution, login):
    client = login(chair)
    response = client.post(f"/monitoring/stuurgroep/{group.pk}/bijdragen/nieuw/",
                           {"party": party.pk, "year": "2025", "money": "100", "in_kind": "0"})
    assert response.status_code == 400
    assert errors(response, "year") == [
        "Er staat al een bijdrage van Gemeente Haarlem in 2025. Wijzig die bijdrage."]
    assert Contribution.objects.count() == 1
    # A one-off contribution beside the yearly one is allowed (its own row).
    response = client.post(f"/monitoring/stuurgroep/{group.pk}/bijdragen/nieuw/",
                           {"party": party.pk, "year": "2025", "money": "100", "in_kind": "0", "is_once": "on"})
    assert response.status_code == 302
    assert Contribution.objects.count() == 2
    # Changing the one-off into a second yearly one: the same field error, nothing saved.
    once = Contribution.objects.get(is_once=True)
    response = client.post(f"/monitoring/stuurgroep/bijdragen/{once.pk}/wijzigen/",
                           {"party": party.pk, "year": "2025", "money": "100", "in_kind": "0"})
    assert response.status_code == 200
    assert errors(response, "year")
    once.refresh_from_db()
    assert once.is_once


def test_contribution_offers_the_programme_parties_and_refuses_negative_money(group, chair, party, login):
    Party.objects.create(name="Elders", category="gemeente")
    client = login(chair)
    url = f"/monitoring/stuurgroep/{group.pk}/bijdragen/nieuw/"
    choices = list(client.get(url).context["form"].fields["party"].queryset)
    assert choices == [party]
    response = client.post(url, {"party": party.pk, "year": "2026", "money": "-1", "in_kind": "0"})
    assert response.status_code == 400 and errors(response, "money")
    assert not Contribution.objects.exists()


# --- targets --------------------------------------------------------------------------------------


def test_steering_member_sets_a_programme_target(group, chair, broker_haarlem, login, client):
    from monitoring.models import Target

    client = login(chair)
    url = f"/monitoring/stuurgroep/{group.pk}/doelen/nieuw/"
    form = client.get(url)
    codes = [code for code, _label in form.context["form"].fields["code"].choices]
    assert "enterprises.admitted" in codes and "---------" not in form.content.decode()
    assert client.post(url, {"code": "geen.indicator", "year": "2026", "value": "80"}).status_code == 400
    response = client.post(url, {"code": "enterprises.admitted", "year": "2026", "value": "80", "note": "Jaarplan"},
                           follow=True)
    target = Target.objects.get()
    assert (target.programme_id, target.organisation_id, target.value) == (group.programme_id, None, Decimal(80))
    assert "Het doel is vastgelegd." in response.content.decode()
    assert "Toegelaten impactondernemingen" in response.content.decode()
    response = client.post(url, {"code": "enterprises.admitted", "year": "2026", "value": "90"})
    assert response.status_code == 400
    assert errors(response, "code") == ["Voor deze indicator staat in 2026 al een doel. Wijzig dat doel."]
    response = client.post(f"/monitoring/stuurgroep/doelen/{target.pk}/wijzigen/",
                           {"code": "enterprises.admitted", "year": "2026", "value": "85,5"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.value == Decimal("85.5")
    client.logout()
    login(broker_haarlem)
    assert client.post(f"/monitoring/stuurgroep/doelen/{target.pk}/verwijderen/").status_code == 403
    login(chair)
    assert client.post(f"/monitoring/stuurgroep/doelen/{target.pk}/verwijderen/").status_code == 302
    assert not Target.objects.exists()


# --- themes ---------------------------------------------------------------------------------------


@pytest.fixture
def theme(programme):
    """A shipped theme (the seeding's code in ``seed_key``), current: public."""
    return ProgrammeTheme.objects.create(programme=programme, name="Impactfinanciering", order=2,
                                         seed_key="impactfinanciering")


@pytest.fixture
def former(programme):
    """A theme that is no longer current: the steering group's (and its participants' brokers')."""
    return ProgrammeTheme.objects.create(programme=programme, name="Oud thema", order=9, is_current=False)


def test_steering_member_adds_changes_and_deletes_a_theme(group, chair, theme, login):
    client = login(chair)
    page = client.get("/monitoring/stuurgroep/").content.decode()
    assert f"/monitoring/stuurgroep/{group.pk}/themas/nieuw/" in page
    assert f"/monitoring/stuurgroep/themas/{theme.pk}/wijzigen/" in page
    response = client.post(f"/monitoring/stuurgroep/{group.pk}/themas/nieuw/",
                           {"name": "Impactvol inkopen", "coordinator_name": "Jan Jansen", "order": "4",
                            "is_current": "on"}, follow=True)
    added = ProgrammeTheme.objects.get(name="Impactvol inkopen")
    assert (added.programme, added.coordinator_name, added.order, added.is_current, added.seed_key) == (
        group.programme, "Jan Jansen", 4, True, "")
    assert "Het thema is vastgelegd." in response.content.decode()
    # Renamed and no longer current: the seeding's code stays (it finds the shipped theme by it).
    response = client.post(f"/monitoring/stuurgroep/themas/{theme.pk}/wijzigen/",
                           {"name": "Impactfinanciering en fondsen", "coordinator_name": "Piet", "order": "2"})
    assert response.status_code == 302 and response["Location"].endswith(f"#programme-{group.programme_id}")
    theme.refresh_from_db()
    assert (theme.name, theme.coordinator_name, theme.is_current, theme.seed_key) == (
        "Impactfinanciering en fondsen", "Piet", False, "impactfinanciering")
    page = client.get("/monitoring/stuurgroep/").content.decode()
    assert "Impactfinanciering en fondsen" in page and "niet meer actueel" in page
    assert client.post(f"/monitoring/stuurgroep/themas/{added.pk}/verwijderen/").status_code == 302
    assert list(ProgrammeTheme.objects.values_list("name", flat=True)) == ["Impactfinanciering en fondsen"]


def test_a_second_theme_of_the_same_name_is_a_field_error(group, chair, theme, former, login):
    client = login(chair)
    response = client.post(f"/monitoring/stuurgroep/{group.pk}/themas/nieuw/",
                           {"name": "impactfinanciering", "order": "1", "is_current": "on"})
    assert response.status_code == 400
    assert errors(response, "name") == ["Dit programma heeft al een thema “Impactfinanciering”. Wijzig dat thema."]
    assert ProgrammeTheme.objects.count() == 2
    response = client.post(f"/monitoring/stuurgroep/themas/{former.pk}/wijzigen/", {"name": "Impactfinanciering",
                                                                                  "order": "9"})
    assert response.status_code == 200 and errors(response, "name")
    former.refresh_from_db()
    assert former.name == "Oud thema"
    # Another programme may have a theme of that name.
    other = f.ProgrammeFactory(name="Ander programma", slug="ander-programma")
    outsider = f.steering(other, "voorzitter-ander")
    other_group = SteeringGroup.objects.create(programme=other, chair=outsider)
    response = login(outsider).post(f"/monitoring/stuurgroep/{other_group.pk}/themas/nieuw/",
                                    {"name": "Impactfinanciering", "order": "1", "is_current": "on"})
    assert response.status_code == 302 and ProgrammeTheme.objects.filter(name="Impactfinanciering").count() == 2


def test_others_change_no_theme(group, theme, former, broker_haarlem, broker_amersfoort, login, client):
    """Haarlem's broker reads the programme's themes: 403. A current theme is public, so Amersfoort's
    broker may read it too (403); a former one is out of his scope (404), as is the group (404)."""
    expected = {broker_haarlem: {theme: 403, former: 403, "new": 403},
                broker_amersfoort: {theme: 403, former: 404, "new": 404}}
    for user, statuses in expected.items():
        login(user)
        for row in (theme, former):
            for action in ("wijzigen", "verwijderen"):
                url = f"/monitoring/stuurgroep/themas/{row.pk}/{action}/"
                assert client.get(url).status_code == statuses[row], (user, url)
                assert client.post(url, {"name": "Gekaapt", "order": "1"}).status_code == statuses[row], (user, url)
        assert client.post(f"/monitoring/stuurgroep/{group.pk}/themas/nieuw/",
                           {"name": "Gekaapt", "order": "1"}).status_code == statuses["new"]
        client.logout()
    assert sorted(ProgrammeTheme.objects.values_list("name", flat=True)) == ["Impactfinanciering", "Oud thema"]
    response = client.get(f"/monitoring/stuurgroep/themas/{theme.pk}/wijzigen/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_current_theme_is_public_a_former_one_is_not(theme, former, stuurgroep, broker_amersfoort):
    from django.contrib.auth.models import AnonymousUser

    from impactportal import access

    assert list(ProgrammeTheme.objects.for_user(AnonymousUser())) == [theme]
    assert list(ProgrammeTheme.objects.for_user(broker_amersfoort)) == [theme]
    assert set(ProgrammeTheme.objects.for_user(stuurgroep)) == {theme, former}
    # The change is the access module's: the steering group's, not the public's.
    assert access.can(stuurgroep, access.CHANGE, theme) and not access.can(broker_amersfoort, access.CHANGE, theme)
