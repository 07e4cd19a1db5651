"""API lists refuse what they cannot honour: an unknown ``?ordering=`` name and a ``?page_size=``
outside 1–200 answer 400 with the rule (DRF sorted by the rest, or took the default or the cap,
without a word); the schema documents the cursor walk beside the page numbers."""

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from enterprises.constants import AdmissionStatus
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/enterprises/"


@pytest.fixture
def api():
    f.EnterpriseFactory.create_batch(3, is_published=True, admission_status=AdmissionStatus.ADMITTED)
    return APIClient()


@pytest.mark.parametrize("ordering", ["nmae", "name,nmae", "-", "name,,kvk_number", "password"])
def test_an_unknown_sort_name_is_refused_with_the_names_it_may_use(api, ordering):
    response = api.get(URL, {"ordering": ordering}, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    message = response.json()["ordering"][0]
    assert "Kies uit" in message and "name" in message


@pytest.mark.parametrize("ordering", ["", " "])
def test_an_empty_sort_parameter_means_the_default(api, ordering):
    assert api.get(URL, {"ordering": ordering}).status_code == 200


def test_known_sort_names_still_sort(api):
    response = api.get(URL, {"ordering": "-name"})
    assert response.status_code == 200
    names = [row["name"] for row in response.json()["results"]]
    assert names == sorted(names, reverse=True)


def test_the_refusal_follows_the_request_language(api):
    response = api.get(URL, {"ordering": "nmae"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "cannot sort" in response.json()["ordering"][0]


@pytest.mark.parametrize("size", ["0", "-1", "abc", "201", "100000", "1.5"])
@pytest.mark.parametrize("walk", [False, True])
def test_a_page_size_outside_1_to_200_is_refused(api, size, walk):
    params = {"page_size": size, **({"cursor": ""} if walk else {})}
    response = api.get(URL, params, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    assert response.json()["page_size"] == ["Geef een heel getal van 1 tot en met 200."]


@pytest.mark.parametrize("size, rows", [("1", 1), ("200", 3), ("", 3)])
def test_page_sizes_within_the_bounds_are_served(api, size, rows):
    response = api.get(URL, {"page_size": size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == rows


def test_the_schema_documents_page_page_size_and_cursor_and_a_walk_without_count(api):
    with translation.override("en"):
        schema = api.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"][URL]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert {"page", "page_size", "cursor", "ordering"} <= set(parameters)
    assert "follow `next`" in parameters["cursor"]["description"]
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    paged = schema["components"]["schemas"][answer]
    assert paged["required"] == ["results"]  # a walk's answer has no count
    assert "not in a walk" in paged["properties"]["count"]["description"]
