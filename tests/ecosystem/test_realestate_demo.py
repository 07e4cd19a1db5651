"""Issue 12's demo data: a Haarlem map with one gap, a coalition with one unfilled function, the
regional collaborations, ten properties, requests in various states and Didam-proof allocations;
harmless to seed twice."""

import io

import pytest
from django.core.management import call_command

from ecosystem import coalitions, maps
from ecosystem.models import Allocation, Coalition, Collaboration, EcosystemMap, Event, Property, SpaceRequest

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (Property, SpaceRequest, Allocation, Collaboration, Coalition, Event)]


def test_demo_is_plausible_and_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = _counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == counts
    assert counts[0] == 10 and counts[2] == 2
    haarlem = EcosystemMap.objects.get(organisation__slug="haarlem")
    assert maps.gap_domains(haarlem.entries.all()) == ["human_capital"]
    kennemerland = Coalition.objects.get(name="Impactcoalitie Kennemerland")
    assert coalitions.unfilled_functions(kennemerland.roles.all()) == ["financing"]
    assert len(kennemerland.focus_list()) == 4  # a warning, not a refusal
    covenant = Collaboration.objects.get(title="Convenant social return Oost-Nederland")
    assert str(covenant.started_on) == "2024-04-04" and covenant.sroi_rule_set is not None
    assert {"enschede", "zwolle", "provincie-gelderland"} <= set(covenant.participants.values_list("slug", flat=True))
    assert set(SpaceRequest.objects.values_list("status", flat=True)) == {"open", "allocated", "withdrawn"}
    assert set(Allocation.objects.values_list("procedure", flat=True)) == {"open", "exception"}
    for row in [*Allocation.objects.all(), *Property.objects.all(), *SpaceRequest.objects.all()]:
        row.full_clean()
    assert Event.objects.filter(is_public=True).exists() and Event.objects.filter(is_public=False).exists()
