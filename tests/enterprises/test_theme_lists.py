"""``Enterprise.objects.with_theme_list()`` gives each row the names of its themes, as
``Prefetch("themes", to_attr="theme_list")`` would, without a theme row per link."""

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from enterprises.models import Enterprise, ImpactTheme
from enterprises.tables import EnterpriseTable
from impactportal.templatetags import portal_tables
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def themed(haarlem):
    themes = [ImpactTheme.objects.create(slug=slug, name=name, name_en=english, order=order)
              for slug, name, english, order in (("t-zorg", "Zorg", "Care", 2), ("t-arbeid", "Arbeid <b>&</b>", "", 1),
                                                 ("t-wonen", "Wonen", "Housing", 2))]
    plans = {"Alle drie": themes, "Omgekeerd": themes[::-1], "Eén": themes[2:], "Geen": []}
    for name, chosen in plans.items():
        f.EnterpriseFactory(name=name, municipality=haarlem).themes.set(chosen)
    return themes


def _prefetched():
    return {e.name: e.theme_list for e in Enterprise.objects.prefetch_related(Prefetch("themes", to_attr="theme_list"))}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_names_and_their_order_are_the_prefetchs(themed, language):
    with translation.override(language):
        expected = {name: [str(theme) for theme in themes] for name, themes in _prefetched().items()}
        found = {e.name: e.theme_list for e in Enterprise.objects.with_theme_list()}
    assert found == expected
    assert found["Omgekeerd"] == found["Alle drie"] and found["Geen"] == []
    if language == "en":
        assert found["Alle drie"] == ["Arbeid <b>&</b>", "Housing", "Care"]  # ordered as in Dutch; no English name: the Dutch one


def test_a_renamed_or_new_theme_shows_at_once(themed, haarlem):
    assert Enterprise.objects.with_theme_list().get(name="Eén").theme_list == ["Wonen"]
    themed[2].name = "Wonen en leven"
    themed[2].save()
    assert Enterprise.objects.with_theme_list().get(name="Eén").theme_list == ["Wonen en leven"]
    newer = ImpactTheme.objects.create(slug="t-nieuw", name="Nieuw", order=0)
    Enterprise.objects.get(name="Geen").themes.add(newer)
    assert Enterprise.objects.with_theme_list().get(name="Geen").theme_list == ["Nieuw"]


def test_an_export_reads_the_links_per_chunk(themed):
    expected = {e.name: e.theme_list for e in Enterprise.objects.with_theme_list()}
    with CaptureQueriesContext(connection) as queries:
        found = {e.name: e.theme_list for e in Enterprise.objects.with_theme_list().iterator(chunk_size=3)}
    assert found == expected
    links = [q for q in queries.captured_queries if "impacttheme_id" in q["sql"]]
    assert len(links) == 2  # 4 enterprises in chunks of 3


def test_the_register_page_reads_the_themes_in_one_query_whatever_the_page_size(login, broker_haarlem, themed):
    client = login(broker_haarlem)
    url = reverse("enterprises:register")
    client.get(url)
    counts = []
    for per_page in (2, 4):
        with CaptureQueriesContext(connection) as queries:
            content = client.get(url, {"per_page": per_page, "sort": "name"}).content.decode()
        counts.append(len(queries))
        assert sum("impacttheme" in q["sql"] for q in queries.captured_queries) == 1
    assert counts[0] == counts[1]
    assert "Arbeid &lt;b&gt;&amp;&lt;/b&gt;, Wonen, Zorg" in content  # escaped once, in the themes' order


def test_the_table_reads_the_list_on_its_fast_path(themed):
    table = EnterpriseTable(Enterprise.objects.with_theme_list().order_by("name"))
    assert portal_tables._value_reader(table, table.columns["themes"]) is not None
