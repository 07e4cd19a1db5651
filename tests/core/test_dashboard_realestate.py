"""Workspace walk 9: the real-estate colleague's dashboard showed the procurement tiles (contracts
behind schedule, realisations to verify) and nothing about properties. It now shows their own
work (open space requests, properties on offer, recent allocations), each tile leading to exactly
the list it counts; the procurement tiles are for colleagues whose access reaches procurement's
department rows (inkoop)."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from ecosystem.models import Allocation
from tests import factories as f

pytestmark = pytest.mark.django_db


def _tiles(content):
    """{data-figure: (figure shown, href)} of the dashboard's card links."""
    return {name: (figure, href.replace("&amp;", "&")) for href, name, figure in re.findall(
        r'<a class="portal-card" href="([^"]+)"[^>]*data-figure="([^"]+)"[^>]*><span class="portal-figure">([^<]+)</span>',
        content)}


def _allocate(prop, request_, start):
    return Allocation.objects.create(organisation=prop.organisation, property=prop, space_request=request_,
                                     rent=D(1), market_rent=D(2), start_date=start, procedure="open",
                                     procedure_reference="R", publication_date=start, candidates=2)


@pytest.fixture
def estate(haarlem, amersfoort, enterprise_haarlem):
    today = timezone.localdate()
    f.property_of(haarlem, name="Vrij")
    f.property_of(haarlem, name="Vrij later", available_from=today + dt.timedelta(days=30))
    f.property_of(haarlem, name="Verlopen", available_from=dt.date(2020, 1, 1),
                  available_until=today - dt.timedelta(days=1))
    let = f.property_of(haarlem, name="Verhuurd")
    old = f.property_of(haarlem, name="Lang geleden verhuurd")
    f.property_of(amersfoort, name="Elders")
    f.space_request_of(enterprise_haarlem)
    f.space_request_of(enterprise_haarlem, purpose="Nog een")
    f.space_request_of(enterprise_haarlem, status="withdrawn", purpose="Ingetrokken")
    _allocate(let, f.space_request_of(enterprise_haarlem, status="allocated"), today - dt.timedelta(days=10))
    _allocate(old, f.space_request_of(enterprise_haarlem, status="allocated"), today - dt.timedelta(days=400))


def test_the_real_estate_colleague_sees_their_own_work(login, vastgoed, estate):
    client = login(vastgoed)
    tiles = _tiles(client.get(reverse("dashboard")).content.decode())
    assert "contracts-behind" not in tiles and "contracts-to-verify" not in tiles and "payments-impact" not in tiles
    expected = {"space-requests-open": 2, "properties-available": 2, "allocations-recent": 1}
    for name, count in expected.items():
        figure, href = tiles[name]
        assert int(figure) == count, name
        response = client.get(href)
        assert response.status_code == 200, href
        assert response.context["table"].paginator.count == count, name
    listed = client.get(tiles["properties-available"][1]).context["filter"].qs
    assert {p.name for p in listed} == {"Vrij", "Vrij later"}


def test_the_procurement_colleague_keeps_procurement_and_gets_no_real_estate(login, inkoper_haarlem, estate):
    tiles = _tiles(login(inkoper_haarlem).get(reverse("dashboard")).content.decode())
    assert "contracts-to-verify" in tiles and "contracts-behind" in tiles
    assert not {"space-requests-open", "properties-available", "allocations-recent"} & set(tiles)
