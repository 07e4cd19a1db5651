"""The ``<tbody>`` of a list table as the portal renders it (``ui/table.html``: portal_tables'
readers) and as django-tables2's own template does, for tests that compare the two."""

import re

from django.test import RequestFactory
from django.test.html import parse_html

OURS, THEIRS = "ui/table.html", "django_tables2/table.html"


def tbody(table_class, data, template, **options) -> str:
    table = table_class(data, template_name=template, **options)
    table.paginate(per_page=25)
    html = table.as_html(RequestFactory().get("/"))
    return re.search(r"<tbody.*?</tbody>", html, re.S).group(0)


def ours_and_theirs(table_class, data, **options) -> tuple[str, str]:
    """Both renderings; asserts they are the same HTML."""
    ours, theirs = tbody(table_class, data, OURS, **options), tbody(table_class, data, THEIRS, **options)
    assert parse_html(ours) == parse_html(theirs)
    return ours, theirs
