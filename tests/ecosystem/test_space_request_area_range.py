"""Outside-client review: a space request whose maximum floor area is below its minimum answered
``non_field_errors`` in the API, where every other range check names its end field. The rule is
``SpaceRequest.clean``'s, keyed on ``max_area``: the API, the form and the admin say the same."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from ecosystem.models import SpaceRequest

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/ecosystem/space-requests/"
MESSAGE = "Het maximale oppervlak is kleiner dan het minimale."


def data(enterprise, **kwargs):
    start = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    return {"enterprise": enterprise.pk, "min_area": "500", "max_area": "10", "property_type": "workshop",
            "budget": "800", "area": "Centrum", "start_date": start, "purpose": "Werkplaats", **kwargs}


def test_the_api_keys_the_range_on_max_area(api, ondernemer_1, enterprise_haarlem):
    response = api(ondernemer_1).post(REQUESTS, data(enterprise_haarlem), format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json() == {"max_area": [MESSAGE]}
    english = api(ondernemer_1).post(REQUESTS, data(enterprise_haarlem), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"max_area": ["The maximum floor area is smaller than the minimum."]}
    assert not SpaceRequest.objects.exists()


def test_a_change_that_inverts_the_range_is_keyed_on_max_area(api, ondernemer_1, enterprise_haarlem):
    client = api(ondernemer_1)
    created = client.post(REQUESTS, data(enterprise_haarlem, min_area="50", max_area="100"), format="json")
    assert created.status_code == 201, created.json()
    response = client.patch(f"{REQUESTS}{created.json()['id']}/", {"min_area": "200"}, format="json",
                            HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400 and response.json() == {"max_area": [MESSAGE]}


def test_the_form_shows_the_message_once_beside_max_area(login, ondernemer_1, enterprise_haarlem):
    response = login(ondernemer_1).post(reverse("ecosystem:space-request-create"), data(enterprise_haarlem))
    assert response.status_code in (200, 400)
    assert response.context["form"].errors == {"max_area": [MESSAGE]}


def test_an_equal_range_is_fine(api, ondernemer_1, enterprise_haarlem):
    response = api(ondernemer_1).post(REQUESTS, data(enterprise_haarlem, min_area="80", max_area="80"), format="json")
    assert response.status_code == 201, response.json()


def test_the_model_keys_it_on_max_area(haarlem, enterprise_haarlem):
    request_ = SpaceRequest(organisation=haarlem, enterprise=enterprise_haarlem, min_area=Decimal(500),
                            max_area=Decimal(10), budget=Decimal(800), start_date=timezone.localdate(),
                            purpose="Werkplaats")
    with pytest.raises(ValidationError) as error:
        request_.full_clean()
    assert error.value.message_dict == {"max_area": [MESSAGE]}
