from django.conf import settings
from django.utils import translation


class DutchFirstLocaleMiddleware:
    """Dutch unless the user chose another language with the language switch (cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language; civil servants with
    an English browser still expect the Dutch portal unless they switch."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class BadInputMiddleware:
    """Input the database cannot even take (SQLite cannot bind integers beyond 64 bits, e.g. a
    filter ``?team=99999999999999999999999`` on a foreign key) answers 400, not 500. The API
    maps the same error to a JSON 400 in ``impactportal.api.exceptions``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OverflowError):
            from django.views.defaults import bad_request

            return bad_request(request, exception)
        return None
