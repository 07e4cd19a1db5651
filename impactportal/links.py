"""``reverse()`` for the routes a list links each of its rows to, and for routes without arguments.

Django's ``reverse`` matches the route's pattern anew on every call: about 50–90 µs with this
portal's URL configuration, paid per row and per link on a 25-row list. A route whose only argument
is a whole number (``<int:pk>``) gives the same path for every value apart from the number, so it is
reversed once per route, URL configuration, script prefix and language with a marker number, and
each row's number is put in the marker's place.

A route without arguments has one path per URL configuration, script prefix, language and current
application: ``reverse_plain`` remembers it. Every page's header and footer link six of them
(``{% url %}`` is ``templatetags/portal_urls.py`` in every template), about 20 µs each."""

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

_MARKER = "918273645"  # a number no route's own text contains; any <int:…> converter accepts it
_paths: dict[tuple, str | None] = {}


def reverse_with_id(viewname: str, value) -> str:
    """``reverse(viewname, args=[value])`` for a route taking one integer argument."""
    return _with_id(viewname, _path_with_marker(viewname), value)


def paths_with_id(viewname: str):
    """``value -> reverse(viewname, args=[value])`` for the rows of one list: the route's path is
    looked up once (per URL configuration, script prefix and language, all fixed while a page
    renders), each row only puts its number in."""
    path = _path_with_marker(viewname)
    return lambda value: _with_id(viewname, path, value)


def _path_with_marker(viewname: str) -> str | None:
    key = (viewname, get_urlconf(), get_script_prefix(), get_language())
    try:
        return _paths[key]
    except KeyError:
        pass
    try:
        path = reverse(viewname, args=[int(_MARKER)])
    except NoReverseMatch:  # a route that does not accept every number: reversed per call
        path = None
    _paths[key] = path if path is None or path.count(_MARKER) == 1 else None
    return _paths[key]


def _with_id(viewname: str, path: str | None, value) -> str:
    if path is None or type(value) is not int or value < 0:  # what an <int:…> converter rejects
        return reverse(viewname, args=[value])
    return path.replace(_MARKER, str(value))


_plain: dict[tuple, str] = {}
MAX_PLAIN = 4096


def reverse_plain(viewname, current_app=None) -> str:
    """``reverse(viewname, current_app=current_app)`` for a route without arguments; a name that
    does not resolve raises ``NoReverseMatch`` as ``reverse`` does (and is not remembered)."""
    if not isinstance(viewname, str):  # a view function: reversed as Django does
        return reverse(viewname, current_app=current_app)
    key = (viewname, current_app, get_urlconf(), get_script_prefix(), get_language())
    try:
        return _plain[key]
    except KeyError:
        pass
    path = reverse(viewname, current_app=current_app)
    if len(_plain) < MAX_PLAIN:
        _plain[key] = path
    return path
