"""Keyboard and screen-reader walk 10 of the list pages: the live search says how many rows it
found (a status region outside the swapped results, and the count as visible text above the table),
the showcase reads out only its count, invalid filters name their field, sort and page links land
at the results, and one column at most says it is sorted."""

import re

import pytest
from django.test import RequestFactory
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from enterprises.tables import EnterpriseTable
from procurement.models import RuleSet
from procurement.tables.rule_sets import RuleSetTable
from tests import factories as f
from tests.table_html import OURS

pytestmark = pytest.mark.django_db


def head_of(table_class, data, query="", paginate=True) -> str:
    request = RequestFactory().get("/lijst/" + query)
    table = table_class(data, template_name=OURS, order_by=request.GET.get("sort"))
    if paginate:
        table.paginate(per_page=25)
    return re.search(r"<thead.*?</thead>", table.as_html(request), re.S).group(0)


def sorted_headers(head: str) -> list:
    return re.findall(r'<th [^>]*aria-sort="(\w+)"[^>]*>(.*?)</th>', head, re.S)


def test_a_default_ordering_over_two_columns_marks_only_its_first_key():
    """/inkoop/regelingen/ is ordered by name, then newest version first: only "Naam" is sorted."""
    head = head_of(RuleSetTable, RuleSet.objects.none())
    marked = sorted_headers(head)
    assert len(marked) == 1 and marked[0][0] == "ascending" and "sort=-name" in marked[0][1]
    assert head.count('class="portal-sort"') == 1


def test_the_column_the_user_chose_is_the_only_sorted_one():
    marked = sorted_headers(head_of(RuleSetTable, RuleSet.objects.none(), "?sort=-version"))
    assert len(marked) == 1 and marked[0][0] == "descending" and "sort=version" in marked[0][1]


def test_the_sort_links_of_a_paged_list_land_at_its_results():
    head = head_of(EnterpriseTable, Enterprise.objects.all(), "?q=bakkerij&sort=-name")
    hrefs = re.findall(r'href="([^"]*)"', head)
    assert hrefs and all(href.startswith("?") and href.endswith("#results-count") for href in hrefs)
    assert "?q=bakkerij&amp;sort=name#results-count" in hrefs  # otherwise the same link


def test_a_table_that_is_not_paged_keeps_its_plain_sort_links():
    head = head_of(EnterpriseTable, Enterprise.objects.all(), "?sort=name", paginate=False)
    assert "#" not in "".join(re.findall(r'href="([^"]*)"', head))


@pytest.fixture
def register(login, broker_haarlem, haarlem):
    f.EnterpriseFactory(name="Bakkerij Noord", municipality=haarlem, kvk_number="12345678")
    f.EnterpriseFactory(name="Bakkerij Zuid", municipality=haarlem, kvk_number="87654321")
    return login(broker_haarlem)


def test_the_register_says_its_count_on_a_single_page_and_has_one_status_region(register):
    page = register.get(reverse("enterprises:register")).content.decode()
    assert page.count('id="results-status"') == 1 and page.count('role="status"') == 1
    status = re.search(r'<p [^>]*id="results-status"[^>]*></p>', page).group(0)
    assert 'role="status"' in status and "aria-live" not in status  # role=status is polite already
    assert 'class="visually-hidden"' in status  # empty on arrival
    assert page.index('id="results-status"') < page.index('<div id="results">')  # outside the swaps
    # Everything fits one page (no pagination line), yet the count is there, as visible text.
    assert "utrecht-pagination" not in page
    count = re.search(r'<h2 [^>]*id="results-count"[^>]*>(.*?)</h2>', page).group(0)
    assert 'tabindex="-1"' in count and "data-result-count" in count and ">2 resultaten</h2>" in count
    assert "visually-hidden" not in count


def test_the_count_speaks_english(register):
    """The count's English was in a fragment whose msgid the template no longer used: English
    pages said "2 resultaten"."""
    register.cookies["django_language"] = "en"
    page = register.get(reverse("enterprises:register")).content.decode()
    assert re.search(r'<h2 [^>]*id="results-count"[^>]*>2 results</h2>', page)
    one = register.get(reverse("enterprises:register"), {"q": "noord"}, HTTP_HX_REQUEST="true").content.decode()
    assert re.search(r'<h2 [^>]*data-result-count[^>]*>1 result</h2>', one)


def test_the_live_search_answer_carries_the_count_sentence(register):
    one = register.get(reverse("enterprises:register"), {"q": "noord"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in one and 'id="results-status"' not in one  # the status stays on the page
    assert re.search(r'<h2 [^>]*data-result-count[^>]*>1 resultaat</h2>', one)
    none = register.get(reverse("enterprises:register"), {"q": "slagerij"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<span data-result-count>Niets gevonden met deze filters.</span>" in none


def test_the_page_links_land_at_the_results(register):
    page = register.get(reverse("enterprises:register"), {"q": "bakkerij", "per_page": "1"}).content.decode()
    following = re.search(r'<a [^>]*rel="next" href="([^"]*)"', page).group(1)
    assert following == "?q=bakkerij&amp;per_page=1&amp;page=2#results-count"
    second = register.get(reverse("enterprises:register"), {"q": "bakkerij", "per_page": "1", "page": "2"})
    previous = re.search(r'<a [^>]*rel="prev" href="([^"]*)"', second.content.decode()).group(1)
    assert previous.endswith("page=1#results-count")


def test_an_invalid_filter_names_its_field_for_the_script(register):
    """The filter form is not swapped: the errors name the field (portal.js marks it with
    aria-invalid and the message's id as aria-describedby)."""
    answer = register.get(reverse("enterprises:register"), {"kvk_number": "abc"}, HTTP_HX_REQUEST="true")
    item = re.search(r'<li id="id_kvk_number_error" data-filter-error="kvk_number">(.*?)</li>',
                     answer.content.decode(), re.S)
    assert item and "KvK-nummer" in item.group(1)
    # On arrival the server marks the field itself; the id it names is the message's.
    page = register.get(reverse("enterprises:register"), {"kvk_number": "abc"}).content.decode()
    field = re.search(r'<input [^>]*name="kvk_number"[^>]*>', page).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_kvk_number_error"' in field
    assert page.count('id="id_kvk_number_error"') == 1


def test_the_showcase_reads_out_its_count_not_its_cards(client, haarlem):
    f.EnterpriseFactory(name="Koffiebranderij", municipality=haarlem, is_published=True,
                        admission_status=AdmissionStatus.ADMITTED)
    page = client.get(reverse("etalage")).content.decode()
    assert 'id="showcase-results">' in page
    count = re.search(r'<span [^>]*id="showcase-count"[^>]*>(.*?)</span>', page).group(0)
    assert 'role="status"' in count and "aria-live" not in count and "1 onderneming gevonden" in count
    assert page.index('id="showcase-count"') < page.index('id="showcase-results"')
    answer = client.get(reverse("etalage"), {"q": "thee"}, HTTP_HX_REQUEST="true").content.decode()
    assert re.search(r'<span id="showcase-count" hx-swap-oob="innerHTML">0 ondernemingen gevonden</span>', answer)
    assert "aria-live" not in answer


def test_the_public_requests_list_says_its_count_too(client, haarlem):
    """Its own filter form (not ui/partials/filter_form.html), the same status region and count."""
    from tests.procurement.builders_requests import purchase_request

    purchase_request(haarlem, title="Open vraag")
    page = client.get(reverse("procurement:request-public-list")).content.decode()
    assert page.count('id="results-status"') == 1
    assert page.index('id="results-status"') < page.index('<div id="results">')
    assert re.search(r'<h2 [^>]*id="results-count"[^>]*>1 resultaat</h2>', page)
    answer = client.get(reverse("procurement:request-public-list"), {"q": "zzz"},
                        HTTP_HX_REQUEST="true").content.decode()
    assert "<span data-result-count>Niets gevonden met deze filters.</span>" in answer


def test_a_large_count_has_its_thousands_mark():
    """"100002 resultaten" (templates write numbers without a thousands mark): the count and the
    pagination line use the ``number`` filter, as the portal writes other numbers."""
    from django.template import Context, Template
    from django.utils import translation

    template = Template("{% load portal_money %}{{ n|number }}|{{ empty|number }}")
    with translation.override("nl"):
        assert template.render(Context({"n": 100002, "empty": None})) == "100.002|"
    with translation.override("en"):
        assert template.render(Context({"n": 100002, "empty": ""})) == "100,002|"
