"""``impactportal.ui.markup`` writes exactly what Django's and django-tables2's helpers write, and
the table patches of ``impactportal.ui.tables`` give the library's own answers."""

import django_tables2 as tables
import pytest
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy, override

from impactportal.ui import tables as table_patches
from impactportal.ui.markup import attribute_dict_html, escaped, flat_attributes

VALUES = ["plain", 'quote " and \' apostrophe', "<b>&amp;</b>", mark_safe("<b>safe</b>"), 7, 0, 2.5,
          gettext_lazy("Gemeente"), "", "ß ë 名"]


@pytest.mark.parametrize("value", VALUES)
def test_escaped_is_conditional_escape(value):
    with override("en"):
        assert escaped(value) == conditional_escape(value)


ATTRIBUTES = [
    {},
    {"class": "utrecht-select", "id": "id_x", "aria-describedby": "hint"},
    {"required": True, "disabled": False, "name": "q", "value": None, "multiple": True},
    {"data-x": '<"&>', "title": gettext_lazy("Zoeken"), "b": mark_safe("&amp;"), "a": 3},
]


@pytest.mark.parametrize("attrs", ATTRIBUTES)
def test_flat_attributes_is_flatatt(attrs):
    assert flat_attributes(attrs) == flatatt(attrs)
    assert isinstance(flat_attributes(attrs), SafeString)


def _library_as_html(attributes):
    return format_html_join(" ", '{}="{}"', attributes._iteritems())


@pytest.mark.parametrize("attrs", [
    {},
    {"class": "a b", "id": "x"},
    {"td": {"class": "cell"}, "th": {"x": 1}, "class": "kept", "none": None, "n": 0},
    {"title": lambda: 'called <"&>', "aria-label": gettext_lazy("Volgende")},
])
def test_attribute_dict_html_is_the_librarys_as_html(attrs):
    attributes = tables.utils.AttributeDict(attrs)
    assert attribute_dict_html(attributes) == _library_as_html(attributes)
    assert tables.utils.AttributeDict.as_html is attribute_dict_html  # installed at start-up


class _Table(tables.Table):
    name = tables.Column()
    city = tables.Column(order_by=("city", "name"))
    count = tables.Column(accessor="headcount")


@pytest.mark.django_db
@pytest.mark.parametrize("order", [("name",), ("-name", "id"), ("city", "name"), ("-city", "-name"),
                                   ("headcount",), ("-headcount", "name"), ("kvk_number",), ()])
def test_the_remembered_ordering_is_the_librarys(order):
    from enterprises.models import Enterprise

    rows = Enterprise.objects.order_by(*order)
    remembered = _Table(rows).order_by
    table_patches._known_orderings.clear()
    first = _Table(rows).order_by  # computed and kept
    again = _Table(rows).order_by  # from what was kept
    assert remembered == first == again
    library = _Table(rows)
    assert table_patches._original_ordering(library.data) == (tuple(first) if first else None)


@pytest.mark.django_db
def test_the_ordering_of_another_query_or_other_columns_is_another_answer():
    from enterprises.models import Enterprise

    table_patches._known_orderings.clear()
    assert tuple(_Table(Enterprise.objects.order_by("name")).order_by) == ("name",)
    assert tuple(_Table(Enterprise.objects.order_by("-headcount")).order_by) == ("-count",)
    assert tuple(_Table(Enterprise.objects.order_by("name"), exclude=("name",)).order_by or ()) != ("name",)
