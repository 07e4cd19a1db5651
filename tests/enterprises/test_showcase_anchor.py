"""The showcase's page links land at its count heading (``#showcase-results-count``), as a
table's land at ``#results-count``; the count inside it stays the page's live region."""

import re

import pytest
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from enterprises.showcase import Showcase
from tests import factories as f
from tests.list_anchors import assert_count_heads_its_list, assert_page_links_land_at, heading_with_id

pytestmark = pytest.mark.django_db


def test_the_showcase_page_links_land_at_its_count(client, haarlem, monkeypatch):
    monkeypatch.setattr(Showcase, "paginate_by", 2)
    for name in ("Bakkerij Noord", "Bakkerij Oost", "Bakkerij Zuid"):
        f.EnterpriseFactory(name=name, municipality=haarlem, is_published=True,
                            admission_status=AdmissionStatus.ADMITTED)
    first = client.get(reverse("etalage"), {"q": "bakkerij"}).content.decode()
    second = client.get(reverse("etalage"), {"q": "bakkerij", "page": 2}).content.decode()
    assert_page_links_land_at(first, second, "showcase-results-count")
    assert_count_heads_its_list(first, "showcase-results-count")
    assert 'href="?q=bakkerij&amp;page=2#showcase-results-count"' in first  # the search kept
    heading = re.search(r'<h2 [^>]*id="showcase-results-count"[^>]*>(.*?)</h2>', first).group(0)
    assert heading_with_id(first, "showcase-results-count") in heading
    assert 'role="status"' in heading and "3 ondernemingen gevonden" in heading  # the live count inside
