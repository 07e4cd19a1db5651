"""What an outside API client found (nineteenth session): DELETE removed a space request (open,
withdrawn or allocated, with the responses to it) and a property, where the pages offer only
"Intrekken" or nothing; and the API had no way to withdraw a request. A DELETE is refused now
(405, nothing removed) and ``withdraw/`` does what the page's button does."""

import datetime as dt

import pytest

from ecosystem.constants import SpaceRequestStatus
from ecosystem.models_realestate import Property, SpaceRequest
from tests import factories as f

from .test_review17_realestate import SPACE_REQUESTS

pytestmark = pytest.mark.django_db


def test_a_space_request_is_not_deleted_but_withdrawn(api, enterprise_haarlem, ondernemer_1, broker_haarlem,
                                                      broker_amersfoort):
    space_request = f.space_request_of(enterprise_haarlem, start_date=dt.date(2027, 3, 1))
    url = f"{SPACE_REQUESTS}{space_request.pk}/"
    for user in (ondernemer_1, broker_haarlem):
        response = api(user).delete(url)
        assert response.status_code == 405 and "ingetrokken" in response.json()["detail"]
    assert api(broker_amersfoort).delete(url).status_code == 404  # outside the scope: as for every method
    assert api(broker_amersfoort).post(f"{url}withdraw/").status_code == 404
    assert SpaceRequest.objects.filter(pk=space_request.pk).exists()
    withdrawn = api(ondernemer_1).post(f"{url}withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == SpaceRequestStatus.WITHDRAWN
    again = api(broker_haarlem).post(f"{url}withdraw/")
    assert again.status_code == 400 and "staat niet meer open" in str(again.json())


def test_a_property_is_not_deleted(api, haarlem, broker_haarlem):
    prop = f.property_of(haarlem, name="Werkplaats Ripperda")
    response = api(broker_haarlem).delete(f"/api/v1/ecosystem/properties/{prop.pk}/")
    assert response.status_code == 405 and "is_published" in response.json()["detail"]
    assert Property.objects.filter(pk=prop.pk).exists()
