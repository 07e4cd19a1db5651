import django_tables2 as tables
from django.utils.numberformat import format as number_format


def euro(value, places: int = 2) -> str:
    """€ 7.000,00 in Dutch, € 7,000.00 in English (the active locale decides). The space after
    the sign does not break, so an amount never wraps in two."""
    from django.utils.formats import get_format

    return "€\u00a0" + number_format(
        value, get_format("DECIMAL_SEPARATOR"), decimal_pos=places, grouping=3,
        thousand_sep=get_format("THOUSAND_SEPARATOR"), force_grouping=True,
    )


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
