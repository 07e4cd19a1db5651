"""A space request's matches: the candidates are pre-ranked in SQL (``services_realestate.closeness``,
the score's twin) and a bounded pool of them is scored, so with thousands of candidates the best
are found (``candidates[:2000]`` in no order missed them); the order is total (score, then the
SQL order, then the number); the page shows the best ``MAX_LIMIT`` twenty at a time with a constant
number of queries; the API's ``limit`` is bounded like procurement's."""

import datetime as dt
import itertools
import re
from decimal import Decimal as D

import pytest

from ecosystem import matching
from ecosystem import services_realestate as services
from ecosystem.models import Property
from tests import factories as f

pytestmark = pytest.mark.django_db

MATCHES = "/api/v1/ecosystem/space-requests/{}/matches/"
PERFECT = {"area": "Centrum", "property_type": "workshop", "floor_area": D(80), "market_rent": D("1500.00"),
           "social_tariff": D("700.00"), "available_from": dt.date(2026, 1, 1), "is_published": True}


@pytest.fixture
def request_(enterprise_haarlem):
    """50–100 m², a workshop, 800 a month, in Centrum, from 1 March 2026 (``f.space_request_of``)."""
    return f.space_request_of(enterprise_haarlem)


def make(org, count, *, prefix="Pand", **values):
    """``count`` properties of ``org`` in one query; ``values`` may be a function of the index."""
    rows = []
    for i in range(count):
        fields = {**PERFECT, **{k: v(i) if callable(v) else v for k, v in values.items()}}
        rows.append(Property(organisation=org, name=f"{prefix} {i:04d}", address=f"Straat {i}", **fields))
    return Property.objects.bulk_create(rows)


def over_by(i):
    """A floor area ``i + 1`` m² above the maximum of 100: each one scores 0.003 less than the last."""
    return D(101 + i)


def names(matches):
    return [p.name for p, _m in matches]


def test_the_sql_closeness_tracks_the_score(haarlem, request_):
    """Every component and its partial marks: the SQL twin is within the step of its availability."""
    sizes = (D(80), D(50), D(100), D(30), D(20), D(150), D(260))
    prices = ((D(700), D(1500)), (None, D(800)), (None, D(870)), (None, D(990)), (D(1150), D(2000)), (None, D(5000)),
              (D(0), D(1)))
    kinds = ("workshop", "hall", "studio", "office")
    areas = ("Centrum", "centrum", "Schalkwijk")
    starts = (dt.date(2025, 6, 1), dt.date(2026, 3, 1), dt.date(2026, 3, 16), dt.date(2026, 6, 1),
              dt.date(2026, 8, 25), dt.date(2027, 1, 1))
    combos = list(itertools.product(sizes, prices, kinds, areas, starts))[::7]  # a spread, not all 3,500
    made = Property.objects.bulk_create(
        Property(organisation=haarlem, name=f"P{i}", address="Straat 1", area=area, property_type=kind,
                 floor_area=size, social_tariff=social, market_rent=market, available_from=start)
        for i, (size, (social, market), kind, area, start) in enumerate(combos))
    closeness = dict(Property.objects.annotate(c=services.closeness(request_)).values_list("pk", "c"))
    need = services.need_of(request_)
    bound = float(matching.WEIGHTS["availability"]) * services.LATE_STEP_DAYS / matching.LATE_DAYS + 0.001
    for prop in made:
        exact = float(matching.score(need, services.offer_of(prop)).score)
        assert abs(closeness[prop.pk] - exact) <= bound, (prop.floor_area, prop.market_rent, prop.social_tariff,
                                                          prop.property_type, prop.area, prop.available_from)


def test_with_more_than_2000_candidates_the_best_are_found(haarlem, request_, broker_haarlem):
    """2,100 poor candidates first (a bare ``[:2000]`` read those and nothing else), the best last."""
    make(haarlem, 2100, prefix="Slecht", property_type="office", floor_area=D(400), social_tariff=None,
         market_rent=D(5000))
    best = make(haarlem, 3, prefix="Best", floor_area=lambda i: D(80 + i))  # all three score 1.0
    close = make(haarlem, 2, prefix="Bijna", floor_area=over_by)
    found = services.matches_for(request_, broker_haarlem, limit=5)
    assert names(found) == [p.name for p in best + close]
    assert [m.score for _p, m in found] == [D("1.000")] * 3 + [D("0.997"), D("0.994")]


def test_the_order_is_total_equal_scores_by_number(haarlem, request_, broker_haarlem):
    equal = make(haarlem, 6, prefix="Gelijk")
    better = make(haarlem, 1, prefix="Beter")  # created last, scores the same: last of the equal ones
    worse = make(haarlem, 1, prefix="Minder", floor_area=D(120))
    expected = [p.name for p in equal + better + worse]
    assert names(services.matches_for(request_, broker_haarlem)) == expected
    assert names(services.matches_for(request_, broker_haarlem)) == expected  # the same every time
    pool = services.match_candidates(request_, broker_haarlem)
    assert pool.ordered and pool.query.order_by[-1] == "pk"


def test_the_limit_is_bounded(haarlem, request_, broker_haarlem):
    make(haarlem, 130, floor_area=over_by)
    assert len(services.matches_for(request_, broker_haarlem, limit=500)) == services.MAX_LIMIT
    assert len(services.matches_for(request_, broker_haarlem, limit=0)) == 1
    assert len(services.matches_for(request_, broker_haarlem)) == 25


def page_names(response) -> list[str]:
    return re.findall(r'<tr data-property="\d+"><th scope="row"><a class="utrecht-link" href="[^"]+">([^<]+)</a>',
                      response.content.decode())


def test_the_page_pages_through_the_best_hundred(login, haarlem, request_, broker_haarlem):
    make(haarlem, 130, floor_area=over_by)  # "Pand 0000" best, then in order
    client = login(broker_haarlem)
    url = request_.get_absolute_url()
    first = client.get(url)
    assert page_names(first) == [f"Pand {i:04d}" for i in range(20)]
    html = first.content.decode()
    assert "Pagina 1 van 5 (100 resultaten)" in html and 'id="matches-capped"' in html
    assert 'href="?page=2#matches-heading"' in html
    second = client.get(url, {"page": 2})
    assert page_names(second) == [f"Pand {i:04d}" for i in range(20, 40)]
    html = second.content.decode()
    assert "Pagina 2 van 5 (100 resultaten)" in html and 'href="?page=1#matches-heading"' in html
    # "Toewijzen" keeps the page: the allocation form offers that page's properties.
    assert re.search(r'class="utrecht-link allocate-link" href="\?page=2&amp;property=\d+#allocate"', html)
    assert page_names(client.get(url, {"page": 5})) == [f"Pand {i:04d}" for i in range(80, 100)]
    assert page_names(client.get(url, {"page": "x"})) == page_names(first)  # a page that is none: the first


def test_a_few_matches_on_one_page_without_page_links(login, haarlem, request_, ondernemer_1):
    make(haarlem, 3, floor_area=over_by)
    html = login(ondernemer_1).get(request_.get_absolute_url()).content.decode()
    assert 'class="utrecht-pagination"' not in html and 'id="matches-capped"' not in html
    assert 'data-property=' in html


@pytest.mark.parametrize("who", ["broker_haarlem", "ondernemer_1"])
def test_a_page_of_matches_takes_the_same_queries_for_few_and_many(request, who, login, haarlem, request_,
                                                                   django_assert_max_num_queries):
    client = login(request.getfixturevalue(who))
    url = request_.get_absolute_url()
    make(haarlem, 3, prefix="Eerst", floor_area=over_by)
    with django_assert_max_num_queries(15) as few:
        assert len(page_names(client.get(url))) == 3
    make(haarlem, 600, floor_area=over_by)
    for page in (1, 2):
        with django_assert_max_num_queries(len(few.captured_queries)):
            assert len(page_names(client.get(url, {"page": page}))) == 20


def test_the_api_takes_a_bounded_limit(api, haarlem, request_, broker_haarlem, login):
    make(haarlem, 130, floor_area=over_by)
    client = api(broker_haarlem)
    url = MATCHES.format(request_.pk)
    assert len(client.get(url).json()) == 25
    rows = client.get(url, {"limit": 100}).json()
    assert [r["property"]["name"] for r in rows] == [f"Pand {i:04d}" for i in range(100)]
    assert [r["property"]["name"] for r in client.get(url, {"limit": 3}).json()] == ["Pand 0000", "Pand 0001",
                                                                                    "Pand 0002"]
    for wrong in ("0", "101", "abc", "١"):
        response = client.get(url, {"limit": wrong})
        assert response.status_code == 400 and set(response.json()) == {"limit"}, wrong
    # The page shows the same ranking.
    assert page_names(login(broker_haarlem).get(request_.get_absolute_url())) == [r["property"]["name"]
                                                                                  for r in rows[:20]]


def test_the_schema_documents_the_limit(api):
    schema = api(None).get("/api/v1/schema/", {"format": "json"})
    assert schema.status_code == 200
    operation = schema.json()["paths"]["/api/v1/ecosystem/space-requests/{id}/matches/"]["get"]
    limit = next(p for p in operation["parameters"] if p["name"] == "limit")
    assert limit["in"] == "query" and limit["schema"]["maximum"] == 100 and limit["schema"]["minimum"] == 1
