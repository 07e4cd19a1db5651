"""Lists at national scale: counted once, a total order (no row on two pages or on none), cursor
pagination for API clients that walk everything, the broker's register opening on their own
municipality."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enterprises.models import Enterprise
from tests import factories as f

pytestmark = pytest.mark.django_db


def _counts(queries):
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper() and "enterprises_enterprise" in q["sql"]]


@pytest.fixture
def namesakes(haarlem, amersfoort):
    """60 enterprises under three names, in two municipalities: most rows tie on every sort key."""
    return [f.EnterpriseFactory(name=f"Bakkerij {'ABC'[i % 3]}", municipality=(haarlem, amersfoort)[i % 2])
            for i in range(60)]


def test_register_runs_one_count(login, broker_haarlem, namesakes):
    client = login(broker_haarlem)
    for query in ("", "?municipality=", "?municipality=&sort=municipality&page=2", "?q=bakkerij&municipality="):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("enterprises:register") + query)
        assert response.status_code == 200
        assert len(_counts(ctx.captured_queries)) == 1, _counts(ctx.captured_queries)


def _page_query_ends_on_pk(queries, table):
    """SQLite happens to return ties in insertion order, PostgreSQL does not: the order itself must
    end on the primary key."""
    pages = [q["sql"] for q in queries if " LIMIT " in q["sql"] and f'FROM "{table}"' in q["sql"]]
    assert pages and all(p.split(" ORDER BY ")[-1].split(" LIMIT ")[0].rstrip().endswith(
        (f'"{table}"."id" ASC', f'"{table}"."id" DESC')) for p in pages), pages


def _register_ids(client, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("enterprises:register"), params)
    _page_query_ends_on_pk(ctx.captured_queries, "enterprises_enterprise")
    return [row.record.pk for row in response.context["table"].page.object_list]


@pytest.mark.parametrize("sort", ["", "name", "-name", "municipality", "-municipality", "enterprise_type"])
def test_register_pages_never_share_a_row(login, broker_haarlem, namesakes, sort):
    client = login(broker_haarlem)
    pages = [_register_ids(client, municipality="", sort=sort, page=n) for n in (1, 2, 3)]
    seen = [pk for page in pages for pk in page]
    assert len(seen) == len(set(seen)) == 60
    assert set(seen) == {e.pk for e in namesakes}


def test_api_pages_never_share_a_row(api, broker_haarlem, namesakes):
    client = api(broker_haarlem)
    for ordering in ("", "name", "-headcount"):
        seen = []
        for page in (1, 2, 3):
            with CaptureQueriesContext(connection) as ctx:
                body = client.get("/api/v1/enterprises/", {"page": page, "page_size": 20, "ordering": ordering}).json()
            _page_query_ends_on_pk(ctx.captured_queries, "enterprises_enterprise")
            seen += [row["id"] for row in body["results"]]
        assert len(seen) == len(set(seen)) == 60, ordering


def test_api_cursor_walks_every_row_once(api, broker_haarlem, namesakes):
    client = api(broker_haarlem)
    body = client.get("/api/v1/enterprises/", {"cursor": "", "page_size": 7, "ordering": "name"}).json()
    assert "count" not in body and body["previous"] is None  # no COUNT(*) on a walk
    seen = [row["id"] for row in body["results"]]
    added = []
    while body["next"]:
        added.append(Enterprise.objects.create(name="Aaa nieuw", municipality=namesakes[0].municipality,
                                               kvk_number=f"9{len(seen):07d}").pk)
        body = client.get(body["next"]).json()
        seen += [row["id"] for row in body["results"]]
    assert len(seen) == len(set(seen))
    assert set(seen) == {e.pk for e in namesakes} | set(added)
    assert client.get("/api/v1/enterprises/", {"page": 1}).json()["count"] == len(seen)  # page numbers stay the default


def test_register_opens_on_the_brokers_municipality_as_the_dashboard_tile_counts(
        login, broker_haarlem, haarlem, namesakes):
    client = login(broker_haarlem)
    dashboard = client.get(reverse("dashboard")).content.decode()
    href, number = re.search(r'href="([^"]+)"><span class="portal-figure">([\d.,]+)</span>ondernemingen in uw gemeente',
                             dashboard).groups()
    assert int(number) == 30
    for url in (html.unescape(href), reverse("enterprises:register")):  # the tile's link and the plain register
        table = client.get(url).context["table"]
        assert table.paginator.count == int(number)
        assert {row.record.municipality_id for row in table.page.object_list} == {haarlem.pk}


def test_register_widens_to_all_municipalities(login, broker_haarlem, namesakes):
    response = login(broker_haarlem).get(reverse("enterprises:register"))
    assert response.context["table"].paginator.count == 30
    assert "Alle gemeenten tonen" in response.content.decode()
    widened = login(broker_haarlem).get(reverse("enterprises:register"), {"municipality": ""})
    assert widened.context["table"].paginator.count == 60
    assert "Alle gemeenten tonen" not in widened.content.decode()


def test_the_showcase_tile_counts_from_the_cache_and_follows_every_change(login, inkoper_haarlem, haarlem):
    """The colleague's tile (and the signed-in home page) shows the showcase's size, the same for
    everyone: counted once, kept until an enterprise changes, never a national COUNT per page."""
    from enterprises.constants import AdmissionStatus
    from enterprises.models import SHOWCASE

    def published(name):
        return f.EnterpriseFactory(name=name, municipality=haarlem, is_published=True,
                                   admission_status=AdmissionStatus.ADMITTED)

    published("Zichtbaar 1")
    f.EnterpriseFactory(name="Niet gepubliceerd", municipality=haarlem)
    client = login(inkoper_haarlem)

    def tile():
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(reverse("dashboard")).content.decode()
        figure = re.search(r'portal-figure">([\d.]+)</span>\s*[^<]*in de etalage', page).group(1)
        return int(figure.replace(".", "")), _counts(ctx.captured_queries)

    assert tile()[0] == Enterprise.objects.filter(SHOWCASE).count() == 1
    assert tile()[1] == []  # the second page counts nothing
    second = published("Zichtbaar 2")
    assert tile()[0] == 2
    second.is_published = False
    second.save()
    assert tile()[0] == 1


# --- deep pages select their rows by key ----------------------------------------------------


def _keyed_pages(queries):
    return [q["sql"] for q in queries if 'FROM "enterprises_enterprise"' in q["sql"] and " IN (SELECT " in q["sql"]
            and " LIMIT " in q["sql"]]


@pytest.mark.parametrize("sort", ["", "-name", "municipality", "-municipality"])
def test_register_deep_pages_are_the_pages_an_offset_gives(login, broker_haarlem, namesakes, monkeypatch, sort):
    """From ``DEEP_OFFSET`` rows on a page picks its rows' keys first (the sort key's index, not
    the table): the same rows, in the same order, with the same number of queries."""
    client = login(broker_haarlem)
    client.get(reverse("enterprises:register"))  # the session's first page fills the caches

    def walk():
        pages, counts, keyed = [], [], []
        for n in (1, 2, 3):
            with CaptureQueriesContext(connection) as ctx:
                pages.append(_register_ids(client, municipality="", sort=sort, page=n, per_page=25))
            counts.append(len(ctx.captured_queries))
            keyed.append(bool(_keyed_pages(ctx.captured_queries)))
        return pages, counts, keyed

    plain = walk()
    monkeypatch.setattr("impactportal.ordering.DEEP_OFFSET", 25)
    deep = walk()
    assert deep[0] == plain[0] and [len(page) for page in deep[0]] == [25, 25, 10]
    assert deep[1] == plain[1]
    assert plain[2] == [False, False, False] and deep[2] == [False, True, True]


def test_api_deep_pages_are_the_pages_an_offset_gives(api, broker_haarlem, namesakes, monkeypatch):
    client = api(broker_haarlem)

    def walk(ordering):
        pages, keyed = [], []
        for page in (1, 2, 3):
            with CaptureQueriesContext(connection) as ctx:
                body = client.get("/api/v1/enterprises/", {"page": page, "page_size": 20, "ordering": ordering}).json()
            pages.append([row["id"] for row in body["results"]])
            keyed.append(bool(_keyed_pages(ctx.captured_queries)))
        return pages, keyed, body["count"]

    for ordering in ("", "name", "-headcount"):
        plain = walk(ordering)
        with monkeypatch.context() as patch:
            patch.setattr("impactportal.ordering.DEEP_OFFSET", 0)
            deep = walk(ordering)
        assert deep[0] == plain[0] and deep[2] == plain[2] == 60, ordering
        assert plain[1] == [False] * 3 and deep[1] == [True] * 3


def test_deep_pages_fall_back_to_offset_where_a_record_is_not_one_row(broker_haarlem, namesakes, monkeypatch):
    """DISTINCT, grouped lists and sort keys across a to-many relation repeat or merge records: a
    key picked page would differ from the page an OFFSET gives, so those pages use the OFFSET."""
    from django.db.models import Count

    from enterprises.models import ImpactTheme
    from impactportal.ordering import StablePaginator, one_row_per_record

    theme_a, theme_b = (ImpactTheme.objects.create(slug=slug, name=name) for slug, name in (
        ("thema-a", "Thema A"), ("thema-b", "Thema B")))
    for enterprise in namesakes[:10]:
        enterprise.themes.add(theme_a, theme_b)
    base = Enterprise.objects.all()
    lists = {
        "to-many sort key": base.order_by("themes__name", "pk"),
        "distinct": base.filter(themes__isnull=False).distinct().order_by("name", "pk"),
        "grouped": base.values("municipality_id").annotate(n=Count("pk")).order_by("municipality_id"),
    }
    assert one_row_per_record(base.order_by("name")) and one_row_per_record(base.order_by("-municipality__name"))
    for label, queryset in lists.items():
        assert not one_row_per_record(queryset), label
        size = 4 if label != "grouped" else 1  # two municipalities: two groups
        numbers = range(1, StablePaginator(queryset, size).num_pages + 1)
        plain = [list(StablePaginator(queryset, size).page(n).object_list) for n in numbers]
        with monkeypatch.context() as patch:
            patch.setattr("impactportal.ordering.DEEP_OFFSET", 0)
            deep = [list(StablePaginator(queryset, size).page(n).object_list) for n in numbers]
        assert len(plain) >= 2 and deep == plain and all(len(page) <= size for page in deep), label
