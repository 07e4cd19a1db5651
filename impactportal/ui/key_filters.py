"""Filters on one row's key (``?enterprise=12``, ``?programme=city-deal``) are for links and API
clients: the enterprise page links to its contact moments that way. People should not be asked
to type a database number, so in a list's filter form such a filter is a hidden input (kept
while the other filters change), and when one is set the panel names the row it narrows the
list to, with a link that drops it. The API reads the same FilterSets unchanged."""

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.text import Truncator

from impactportal import access

_ID_SUFFIX = re.compile(r"\s*\(id\)$", re.IGNORECASE)


@dataclass(frozen=True)
class KeyFilter:
    label: str  # "Onderneming", without the "(id)" the API's description keeps
    name: str  # the row as the user may see it; its key when out of their sight or unknown
    without: str  # the query string without this filter (and without the page number)


def is_key_filter(f) -> bool:
    if getattr(f, "is_key", False):  # a filter that says so (``filters.BrokerOrganisationsFilter``)
        return True
    if f.lookup_expr != "exact":
        return False
    if isinstance(f, django_filters.NumberFilter):
        return f.field_name.endswith("_id")
    return isinstance(f, django_filters.CharFilter) and f.field_name.endswith("__slug")


def key_filters(filterset, request) -> list[KeyFilter]:
    """Hides the key filters of ``filterset``'s form and returns the ones set in the request."""
    form = filterset.form
    chosen = []
    for name, f in filterset.filters.items():
        if not is_key_filter(f) or name not in form.fields:
            continue
        form.fields[name].widget = forms.HiddenInput()
        value = request.GET.get(name, "").strip()
        if not value:
            continue
        query = request.GET.copy()
        query.pop(name, None)
        query.pop("page", None)
        label = _ID_SUFFIX.sub("", str(f.label or name))
        name = (f.key_name(request.user) if hasattr(f, "key_name")
                else _row_name(filterset.queryset.model, f.field_name, value, request.user))
        chosen.append(KeyFilter(label, name, query.urlencode()))
    return chosen


def _row_name(model, field_name: str, value: str, user) -> str:
    """The row's name if ``user`` may view it (the same scope as its own pages), else the key."""
    if field_name.endswith("__slug"):
        relation, lookup = field_name.removesuffix("__slug").split("__")[-1], "slug"
    else:
        relation, lookup = field_name.removesuffix("_id"), "pk"
    if lookup == "pk" and not (value.isascii() and value.isdigit() and len(value) <= 19 and int(value) < 2**63):
        return Truncator(value).chars(40)  # no row's key (and out of the database's integer range)
    try:
        related = model._meta.get_field(relation).related_model
        row = access.scope(user, related._default_manager.filter(**{lookup: value})).first() if related else None
    except (FieldDoesNotExist, ValidationError, ValueError):
        row = None  # a garbage value: the list shows nothing, the panel shows what was asked
    return str(row) if row is not None else Truncator(value).chars(40)
