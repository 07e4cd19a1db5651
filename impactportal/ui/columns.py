from decimal import Decimal

import django_tables2 as tables
from django import forms
from django.template.defaultfilters import date as date_filter
from django.utils.encoding import force_str
from django.utils.html import format_html
from django.utils.timezone import get_current_timezone, template_localtime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from impactportal.money import euro

# A flag in one wording everywhere: a table's yes/no column (``BooleanColumn(yesno=YES_NO)``) and a
# FilterSet's yes/no choice (``BooleanFilter(widget=YES_NO_CHOICE)``: all, yes, no).
YES_NO = (_("ja"), _("nee"))
YES_NO_CHOICE = forms.Select(choices=[("", _("Alle")), ("true", _("Ja")), ("false", _("Nee"))])


def formatted_date(value, date_format: str, language: str, zone) -> str:
    """``value|date:date_format`` as a template writes it (in local time: ``zone``, the active time
    zone; in ``language``, the active language), remembered: the same dates come back on every
    visit to a list, and Django's formatter parses the format and looks up the language's names on
    every call (a sixth of the certificates page). Keyed with the value's own zone too: two
    moments in different zones are equal in Python."""
    key = (value, getattr(value, "tzinfo", None), zone, date_format, language)
    try:
        return _DATES[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable value
        return date_filter(template_localtime(value), date_format)
    if len(_DATES) >= MAX_DATES:
        _DATES.clear()  # the busy dates come back at once
    found = _DATES[key] = date_filter(template_localtime(value), date_format)
    return found


_DATES: dict = {}
MAX_DATES = 20_000


def short_date(value) -> str:
    """A date (or a moment, in local time) as ``SHORT_DATE_FORMAT`` in the active language, for a
    table's own ``render_…`` methods: a row of the helpdesk inbox writes its due date so."""
    return formatted_date(value, "SHORT_DATE_FORMAT", get_language(), get_current_timezone())


def with_alert(content, alert=None):
    """A cell's ``content`` followed by a red badge (``alert``: "te laat", "hoog" …), or alone when
    there is nothing to flag. Exports write the plain value (a ``value_…`` method)."""
    if not alert:
        return content
    return format_html('{} <span class="portal-badge portal-badge--alert">{}</span>', content, alert)


CENT = Decimal("0.01")


class NumericColumn(tables.Column):
    """A number, right-aligned with its header."""

    def __init__(self, *args, **kwargs):
        attrs = kwargs.setdefault("attrs", {})
        attrs.setdefault("td", {"class": "numeric"})
        attrs.setdefault("th", {"class": "numeric"})
        super().__init__(*args, **kwargs)


class MoneyColumn(NumericColumn):
    def render(self, value):
        return euro(value)

    def value(self, value):
        """Exports keep the plain decimal, in cents: a sum the database coalesced to a literal 0
        comes back as ``Decimal("0")``, which a spreadsheet shows as "0" among "80.000,00"."""
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return Decimal(value).quantize(CENT)
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
