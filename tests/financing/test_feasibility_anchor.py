"""The SIB feasibility checks, a list paged in the view, say their count and have page links that
land at it (``#feasibility-count``), as a table's land at ``#results-count``: before, the list
showed 25 checks and no way to the 26th."""

import pytest
from django.urls import reverse

from financing.models import FeasibilityCheck
from financing.views.bonds import FeasibilityList
from tests.list_anchors import assert_page_links_land_at

pytestmark = pytest.mark.django_db


def _check(org, title):
    return FeasibilityCheck.objects.create(
        organisation=org, title=title, conclusion="explore", reasons=[],
        **dict.fromkeys(("societal_case", "causal_link", "few_beneficiaries", "benefits_exceed_costs",
                         "sufficient_scale", "committed_parties"), "yes"))


def test_the_feasibility_checks_page_links_land_at_their_count(login, broker_haarlem, haarlem, monkeypatch):
    monkeypatch.setattr(FeasibilityList, "paginate_by", 1)
    _check(haarlem, "SIB-toets Noord")
    _check(haarlem, "SIB-toets Zuid")
    client = login(broker_haarlem)
    url = reverse("financing:feasibility-list")
    first, second = client.get(url).content.decode(), client.get(url, {"page": 2}).content.decode()
    assert_page_links_land_at(first, second, "feasibility-count")
    assert ">2 resultaten</h2>" in first
