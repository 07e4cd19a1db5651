"""The header row of every list table (``portal_thead_cells``) is the HTML django-tables2's own
template writes: attributes, headers, and each sortable column's link keeping the page's query."""

import re

import pytest
from django.test import RequestFactory
from django.test.html import parse_html
from django.utils import translation

from brokers.tables import CaseTable
from enterprises.models import Enterprise
from enterprises.tables import EnterpriseTable
from tests.table_html import OURS, THEIRS

pytestmark = pytest.mark.django_db

QUERIES = ["", "?q=bakkerij&theme=zorg&theme=wonen&page=2", "?sort=-name&q=%3Cb%3E%26%22", "?sort=municipality"]


def thead(table_class, data, template, query, **options) -> str:
    request = RequestFactory().get("/register/" + query)
    table = table_class(data, template_name=template, order_by=request.GET.get("sort"), **options)
    table.paginate(per_page=25)
    html = re.search(r"<thead.*?</thead>", table.as_html(request), re.S).group(0)
    return html if template != OURS else without_direction(html)


def without_direction(html) -> str:
    """Our header less what the library does not write: the sorted column's ``aria-sort`` and arrow
    (workspace walk 9, ``test_the_sorted_column_says_its_direction``) and the sort links' landing
    at a paged list's results (list walk 10, tests/core/test_a11y_lists_10.py)."""
    return re.sub(r' aria-sort="(?:ascending|descending)"| <span class="portal-sort" aria-hidden="true">[▲▼]</span>'
                  r'|#results-count(?=")', "", html)


@pytest.mark.parametrize(("query", "column", "direction", "arrow"), [
    ("?sort=name", "name", "ascending", "▲"), ("?sort=-name", "name", "descending", "▼"),
    ("?sort=municipality&q=x", "municipality", "ascending", "▲")])
def test_the_sorted_column_says_its_direction(query, column, direction, arrow):
    request = RequestFactory().get("/register/" + query)
    table = EnterpriseTable(Enterprise.objects.all(), template_name=OURS, order_by=request.GET.get("sort"))
    table.paginate(per_page=25)
    head = re.search(r"<thead.*?</thead>", table.as_html(request), re.S).group(0)
    sorted_ = re.findall(r'<th [^>]*aria-sort="(\w+)"[^>]*>(.*?)</th>', head, re.S)
    assert len(sorted_) == 1 and sorted_[0][0] == direction
    assert f'<span class="portal-sort" aria-hidden="true">{arrow}</span>' in sorted_[0][1]
    assert head.count("portal-sort") == 1
    assert f'sort={"-" if direction == "ascending" else ""}{column}' in sorted_[0][1]  # its link turns it


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_register_header_is_the_librarys(query, language):
    with translation.override(language):
        ours = thead(EnterpriseTable, Enterprise.objects.all(), OURS, query)
        theirs = thead(EnterpriseTable, Enterprise.objects.all(), THEIRS, query)
    assert parse_html(ours) == parse_html(theirs)
    assert ours.count("<th ") == len(EnterpriseTable.base_columns)
    if "q=" in query:
        assert "&amp;" in ours  # the hrefs keep the page's other parameters, escaped


@pytest.mark.parametrize("exclude", [(), ("select",)])
def test_a_header_with_a_checkbox_and_unsortable_columns_is_the_librarys(exclude):
    from brokers.models import Case

    ours = thead(CaseTable, Case.objects.all(), OURS, "?status=open", exclude=exclude)
    theirs = thead(CaseTable, Case.objects.all(), THEIRS, "?status=open", exclude=exclude)
    assert parse_html(ours) == parse_html(theirs)
    assert ('type="checkbox"' in ours) == (not exclude)
