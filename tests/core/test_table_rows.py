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


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_model_rows_match_django_tables2s_own_template(language):
    """Plain model columns take a shortcut (``_plain_reader``): a choice's label, a related
    object's name, an empty value's default, a number's localisation must come out as the library
    renders them; link, boolean and many-to-many columns keep the library's path."""
    from enterprises.models import Enterprise, ImpactTheme
    from enterprises.tables import EnterpriseTable
    from tests import factories as f

    haarlem = f.OrganisationFactory(name="Haarlem", slug="haarlem")
    theme = ImpactTheme.objects.get_or_create(slug="arbeid", defaults={"name": "Arbeid"})[0]
    full = f.EnterpriseFactory(name="Bakkerij & zonen", municipality=haarlem, kvk_number="12345678", headcount=1200,
                               disadvantaged_count=3, is_published=True)
    full.themes.set([theme])
    f.EnterpriseFactory(name="Leeg", municipality=haarlem, kvk_number="", headcount=None, disadvantaged_count=None)
    queryset = Enterprise.objects.select_related("municipality").prefetch_related("themes").order_by("name")

    def tbody(template):
        table = EnterpriseTable(queryset, template_name=template)
        table.paginate(per_page=25)
        html = table.as_html(RequestFactory().get("/"))
        return re.search(r"<tbody.*?</tbody>", html, re.S).group(0)

    with translation.override(language):
        ours, theirs = tbody("ui/table.html"), tbody("django_tables2/table.html")
        status = str(full.get_admission_status_display())
    assert parse_html(ours) == parse_html(theirs)
    assert ">1200<" in ours and ">Haarlem<" in ours and ">—<" in ours and f">{status}<" in ours
