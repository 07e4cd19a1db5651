"""The open-data document is built once and kept in the cache until an outcome contract (or
anything else it shows) changes: a second request builds nothing, a change shows in the next
response; compact JSON with an ETag and a short public max-age."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from . import outcome_factories as of

pytestmark = pytest.mark.django_db

DOWNLOAD = "financing:open-data-download"
API = "financing-open-data-export"


@pytest.fixture
def published(haarlem, enterprise_haarlem):
    contract = of.contract(haarlem, enterprise_haarlem, title="Gepubliceerd contract", maximum="30000.00")
    of.metric(contract, price="5000.00", target=10, cap="20000.00")
    contract.is_published = True
    contract.save()
    return contract


def _titles(content):
    return [p["name"]["value"] for p in json.loads(content)["projects"]]


def test_second_request_builds_nothing_and_a_change_shows_next(client, api, published):
    first = client.get(reverse(DOWNLOAD))
    assert first.status_code == 200 and _titles(first.content) == ["Gepubliceerd contract"]
    # Compact: no indentation, no spaces after separators.
    assert b"\n" not in first.content and b'": ' not in first.content
    assert first["ETag"] and "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse(DOWNLOAD))
        from_api = api(None).get(reverse(API))
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert from_api.status_code == 200 and from_api.json() == json.loads(first.content)
    assert [q["sql"] for q in queries] == []  # the document comes from the cache, for both routes

    # A browser that has it gets a 304.
    assert client.get(reverse(DOWNLOAD), headers={"if-none-match": first["ETag"]}).status_code == 304

    published.title = "Nieuwe titel"
    published.save()
    changed = client.get(reverse(DOWNLOAD))
    assert _titles(changed.content) == ["Nieuwe titel"] and changed["ETag"] != first["ETag"]
    assert api(None).get(reverse(API)).json()["projects"][0]["name"]["value"] == "Nieuwe titel"
    assert client.get(reverse(DOWNLOAD), headers={"if-none-match": first["ETag"]}).status_code == 200


def test_a_metric_change_and_unpublishing_show_in_the_next_response(client, published):
    assert _titles(client.get(reverse(DOWNLOAD)).content) == ["Gepubliceerd contract"]
    metric = published.metrics.get()
    metric.name = "Andere indicator"
    metric.save()
    document = json.loads(client.get(reverse(DOWNLOAD)).content)
    assert [m["name"]["value"] for m in document["outcome_metrics"]] == ["Andere indicator"]
    published.is_published = False
    published.save()
    assert _titles(client.get(reverse(DOWNLOAD)).content) == []
