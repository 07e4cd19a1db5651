"""List tables render their rows in Python (portal_tables.portal_tbody): the same HTML as
django-tables2's own template, including per-record attributes, localisation and the empty text."""

import datetime as dt
import re
from decimal import Decimal

import django_tables2 as tables
import pytest
from django.test import RequestFactory
from django.test.html import parse_html
from django.utils import translation


class Table(tables.Table):
    name = tables.Column(verbose_name="Naam", attrs={"td": {"class": "name"}})
    amount = tables.Column(verbose_name="Bedrag", attrs={"td": {"class": "numeric", "data-value": lambda value: value}})
    day = tables.Column(verbose_name="Datum")
    plain = tables.Column(verbose_name="Getal", localize=False)

    def render_name(self, value, record):
        return f"<{value}>"  # escaped by the cell rendering


ROWS = [{"name": "Bakkerij & zonen", "amount": Decimal("1234.50"), "day": dt.date(2026, 12, 2), "plain": 12345},
        {"name": "Fietsherstel", "amount": Decimal("7"), "day": dt.date(2026, 1, 9), "plain": 7}]


def _tbody(data, template):
    table = Table(data, template_name=template, empty_text="Nog niets")
    table.paginate(per_page=25)
    html = table.as_html(RequestFactory().get("/"))
    return re.search(r"<tbody.*?</tbody>", html, re.S).group(0)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("data", [ROWS, []], ids=["rows", "empty"])
def test_rows_match_django_tables2s_own_template(data, language):
    with translation.override(language):
        ours = _tbody(data, "ui/table.html")
        theirs = _tbody(data, "django_tables2/table.html")
    assert parse_html(ours) == parse_html(theirs)


def test_cells_are_escaped_and_callable_attributes_see_each_row():
    with translation.override("nl"):
        html = _tbody(ROWS, "ui/table.html")
    assert "&lt;Bakkerij &amp; zonen&gt;" in html
    assert 'data-value="1234.50"' in html and 'data-value="7"' in html
    assert "1234,50" in html and "12345" in html  # localised unless the column says not to
