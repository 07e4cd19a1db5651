"""HTML escaping and attribute lists exactly as Django's ``conditional_escape``/``flatatt`` and
django-tables2's ``AttributeDict.as_html`` write them, without their per-call machinery
(``format_html_join`` runs a lazy-string check and a ``format_html`` per attribute): a list page
writes hundreds of attributes (every header and cell, every drop-down)."""

import html

from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe


def escaped(value) -> str:
    """What ``conditional_escape`` returns: markup as it is, anything else escaped."""
    if isinstance(value, Promise):
        value = str(value)
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def flat_attributes(attrs: dict) -> SafeString:
    """``django.forms.utils.flatatt``: ` name="value"` pairs sorted by name, then the names whose
    value is True; False and None left out."""
    pairs = sorted((name, value) for name, value in attrs.items() if not isinstance(value, bool) and value is not None)
    flags = sorted(name for name, value in attrs.items() if value is True)
    return mark_safe(  # noqa: S308 — every name and value escaped
        "".join(f' {escaped(name)}="{escaped(value)}"' for name, value in pairs)
        + "".join(f" {escaped(name)}" for name in flags))


def attribute_dict_html(attributes) -> SafeString:
    """``django_tables2.utils.AttributeDict.as_html`` (installed as it by ``ui.tables.install``):
    `name="value"` separated by spaces, callables called, None and the blacklisted keys left out."""
    return mark_safe(" ".join(  # noqa: S308 — every name and value escaped
        f'{escaped(name)}="{escaped(value)}"' for name, value in attributes._iteritems()))
