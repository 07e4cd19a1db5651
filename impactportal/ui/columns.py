import django_tables2 as tables

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
