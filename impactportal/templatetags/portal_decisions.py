"""The version a decision's form carries: the hidden ``_version`` field of the object it decides,
over the fields its action view names (``ScopedActionView.versioned_fields``, ``ui.versions``).

    <form method="post" action="{% url 'financing:claim-pay' object.pk %}">{% csrf_token %}
      {% decision_version object 'financing:claim-pay' %}

A page with a decision button per row asks for all rows at once first (one query, not one per
row)::

    {% decision_versions lines 'procurement:realisation-assess' %}
    {% for line in lines %} … {% decision_version line 'procurement:realisation-assess' %} …

The fields are the view's, found through the URL name the form posts to: the button and the check
cannot name different fields.
"""

import functools

from django import template
from django.urls import resolve, reverse
from django.utils.html import format_html

from impactportal.ui import versions

register = template.Library()

KEPT = "_decision_versions"  # on a row: {fields: version} from ``decision_versions``


def decision_fields(viewname: str) -> list[str]:
    """The fields the action view of route ``viewname`` (a route with the object's pk) versions;
    empty: the view takes no version."""
    return list(_decision_fields(viewname))


@functools.lru_cache(maxsize=256)
def _decision_fields(viewname: str) -> tuple[str, ...]:
    # Per route, not per button: a list of lines renders one per row, and the routes do not change.
    view_class = getattr(resolve(reverse(viewname, args=[0])).func, "view_class", None)
    return tuple(getattr(view_class, "versioned_fields", ()))


@register.simple_tag
def decision_versions(objects, viewname: str) -> str:
    """Keep the versions of all ``objects`` (one query) for their ``decision_version``; renders nothing."""
    fields = decision_fields(viewname)
    key = tuple(fields)
    # Rows kept already for another decision over the same fields (award and shortlist) are not asked again.
    objects = [obj for obj in objects if obj is not None and obj.pk is not None and key not in obj.__dict__.get(KEPT, {})]
    if fields and objects:
        found = versions.row_versions(type(objects[0]), [obj.pk for obj in objects], fields)
        for obj in objects:
            obj.__dict__.setdefault(KEPT, {})[key] = found.get(obj.pk)
    return ""


@register.simple_tag
def decision_version(obj, viewname: str) -> str:
    """The hidden ``_version`` field of ``obj`` for the decision posted to route ``viewname``."""
    fields = decision_fields(viewname)
    if not fields or obj is None or obj.pk is None:
        return ""
    kept = obj.__dict__.get(KEPT, {})
    key = tuple(fields)
    token = kept[key] if key in kept else versions.row_version(type(obj), obj.pk, fields)
    if not token:
        return ""
    return format_html('<input type="hidden" name="{}" value="{}">', versions.FIELD, token)
