"""Wide tables become labelled blocks on a phone (``impactportal.ui.tables.stack``): from four
columns every list table stacks, not only the three that said so; at 390 px the public events
(date and place), a question's status and a contract's figures scrolled out of sight."""

import re

import django_tables2 as tables
from django.test import RequestFactory
from django.utils import translation

from impactportal.ui.tables import STACK_FROM_COLUMNS, StackedTable

ROWS = [{"a": "één", "b": "twee", "c": "drie", "d": "vier"}]


class Four(tables.Table):
    a = tables.Column(verbose_name="Titel")
    b = tables.Column(verbose_name="Soort")
    c = tables.Column(verbose_name="Begint op")
    d = tables.Column(verbose_name="Plaats", attrs={"td": {"class": "place"}})


class Three(tables.Table):
    a = tables.Column(verbose_name="Titel")
    b = tables.Column(verbose_name="Soort")
    c = tables.Column(verbose_name="Begint op")


class FourButScrolls(Four):
    stacked = False


class ThreeButStacks(StackedTable, Three):
    pass


def html(table_class, **options):
    table = table_class(ROWS, template_name="ui/table.html", **options)
    with translation.override("nl"):
        return table, table.as_html(RequestFactory().get("/"))


def test_a_table_of_four_columns_stacks_with_each_cell_labelled():
    assert STACK_FROM_COLUMNS == 4
    table, page = html(Four)
    assert table.stacked is True
    assert 'portal-table-scroll portal-stack"' in page
    cells = re.findall(r"<td [^>]*>", page)
    assert [re.search(r'data-label="([^"]*)"', cell).group(1) for cell in cells] == ["Titel", "Soort", "Begint op",
                                                                                     "Plaats"]
    assert 'class="place"' in cells[3]  # the column's own attributes are kept beside the label


def test_a_narrow_table_scrolls_and_a_table_may_decide_for_itself():
    for table_class, stacked in ((Three, False), (FourButScrolls, False), (ThreeButStacks, True)):
        table, page = html(table_class)
        assert table.stacked is stacked, table_class
        assert ("portal-stack" in page) is stacked
        assert ("data-label" in page) is stacked


def test_hidden_columns_do_not_count():
    table, page = html(Four, exclude=("d",))
    assert table.stacked is False and "portal-stack" not in page
