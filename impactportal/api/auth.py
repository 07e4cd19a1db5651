from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from impactportal.accounts import login_limits, two_factor

from . import tokens


class ObtainTokenView(APIView):
    """``POST {username, password}`` → ``{"token": …}``; use as ``Authorization: Token …``. Every
    ``POST`` makes a new token and ends the one before (the portal keeps digests only: ``tokens``).
    ``DELETE`` (signed in with that token, or a session) revokes it. A user who must use two-factor
    authentication or set it up (``two_factor.keys_need_second_factor``) gets 403 for the right
    password: their token is made on the account page (``two_factor_views.api_token``), after the
    second factor, and only such a token works for them (``authentication.TokenAuthentication``)."""

    throttle_scope = "auth-token"
    serializer_class = AuthTokenSerializer
    api_summaries = {"post": "Get an API token", "delete": "Revoke your API token"}
    api_description = ("Send `username` and `password`; use the returned token as `Authorization: Token …` "
                       "on every other call. Limited to 20 attempts a minute. A token lasts until you revoke "
                       "it, your password changes, or it is older than the portal's maximum age (90 days "
                       "unless the portal says otherwise); then ask for a new one.\n\n"
                       "The portal keeps no token, only a digest of it, and cannot give a token back: **every "
                       "call returns a NEW token, and the token you had before stops working at once**. Ask "
                       "once, keep the token safe, and use it until it ends. A key made on the account page "
                       "with **Alleen lezen** (read only) answers 403 to every call that changes something "
                       "(but `DELETE` here, which revokes it).\n\n"
                       "Accounts that must use two-step verification (on a portal that requires it for staff: "
                       "brokers, colleagues, network partners, steering members, SROI coordinators and "
                       "administrators), and accounts that set up two-step verification themselves, get no "
                       "token for a password alone: the right password answers 403. Their API key is made on "
                       "the account page (**Mijn account**, `/accounts/mijn-account/`) after signing in with "
                       "the password and the code from the authenticator app; a key of theirs made otherwise "
                       "(before, or with a password alone) answers 401 on every call. A wrong user name or "
                       "password answers 400, for every account alike.")

    def _revoking(self) -> bool:
        # get_authenticators runs before dispatch keeps the request (initialize_request); the
        # schema generator gives the view a request of the method it documents.
        request = getattr(self, "request", None)
        return getattr(self, "revoking", False) or (request is not None and request.method == "DELETE")

    def initialize_request(self, request, *args, **kwargs):
        self.revoking = request.method == "DELETE"
        return super().initialize_request(request, *args, **kwargs)

    def get_authenticators(self):
        # Getting a token reads no credentials but the body's: a stale token in the header must
        # not turn the request for a new one into a 401. Revoking needs the token (or session).
        if self._revoking():
            return [authentication() for authentication in api_settings.DEFAULT_AUTHENTICATION_CLASSES]
        return []

    def get_permissions(self):
        return [IsAuthenticated()] if self._revoking() else [AllowAny()]

    def get_throttles(self):
        return [] if self._revoking() else [ScopedRateThrottle()]

    @extend_schema(
        request=AuthTokenSerializer,
        responses={200: inline_serializer("Token", {"token": serializers.CharField(
                       help_text="A new token; the one you had before stops working.")}),
                   400: OpenApiResponse(description="Wrong user name or password (a message per field)."),
                   403: OpenApiResponse(description=(
                       "The account must use two-step verification, or has set it up: no token for a "
                       "password alone. Make the API key on the account page after signing in with the "
                       "second factor (`detail` says so in the request's language)."))},
        auth=[],
    )
    def post(self, request):
        wait = login_limits.limited_for(request)
        if wait:  # too many failed sign-ins from this connection, across user names
            raise exceptions.Throttled(wait=wait, detail=_(
                "Vanaf uw verbinding is te vaak een verkeerde gebruikersnaam of een verkeerd wachtwoord "
                "ingevuld. Probeer het later opnieuw."))
        username = request.data.get("username", "") if hasattr(request.data, "get") else ""
        wait = login_limits.username_limited_for(request, username if isinstance(username, str) else "")
        if wait:  # too many failed sign-ins with this user name, from any connection
            raise exceptions.Throttled(wait=wait, detail=_(
                "Met deze gebruikersnaam is te vaak een verkeerd wachtwoord ingevuld. Probeer het later opnieuw."))
        serializer = AuthTokenSerializer(data=request.data, context={"request": request})
        # The password first: a wrong one answers 400 for every account alike, so the 403 below
        # tells only who knows the password that the account is a staff account.
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        # A password alone would skip the second factor (BIO 9.4): the key is made on the account
        # page, from a session that passed it. Also for a user who set it up without having to.
        if two_factor.is_required(user) or two_factor.has_device(user):
            why = (_("Voor dit account is tweestapsverificatie verplicht, daarom krijgt u hier geen API-sleutel "
                     "met alleen uw wachtwoord.") if two_factor.is_required(user) else
                   _("Voor dit account staat tweestapsverificatie aan, daarom krijgt u hier geen API-sleutel met "
                     "alleen uw wachtwoord."))
            where = _("Log in op het portaal met uw wachtwoord en de code uit uw authenticator-app en maak de "
                      "API-sleutel op de pagina Mijn account: %(url)s") % {
                "url": request.build_absolute_uri(reverse("account"))}
            raise exceptions.PermissionDenied(f"{why} {where}")
        # A secret, shown this once (the portal keeps its digest): no cache (the caller is anonymous to
        # impactportal.ui.headers, which marks the rest).
        return Response({"token": tokens.issue(user).key}, headers={"Cache-Control": "no-store"})

    @extend_schema(
        request=None,
        responses={204: OpenApiResponse(description="The token is revoked (also when you had none)."),
                   401: OpenApiResponse(description="Not signed in.")},
        description=("Revokes the token you send in `Authorization: Token …` (or, signed in with a session, "
                     "your token): it stops working at once. Get a new one with `POST`."),
    )
    def delete(self, request):
        tokens.revoke(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
