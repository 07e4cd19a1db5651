"""The real-estate colleague (department vastgoed) keeps the organisation's properties: the
"Eigenaar" drop-down was empty, so no property could be saved, and creating one answered 403."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from ecosystem.models import Property
from impactportal import access

pytestmark = pytest.mark.django_db


def form(organisation, **changes):
    return {"organisation": organisation.pk, "name": "Werkplaats Waarderpolder", "address": "Oudeweg 12",
            "area": "Waarderpolder", "property_type": "workshop", "floor_area": "120", "market_rent": "1800.00",
            "social_tariff": "900.00", "available_from": dt.date(2027, 1, 1).isoformat(), "description": "Werkplaats",
            **changes}


def test_the_real_estate_colleague_creates_and_changes_properties(login, haarlem, vastgoed):
    assert list(access.owner_choices(vastgoed, Property)) == [haarlem]
    client = login(vastgoed)
    created = client.post(reverse("ecosystem:property-create"), form(haarlem))
    assert created.status_code == 302, created.context["form"].errors if created.context else created
    prop = Property.objects.get(name="Werkplaats Waarderpolder")
    assert prop.organisation == haarlem and prop.department == "vastgoed"
    changed = client.post(reverse("ecosystem:property-update", args=[prop.pk]), form(haarlem, market_rent="1950.00"))
    assert changed.status_code == 302
    prop.refresh_from_db()
    assert prop.market_rent == D("1950.00")


def test_a_colleague_of_another_department_creates_none(login, inkoper_haarlem):
    assert not access.owner_choices(inkoper_haarlem, Property).exists()
    assert login(inkoper_haarlem).get(reverse("ecosystem:property-create")).status_code == 403
