"""The page a form answers when its CSRF check fails (``CSRF_FAILURE_VIEW``): mostly a page left
open past the session, a sign-in in another tab (the token changes), or cookies refused. Django's
own page is bare English; this one is the portal's, in the visitor's language, and says what to
do. Django has logged the reason already (``django.security.csrf``); the visitor is not told it."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from impactportal.api import is_api


def csrf_failure(request, reason=""):
    if is_api(request):
        return JsonResponse({"detail": _("De CSRF-controle is mislukt. Laad de pagina opnieuw en probeer het nog "
                                         "een keer.")}, status=403)
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        back = ""
    return render(request, "403_csrf.html", {"back": back}, status=403)
