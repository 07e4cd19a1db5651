"""The API's lists of bilingual reference content sort by the name in the request's language
(``Accept-Language``), as the screens do (``impactportal.text.page_language_key``): an English
request listed the financing instruments and the knowledge base by their Dutch names. The SROI
building blocks are listed in their rule set's order (``order``), not by name: nothing to sort there."""

import pytest

from brokers.models import KnowledgeInstrument
from financing.models import Instrument

pytestmark = pytest.mark.django_db

# (Dutch, English): the English order differs from the Dutch; one without English sorts on its Dutch.
SORTED = [("Aardbei", "Zebra loan"), ("Boekhouding", "Accounting"), ("Citroen", "")]
# The Dutch names, in the order each language's list shows them.
ORDER = {"nl": ["Aardbei", "Boekhouding", "Citroen"], "en": ["Boekhouding", "Citroen", "Aardbei"]}
LISTS = {"financing": "/api/v1/financing/instruments/", "knowledge": "/api/v1/knowledge/instruments/"}


@pytest.fixture
def reference():
    for number, (name, name_en) in enumerate(SORTED):
        Instrument.objects.create(slug=f"sorted-{number}", kind="loan", name=name, name_en=name_en,
                                  provider=f"Verstrekker {number}")
        KnowledgeInstrument.objects.create(name=name, name_en=name_en, kind="tool", description=f"Over {name}.")


def names(api, url, language=None, **params) -> list[str]:
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = api().get(url, params, **headers)
    assert response.status_code == 200, response.content
    return [row["name"] for row in response.json()["results"]]


@pytest.mark.parametrize("which", sorted(LISTS))
@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_reference_list_sorts_by_the_name_in_the_requests_language(api, reference, which, language):
    url = LISTS[which]
    assert names(api, url, language) == ORDER[language]  # the default order: kind, then the name
    assert names(api, url, language, ordering="name") == ORDER[language]
    assert names(api, url, language, ordering="-name") == ORDER[language][::-1]
    assert names(api, url, language, ordering="kind,-name") == ORDER[language][::-1]


@pytest.mark.parametrize("which", sorted(LISTS))
def test_without_a_language_the_list_is_in_dutch_order(api, reference, which):
    assert names(api, LISTS[which]) == ORDER["nl"]


def test_a_walk_by_cursor_still_returns_every_row_once(api, reference):
    """``?cursor=`` walks by key, whatever the language: every row once."""
    response = api().get(LISTS["financing"], {"cursor": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert sorted(row["name"] for row in response.json()["results"]) == ORDER["nl"]
