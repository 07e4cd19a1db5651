"""``/api/v1/bottlenecks/``: create, filter, update, share and endorse, scoped like the screens."""

import pytest

from ecosystem import services_bottlenecks as services
from ecosystem.models import Bottleneck, BottleneckEndorsement

pytestmark = pytest.mark.django_db

URL = "/api/v1/bottlenecks/"


def test_create_and_filter(api, broker_haarlem, broker_amersfoort, make_bottleneck):
    client = api(broker_haarlem)
    response = client.post(URL, {
        "organisation": "haarlem", "kind": "bottleneck", "theme": "labour", "level": "national", "ministry": "szw",
        "title": "Armoedeval bij parttime werk", "description": "Toeslagen terugbetalen.", "affected_cases": 4,
        "affected_enterprises": 2}, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["status"] == "signalled" and data["seen_by"] == 1 and data["cases_total"] == 4
    assert data["organisation"] == "haarlem" and data["shared_with"] is None
    make_bottleneck(title="Vastgoed", theme="real_estate", level="municipality", ministry="")
    titles = [row["title"] for row in client.get(URL, {"theme": "labour"}).json()["results"]]
    assert titles == ["Armoedeval bij parttime werk"]
    assert [row["title"] for row in client.get(URL, {"level": "municipality"}).json()["results"]] == ["Vastgoed"]
    assert client.get(URL, {"shared": "true"}).json()["count"] == 0
    assert api(broker_amersfoort).get(URL).json()["count"] == 0


def test_bad_input_is_field_errors(api, broker_haarlem, broker_amersfoort):
    client = api(broker_haarlem)
    response = client.post(URL, {"organisation": "haarlem", "kind": "bottleneck", "theme": "labour",
                                 "level": "national", "ministry": "", "title": "X", "description": "Y"},
                           format="json")
    assert response.status_code == 400 and "ministry" in response.json()
    response = client.post(URL, {"organisation": "amersfoort", "kind": "iets", "theme": "labour", "level": "region",
                                 "title": "", "description": "Y", "affected_cases": -1, "case": "x"}, format="json")
    # Another organisation: refused before the body is judged (403), not its field errors.
    assert response.status_code == 403
    response = client.post(URL, {"organisation": "haarlem", "kind": "iets", "theme": "labour", "level": "region",
                                 "title": "", "description": "Y", "affected_cases": -1, "case": "x"}, format="json")
    assert response.status_code == 400
    assert {"kind", "title", "affected_cases", "case"} <= set(response.json())
    assert not Bottleneck.objects.exists()


def test_update_share_and_endorse(api, deal, broker_haarlem, broker_amersfoort, inkoper_haarlem, stuurgroep,
                                  make_bottleneck):
    bottleneck = make_bottleneck()
    url = f"{URL}{bottleneck.pk}/"
    assert api(broker_haarlem).patch(url, {"affected_cases": 8}, format="json").json()["affected_cases"] == 8
    assert api(broker_haarlem).patch(url, {"organisation": "amersfoort"}, format="json").status_code == 400
    assert api(broker_amersfoort).get(url).status_code == 404
    assert api(inkoper_haarlem).post(f"{url}share/", {"programme": deal.slug}, format="json").status_code == 403
    shared = api(broker_haarlem).post(f"{url}share/", {"programme": deal.slug}, format="json")
    assert shared.status_code == 200 and shared.json()["shared_with"] == deal.slug
    assert api(stuurgroep).get(url).status_code == 200
    assert api(stuurgroep).patch(url, {"affected_cases": 1}, format="json").status_code == 403
    endorse = api(broker_amersfoort).post(f"{url}endorse/", {"organisation": "amersfoort", "cases": 3},
                                          format="json")
    assert endorse.status_code == 201 and endorse.json()["organisation"] == "amersfoort"
    again = api(broker_amersfoort).post(f"{url}endorse/", {"organisation": "amersfoort", "cases": 5}, format="json")
    assert again.status_code == 400 and "organisation" in again.json()
    assert list(BottleneckEndorsement.objects.values_list("cases", flat=True)) == [3]
    row = api(broker_amersfoort).get(url).json()
    assert row["seen_by"] == 2 and row["cases_total"] == 11
    assert api(broker_amersfoort).get(URL, {"programme": deal.slug}).json()["count"] == 1


def test_list_query_count_is_constant(api, deal, broker_haarlem, broker_amersfoort, amersfoort, make_bottleneck,
                                      django_assert_max_num_queries):
    client = api(broker_haarlem)
    make_bottleneck()
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    for i in range(6):
        b = make_bottleneck(title=f"Knelpunt {i}")
        services.bottleneck_share(bottleneck=b, programme=deal, by=broker_haarlem)
        services.bottleneck_endorse(bottleneck=b, organisation=amersfoort, by=broker_amersfoort, cases=1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL).json()["count"] == 7
