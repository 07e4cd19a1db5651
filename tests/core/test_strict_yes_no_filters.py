"""A yes/no filter read a value it did not know as "no filter": ``?admitted=yes`` listed every row,
in the API and on the pages, where a wrong date or number is refused with its field (found by an
outside API client, nineteenth session). Every yes/no filter of every FilterSet now refuses it."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(haarlem):
    f.EnterpriseFactory(name="Toegelaten", municipality=haarlem, admission_status="admitted")
    f.EnterpriseFactory(name="Aangemeld", municipality=haarlem, admission_status="applied")


@pytest.mark.parametrize("value", ["yes", "ja", "TRUEISH", "2"])
def test_the_api_refuses_a_yes_no_value_it_does_not_know(value, two, api, broker_haarlem):
    response = api(broker_haarlem).get(f"/api/v1/enterprises/?admitted={value}")
    assert response.status_code == 400
    assert response.json()["admitted"] == ["Kies ja of nee: true of false (of laat het leeg)."]


@pytest.mark.parametrize("value, names", [("true", ["Toegelaten"]), ("TRUE", ["Toegelaten"]), ("1", ["Toegelaten"]),
                                          ("false", ["Aangemeld"]), ("0", ["Aangemeld"]),
                                          ("", ["Aangemeld", "Toegelaten"])])
def test_the_known_values_filter(value, names, two, api, broker_haarlem):
    response = api(broker_haarlem).get(f"/api/v1/enterprises/?admitted={value}")
    assert response.status_code == 200, response.content
    assert sorted(row["name"] for row in response.json()["results"]) == names


def test_the_page_says_so_too(two, login, broker_haarlem):
    response = login(broker_haarlem).get(reverse("enterprises:register") + "?admitted=yes&municipality=")
    assert response.status_code == 200 and "Kies ja of nee" in response.content.decode()
