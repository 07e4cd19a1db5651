from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.api import is_api


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose another language with the language switch (cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; civil servants with
    an English browser still expect the Dutch portal unless they switch. The API is different:
    its clients are programs that state their language in Accept-Language, so API answers and
    error messages follow that header (Dutch when it names no language the portal has)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen not in dict(settings.LANGUAGES) and is_api(request):
            chosen = translation.get_language_from_request(request)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(query_dict) -> bool:
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query_dict.lists())


def _content_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


class BadInputMiddleware:
    """Input the database cannot even take (SQLite cannot bind integers beyond 64 bits, e.g. a
    filter ``?team=99999999999999999999999`` on a foreign key) answers 400, not 500. The API
    maps the same error to a JSON 400 in ``impactportal.api.exceptions``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A body larger than any form or API call needs (every upload is at most a few MB) is
        # refused before it is read: Django streams uploaded files of any size to disk first, and
        # only the form's validator refused them afterwards.
        if _content_length(request) > settings.PORTAL_MAX_REQUEST_BYTES:
            limit = {"max": settings.PORTAL_MAX_REQUEST_BYTES // 1_048_576}
            if is_api(request):
                return JsonResponse({"detail": _("Het verzoek is te groot: hooguit %(max)s MB.") % limit}, status=413)
            return render(request, "413.html", limit, status=413)
        # PostgreSQL cannot take text with NUL characters: refuse them before any query runs.
        form_post = request.method == "POST" and request.content_type in FORM_CONTENT_TYPES
        if _has_nul(request.GET) or (form_post and _has_nul(request.POST)):
            if is_api(request):
                return JsonResponse({"detail": _("Het verzoek bevat NUL-tekens.")}, status=400)
            from django.views.defaults import bad_request

            return bad_request(request, ValueError("NUL character in request"))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            from django.views.defaults import bad_request

            return bad_request(request, exception)
        return None


class ReadingMiddleware:
    """A GET or HEAD request changes nothing, so the access questions its page asks about a row
    are answered once each (``access.reading``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with access.reading():
            return self.get_response(request)


class PostOnlyMiddleware:
    """A GET of an address that only takes a form's POST answered 405 with an empty page. People
    reach such addresses by the back button, a bookmark, or by switching language on the page a
    form with errors was shown on (the switch returns to the address the form was posted to).
    They are sent to the page above it (``/register/62/toelating/`` → ``/register/62/``) when
    that is a page, else shown a page that says what happened. The API keeps its JSON 405."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.status_code != 405 or request.method not in ("GET", "HEAD") or is_api(request)
                or getattr(request, "htmx", False)):  # a script's mistake, not a person's: keep the 405
            return response
        parent = page_above(request.path)
        if parent is not None:
            return HttpResponseRedirect(parent)
        from .views import error_405

        return error_405(request)


def page_above(path: str) -> str | None:
    """The nearest address above ``path`` that resolves to a view, or None (the home page is
    not "above": a visitor sent there would not know why)."""
    parts = path.strip("/").split("/")[:-1]
    while parts:
        candidate = "/" + "/".join(parts) + "/"
        try:
            resolve(candidate)
        except Resolver404:
            parts.pop()
            continue
        return candidate
    return None
