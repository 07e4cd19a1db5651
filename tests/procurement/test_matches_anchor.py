"""A contract's matches (cards, paged in the view) land their page links at their count heading,
``#matches-count``, as a table's land at ``#results-count``; the live search's answer has it too."""

import pytest
from django.urls import reverse

from procurement.views.matching import ContractMatches
from tests.list_anchors import assert_count_heads_its_list, assert_page_links_land_at, heading_with_id

from .test_matching_paging import candidates, contract, places  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_the_matches_page_links_land_at_their_count(client, broker_haarlem, places, contract,  # noqa: F811
                                                    monkeypatch):
    monkeypatch.setattr(ContractMatches, "paginate_by", 2)
    candidates(contract, places["haarlem"], 3)
    client.force_login(broker_haarlem)
    url = reverse("procurement:contract-matches", args=[contract.pk])
    first = client.get(url, {"vestiging": "gemeente"}).content.decode()
    second = client.get(url, {"vestiging": "gemeente", "page": 2}).content.decode()
    assert_page_links_land_at(first, second, "matches-count")
    assert_count_heads_its_list(first, "matches-count")
    assert 'rel="next" href="?vestiging=gemeente&amp;page=2#matches-count"' in first  # the filters kept
    answer = client.get(url, {"vestiging": "gemeente"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in answer and "data-result-count" in heading_with_id(answer, "matches-count")
