"""The knowledge base and the action programmes, lists of cards paged in the view, land their page
links at their count heading (``#knowledge-count``, ``#agenda-count``), as a table's land at
``#results-count``: before, the knowledge base's links went to the top of the page and the action
programmes had no page links at all (a 26th programme could not be reached)."""

import pytest
from django.urls import reverse

from brokers.constants import InstrumentKind
from brokers.helpdesk.views.knowledge import InstrumentList
from brokers.models import ActionProgramme, KnowledgeInstrument
from brokers.workspace.views import AgendaList
from tests.list_anchors import assert_count_heads_its_list, assert_page_links_land_at

pytestmark = pytest.mark.django_db


def test_the_knowledge_base_page_links_land_at_its_count(client, monkeypatch):
    monkeypatch.setattr(InstrumentList, "paginate_by", 2)
    for name in ("Impact Noord", "Impact Oost", "Impact Zuid"):
        KnowledgeInstrument.objects.create(name=name, kind=InstrumentKind.NETWORK, description="Voor u")
    url = reverse("helpdesk:instrument-list")
    first = client.get(url, {"q": "impact"}).content.decode()
    second = client.get(url, {"q": "impact", "page": 2}).content.decode()
    assert_page_links_land_at(first, second, "knowledge-count")
    assert_count_heads_its_list(first, "knowledge-count")  # the kinds (h3) and their cards (h4) under the count
    assert 'href="?q=impact&amp;page=2#knowledge-count"' in first  # the search kept
    answer = client.get(url, {"q": "impact", "page": 2}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in answer and 'href="?q=impact&amp;page=1#knowledge-count"' in answer


def test_the_action_programmes_have_page_links_that_land_at_their_count(login, broker_haarlem, haarlem,
                                                                         monkeypatch):
    monkeypatch.setattr(AgendaList, "paginate_by", 1)
    for title in ("Actieprogramma 2024", "Actieprogramma 2025"):
        ActionProgramme.objects.create(organisation=haarlem, title=title, first_year=2024, last_year=2026)
    client = login(broker_haarlem)
    url = reverse("brokers:agenda-list")
    first, second = client.get(url).content.decode(), client.get(url, {"page": 2}).content.decode()
    assert_page_links_land_at(first, second, "agenda-count")
    assert_count_heads_its_list(first, "agenda-count")
    assert ">2 resultaten</h2>" in first


def test_one_action_programme_has_its_count_and_no_page_links(login, broker_haarlem, haarlem):
    ActionProgramme.objects.create(organisation=haarlem, title="Actieprogramma", first_year=2024, last_year=2026)
    page = login(broker_haarlem).get(reverse("brokers:agenda-list")).content.decode()
    assert ">1 resultaat</h2>" in page and "utrecht-pagination" not in page
