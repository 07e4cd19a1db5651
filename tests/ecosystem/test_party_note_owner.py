"""A note on a party is filed under one organisation of its author. A user with several (a broker
of a region's organisation and of a municipality) had it filed under whichever organisation came
first, so the colleagues it was meant for never saw it. The form now asks which organisation
("Namens welke organisatie?"), from the user's own only; with one organisation, nothing is asked."""

import pytest

from ecosystem.models import Party, PartyNote
from impactportal.accounts.models import Membership, Role
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def party():
    return Party.objects.create(name="Impact Noord", category="intermediair", description="Netwerk")


@pytest.fixture
def two_hats(haarlem, amersfoort):
    """A broker of Gemeente Haarlem and of Gemeente Amersfoort (two memberships)."""
    user = f.broker(haarlem, "makelaar-twee-petten")
    Membership.objects.create(user=user, role=Role.BROKER, organisation=amersfoort)
    return user


def _url(party):
    return f"/ecosysteem/partijen/{party.pk}/notitie/"


def test_with_two_organisations_the_note_lands_under_the_chosen_one(login, party, two_hats, amersfoort,
                                                                     broker_haarlem, broker_amersfoort):
    client = login(two_hats)
    page = client.get(party.get_absolute_url()).content.decode()
    assert "Namens welke organisatie?" in page and "Gemeente Amersfoort" in page and "Gemeente Haarlem" in page
    response = client.post(_url(party), {"body": "Voor Amersfoort", "organisation": amersfoort.pk})
    assert response.status_code == 302
    note = PartyNote.objects.get()
    assert (note.organisation, note.author, note.body) == (amersfoort, two_hats, "Voor Amersfoort")
    # The colleagues of the chosen organisation see it; those of the other one do not.
    assert "Voor Amersfoort" in login(broker_amersfoort).get(party.get_absolute_url()).content.decode()
    assert "Voor Amersfoort" not in login(broker_haarlem).get(party.get_absolute_url()).content.decode()


def test_without_a_choice_nothing_is_saved(login, party, two_hats):
    response = login(two_hats).post(_url(party), {"body": "Zomaar"})
    assert response.status_code == 400
    assert "Kies namens welke organisatie" in response.content.decode()
    assert not PartyNote.objects.exists()


@pytest.mark.parametrize("forged", ["other", "999999", "abc", "1.5", ""])
def test_a_forged_organisation_is_a_field_error(login, party, two_hats, forged):
    """An organisation the user does not work for (or no id at all): a field error, no note, no 500."""
    other = f.OrganisationFactory(name="Gemeente Zandvoort")
    value = str(other.pk) if forged == "other" else forged
    response = login(two_hats).post(_url(party), {"body": "Gekaapt", "organisation": value})
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["organisation"]
    assert not PartyNote.objects.exists()


def test_with_one_organisation_nothing_is_asked(login, party, broker_haarlem, amersfoort):
    client = login(broker_haarlem)
    assert "Namens welke organisatie?" not in client.get(party.get_absolute_url()).content.decode()
    # An organisation sent along anyway (another one, even) is ignored: the note is the broker's own.
    response = client.post(_url(party), {"body": "Eigen notitie", "organisation": amersfoort.pk})
    assert response.status_code == 302
    assert PartyNote.objects.get().organisation.slug == "haarlem"
