"""How API clients sign in: DRF's token scheme, with the token read by SQL compiled once.

Kept apart from ``auth.py`` (the token endpoint, a view): DRF imports the authentication classes
while ``rest_framework.views`` itself is being imported."""

from functools import cache

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions
from rest_framework.authtoken.models import Token

from impactportal import audit
from impactportal.prepared import IdsQuery

from .tokens import digest, is_expired

# What the token's row says after the token's and the user's columns: whether the key may only read
# (``accounts.ReadOnlyApiToken``, LEFT JOIN: None without the mark), then the key's mark of a verified
# session (``accounts.VerifiedApiToken``, LEFT JOIN: None without one), and whether the user's
# authenticator app and backup codes are confirmed (LEFT JOINs: a row per device pair, None without).
READ_ONLY_COLUMN = "read_only_mark__pk"
SECOND_FACTOR_COLUMNS = ("verified_session__pk", "user__totpdevice__confirmed", "user__staticdevice__confirmed")


@cache
def _token_query() -> tuple[IdsQuery, list[str], list[str]]:
    """A token with its user (and ``READ_ONLY_COLUMN``, ``SECOND_FACTOR_COLUMNS``) in one row, and the
    two models' column names in that row's order."""
    token_columns = [field.attname for field in Token._meta.concrete_fields]
    user_columns = [field.attname for field in get_user_model()._meta.concrete_fields]
    query = IdsQuery(lambda keys: Token.objects.filter(key__in=keys).values_list(
        *token_columns, *(f"user__{name}" for name in user_columns), READ_ONLY_COLUMN, *SECOND_FACTOR_COLUMNS),
        stand_in=lambda number: f"stand-in-{number}")
    return query, token_columns, user_columns


def _made_without_second_factor(user, rows) -> bool:
    """Is this the key of a two-factor user (``two_factor.keys_need_second_factor``) that was not
    made from a verified session? Read from the token's rows; only a user without an app but with
    backup codes costs a query (whether any code is left), and ``is_required`` the memberships that
    the API's scoping reads next anyway (``access.memberships`` keeps them on the user object)."""
    from impactportal.accounts import two_factor

    marked, app, backup = zip(*(row[-len(SECOND_FACTOR_COLUMNS):] for row in rows), strict=True)
    if any(mark is not None for mark in marked):
        return False
    if any(app) or two_factor.is_required(user):
        return True
    return any(backup) and two_factor.has_device(user)


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token check, reading the token and its user with SQL compiled once per process.

    DRF runs ``Token.objects.select_related("user").get(key=…)`` on every API request, and
    compiling that query took more CPU than all the rest of authenticating: about 0.5 ms a
    request, 5 % of an API list. The row is found by the key's digest (``tokens.digest``: the portal
    keeps no key), read with ``IdsQuery``, and the same rules apply
    (an unknown key or an inactive user is refused, with DRF's own messages), and a token older
    than ``API_TOKEN_MAX_AGE_DAYS`` is refused and deleted (``impactportal.api.tokens``). The key
    of a user who must use two-factor authentication, or set it up, is refused (kept: it works again
    should the rule stop applying) unless it was made from a verified session; the same row says so.
    A key that may only read (``accounts.ReadOnlyApiToken``, in the same row) gets 403 for every
    method that changes something, but revoking itself (``DELETE /api/v1/auth/token/``): checked
    here, before any view, so no view can forget it."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if (found is not None and getattr(found[1], "read_only", False)
                and request.method not in permissions.SAFE_METHODS
                and not (request.method == "DELETE" and request.path == reverse("api-token"))):
            raise exceptions.PermissionDenied(
                _("Deze API-sleutel kan alleen lezen: met deze sleutel kunt u niets wijzigen. Wilt u met "
                  "een programma ook gegevens wijzigen? Maak dan op de pagina Mijn account een nieuwe "
                  "API-sleutel zonder het vinkje bij Alleen lezen."))
        return found

    def authenticate_credentials(self, key):
        query, token_columns, user_columns = _token_query()
        rows = query.rows([digest(key)])  # the table keeps digests only (``tokens``): a digest is no key
        if not rows:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        row = rows[0]
        token = Token.from_db(DEFAULT_DB_ALIAS, token_columns, row[:len(token_columns)])
        user = get_user_model().from_db(DEFAULT_DB_ALIAS, user_columns, row[len(token_columns):])
        Token.user.field.set_cached_value(token, user)  # token.user without another query
        token.read_only = row[len(token_columns) + len(user_columns)] is not None  # request.auth.read_only
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if is_expired(token):  # older than API_TOKEN_MAX_AGE_DAYS: gone, the client asks for a new one
            token.delete()
            raise exceptions.AuthenticationFailed(
                _("Dit token is verlopen. Maak een nieuwe API-sleutel op de pagina Mijn account, of vraag een "
                  "nieuw token aan met POST /api/v1/auth/token/ (niet voor medewerkers die "
                  "tweestapsverificatie gebruiken)."))
        if _made_without_second_factor(user, rows):
            raise exceptions.AuthenticationFailed(
                _("Deze API-sleutel werkt niet voor uw account: u gebruikt tweestapsverificatie en de sleutel is "
                  "niet gemaakt na de code uit uw authenticator-app. Log in op het portaal met uw wachtwoord en "
                  "die code en maak een nieuwe API-sleutel op de pagina Mijn account."))
        audit.name_actor(user)  # the middleware ran before this sign-in: see audit.name_actor
        return user, token
