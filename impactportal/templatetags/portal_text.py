"""``{{ date|date:"SHORT_DATE_FORMAT"|nowrap }}``: a value that must not wrap over two lines.

A date such as 05-12-2026 wrapped at its hyphen ("Stand 05-12-" | "2026"). The filter wraps the
escaped value in ``<span class="portal-nowrap">`` (portal.css); it also works as a variable of
``{% blocktranslate %}``, where the markup stays out of the translatable text."""

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext

register = template.Library()


@register.filter
def nowrap(value):
    if value in (None, ""):
        return value
    return format_html('<span class="portal-nowrap">{}</span>', value)


@register.filter
def lang_of(content, field):
    """``lang="{{ item|lang_of:'name' }}"``: the language a text kept in two languages (``Bilingual``) is
    shown in: "nl" where an English page falls back to the Dutch."""
    return content.language_of(field)


@register.filter
def field_label(obj, name):
    """``{{ object|field_label:"stage" }}``: the model field's ``verbose_name`` as a label ("Fase",
    "Phase"), the one name the form, the filters, the register's columns and the change log give
    the field. The profile said "Kind" and "Stage" above a history that said "Type of enterprise"
    and "Phase"."""
    return capfirst(obj._meta.get_field(name).verbose_name)


@register.filter
def term(programme):
    """``{{ programme|term }}``: a programme's term, written one way wherever it stands (home page,
    steering dashboard, steering page): "11-03-2021 – 01-04-2024", or, without an end date, "Sinds
    11-03-2021, zonder einddatum" (they read "2021–", "11 Mar 2021 – …" and "Since 11/03/2021,
    without an end date"). Dates in the short date format, each kept on one line."""
    start = nowrap(date_format(programme.start_date, "SHORT_DATE_FORMAT"))
    if programme.end_date is None:
        # The steering page's sentence (its translation), the date's markup kept out of it.
        return mark_safe(conditional_escape(gettext("Sinds %(start)s, zonder einddatum")) % {"start": start})  # noqa: S308
    return format_html("{} – {}", start, nowrap(date_format(programme.end_date, "SHORT_DATE_FORMAT")))
