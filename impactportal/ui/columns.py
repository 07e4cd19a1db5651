import django_tables2 as tables
from django.utils.encoding import force_str

from impactportal.money import euro


class MoneyColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        attrs = kwargs.setdefault("attrs", {})
        attrs.setdefault("td", {"class": "numeric"})
        attrs.setdefault("th", {"class": "numeric"})
        super().__init__(*args, **kwargs)

    def render(self, value):
        return euro(value)

    def value(self, value):  # exports keep the plain decimal
        return value


class ListColumn(tables.Column):
    """The items of a list the queryset put into an attribute (``Prefetch("themes",
    to_attr="theme_list")``, or the register's ``with_theme_list()``), separated by commas. Either
    fills a plain list; the default prefetch builds a filtered queryset per row (two milliseconds
    on a 25-row page) that a ``ManyToManyColumn`` then clones once more per cell."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return ", ".join(force_str(item) for item in value)

    def value(self, value):  # exports: the same text
        return self.render(value)
