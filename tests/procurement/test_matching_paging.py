"""A contract's matches page, a page at a time: the next page continues the ranking (no repeats,
ties in a fixed order), the queries do not grow with the candidates, the filters narrow the
candidates and survive paging, and bad filter values are named, never a 500."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from enterprises.models import Offering
from procurement import services_matching
from tests import factories as f
from tests.procurement import factories as pf

CARD_NAME = re.compile(
    r'<li class="portal-card"><h3 class="utrecht-heading-3"><a class="utrecht-link" href="[^"]*">([^<]*)</a>'
)


@pytest.fixture
def places(haarlem, region):
    zandvoort = f.OrganisationFactory(name="Gemeente Zandvoort", slug="zandvoort")
    region.members.add(zandvoort)
    return {
        "haarlem": haarlem,
        "zandvoort": zandvoort,
        "emmen": f.OrganisationFactory(name="Gemeente Emmen", slug="emmen"),
    }


@pytest.fixture
def contract(haarlem, broker_haarlem):
    category = pf.category()
    return pf.contract(
        organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem), category=category
    )


def candidates(contract, municipality, count, prefix="Onderneming", offers=True, start=0):
    """``count`` admitted enterprises; every other pair has the same facts, so scores tie."""
    made = []
    for n in range(start, start + count):
        enterprise = f.EnterpriseFactory(
            name=f"{prefix} {n:02d}",
            municipality=municipality,
            admission_status=AdmissionStatus.ADMITTED,
            headcount=(n // 2) * 3,
            disadvantaged_count=n // 2 % 4,
        )
        if offers:
            Offering.objects.create(enterprise=enterprise, name="Schoonmaak", category=contract.category)
        made.append(enterprise)
    return made


def names_on(response):
    return CARD_NAME.findall(response.content.decode())


def url_of(contract):
    return reverse("procurement:contract-matches", args=[contract.pk])


def test_page_two_continues_the_ranking_without_repeats(client, broker_haarlem, places, contract):
    candidates(contract, places["haarlem"], 30)
    client.force_login(broker_haarlem)
    first, second = client.get(url_of(contract)), client.get(url_of(contract), {"page": 2})
    page_1, page_2 = names_on(first), names_on(second)
    assert len(page_1) == 20 and len(page_2) == 10
    assert not set(page_1) & set(page_2)
    # Together they are the ranking (best score first, ties in a fixed order), not just 30 names.
    ranking = services_matching.matches_for(contract, user=broker_haarlem, limit=services_matching.MAX_LIMIT)
    assert page_1 + page_2 == [m.name for m in ranking]
    scores = [m.score for m in ranking]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) < len(scores)  # ties among them
    html = second.content.decode()
    assert 'start="21"' in html and "Pagina 2 van 2 (30 resultaten)" in html
    assert 'rel="prev" href="?page=1#matches-count"' in html and 'rel="next"' not in html
    # The same request twice gives the same page (ties never swap between requests).
    assert names_on(client.get(url_of(contract), {"page": 2})) == page_2
    # A page number that is not one shows the first or the last page, as the other lists do.
    assert names_on(client.get(url_of(contract), {"page": "abc"})) == page_1
    assert names_on(client.get(url_of(contract), {"page": "99"})) == page_2


def test_queries_do_not_grow_with_the_candidates(
    client, broker_haarlem, places, contract, django_assert_num_queries
):
    candidates(contract, places["haarlem"], 3)
    candidates(contract, places["zandvoort"], 2, prefix="Zandvoort")
    client.force_login(broker_haarlem)
    client.get(url_of(contract))  # warm: caches filled on a first request
    with CaptureQueriesContext(connection) as five:
        response = client.get(url_of(contract))
    assert response.context["paginator"].count == 5
    candidates(contract, places["haarlem"], 20, start=3)
    candidates(contract, places["zandvoort"], 5, prefix="Zandvoort", start=2)
    with django_assert_num_queries(len(five.captured_queries)):
        response = client.get(url_of(contract), {"page": 2})
    assert response.context["paginator"].count == 30 and len(response.context["matches"]) == 10


def test_filters_narrow_the_candidates_and_survive_paging(client, broker_haarlem, places, contract):
    candidates(contract, places["haarlem"], 22)
    candidates(contract, places["zandvoort"], 3, prefix="Zandvoort")
    candidates(contract, places["emmen"], 2, prefix="Emmen")
    candidates(contract, places["haarlem"], 2, prefix="Zonder aanbod", offers=False)
    client.force_login(broker_haarlem)
    response = client.get(url_of(contract), {"vestiging": "gemeente"})
    html = response.content.decode()
    assert response.context["paginator"].count == 24
    assert 'rel="next" href="?vestiging=gemeente&amp;page=2#matches-count"' in html
    page_2 = names_on(client.get(url_of(contract), {"vestiging": "gemeente", "page": 2}))
    assert len(page_2) == 4 and not set(page_2) & set(names_on(response))
    assert all(name.startswith(("Onderneming", "Zonder aanbod")) for name in page_2 + names_on(response))
    region = client.get(url_of(contract), {"vestiging": "regio"}).context["paginator"].count
    assert region == 27
    assert names_on(client.get(url_of(contract), {"aanbod": "false"})) == [
        "Zonder aanbod 00",
        "Zonder aanbod 01",
    ]
    assert names_on(client.get(url_of(contract), {"q": "emmen"})) == ["Emmen 00", "Emmen 01"]


def test_no_matches_with_the_filters_says_so_and_offers_to_clear_them(
    client, broker_haarlem, places, contract
):
    candidates(contract, places["haarlem"], 2)
    client.force_login(broker_haarlem)
    html = client.get(url_of(contract), {"q": "bestaat niet"}).content.decode()
    assert 'id="matches-empty"' in html and "Geen matches met deze filters." in html
    assert f'href="{url_of(contract)}">Wis de filters' in html


def test_a_bad_filter_value_is_named_not_a_500(client, broker_haarlem, places, contract):
    candidates(contract, places["haarlem"], 2)
    client.force_login(broker_haarlem)
    response = client.get(url_of(contract), {"vestiging": "nergens", "page": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="filter-errors"' in html and names_on(response) == []
    assert 'id="matches-empty"' not in html  # an error, not "nothing found"
    assert "Vestiging: " in html and 'aria-invalid="true"' in html
    # Other garbage: the first or last page, an error named, or the portal's 400; never a 500.
    for query in (
        "page=-1",
        "page=1&page=2&page=x",
        "page=99999999999999999999",
        "q=" + "x" * 5000,
        "vestiging=%E2%82",
        "aanbod=%00",
        "aanbod=misschien&vestiging=regio",
        "q=%00",
    ):
        response = client.get(f"{url_of(contract)}?{query}")
        assert response.status_code in (200, 400), query


def test_a_filter_change_swaps_the_results_only(client, broker_haarlem, places, contract):
    candidates(contract, places["haarlem"], 2)
    client.force_login(broker_haarlem)
    response = client.get(url_of(contract), {"vestiging": "gemeente"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<h1" not in html and names_on(response) == ["Onderneming 00", "Onderneming 01"]
