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
