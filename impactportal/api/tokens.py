"""How long an API token lives: until its user's password changes, until it is revoked
(``DELETE /api/v1/auth/token/`` or the account page), and at most ``API_TOKEN_MAX_AGE_DAYS``
(0: no maximum).

Who gets one how: ``POST /api/v1/auth/token/`` (username and password) for users to whom
two-factor authentication does not apply; users who must use it or set it up
(``two_factor.keys_need_second_factor``) make theirs on the account page, from a session that passed
its second factor. Such a key carries a mark (``accounts.VerifiedApiToken``), and the key of a
two-factor user works only with that mark (``impactportal.api.authentication``, on every request):
a key made with a password alone stops working when its user becomes staff under
``PORTAL_2FA_REQUIRED=staff``, when the policy is switched to ``staff``, or when the user sets up an
app. All go through the functions below (``issue``, ``renew``, ``revoke``)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token

from impactportal import audit


def is_expired(token) -> bool:
    days = settings.API_TOKEN_MAX_AGE_DAYS
    return bool(days) and token.created <= timezone.now() - timedelta(days=days)


def expires_at(token):
    """When ``token`` stops working by age (None: the portal sets no maximum age)."""
    days = settings.API_TOKEN_MAX_AGE_DAYS
    return token.created + timedelta(days=days) if days else None


def current(user) -> Token | None:
    """The user's working token, if any (an expired one counts as none)."""
    token = Token.objects.filter(user_id=user.pk).first()
    return None if token is None or is_expired(token) else token


def made_after_second_factor(token) -> bool:
    """Was ``token`` made from a session that passed its second factor (``renew(verified=True)``)?"""
    from impactportal.accounts.models import VerifiedApiToken

    return VerifiedApiToken.objects.filter(token_id=token.pk).exists()


def issue(user) -> Token:
    """The user's token for ``POST /api/v1/auth/token/`` (a password alone): the one they have, or a
    new one when they have none or theirs is older than the maximum age. A key handed out for a
    password is no longer one made only after the second factor: it loses that mark."""
    from impactportal.accounts.models import VerifiedApiToken

    token, _created = Token.objects.get_or_create(user=user)
    if is_expired(token):
        token.delete()
        token = Token.objects.create(user=user)
    elif not _created:
        VerifiedApiToken.objects.filter(token_id=token.pk).delete()
    return token


def renew(user, *, verified: bool) -> Token:
    """A new token for ``user`` (the account page): the old one, if any, stops working at once.
    ``verified``: the session asking for it passed its second factor (``two_factor.is_verified``);
    only then does the key work for a two-factor user (see the module's text)."""
    from impactportal.accounts.models import VerifiedApiToken

    with transaction.atomic():
        # Two renewals at once (a double click) wait for each other instead of both creating one.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        Token.objects.filter(user_id=user.pk).delete()
        token = Token.objects.create(user=user)
        if verified:
            VerifiedApiToken.objects.create(token=token)
        # In the audit log on the user, never with the key (``VerifiedApiToken`` is not audited).
        audit.log_event(get_user_model(), user.pk, "api-key-made", after_second_factor=verified)
        return token


def revoke(user) -> bool:
    """End the user's token (its mark goes with it); False when they had none."""
    return Token.objects.filter(user_id=user.pk).delete()[1].get(Token._meta.label, 0) > 0


def revoke_on_password_change(sender, instance, created=False, **kwargs) -> None:
    """``post_save`` of the user model (connected in ``impactportal.apps``): a new password
    ends every token of the user. ``set_password`` keeps the new password in ``_password`` until
    the save that stores it: the password change and reset forms, the admin's form and
    ``manage.py changepassword`` all pass through it. Django's silent re-hash of a password at
    sign-in (a stronger hasher) does not: it clears ``_password`` before saving."""
    if not created and getattr(instance, "_password", None) is not None:
        Token.objects.filter(user_id=instance.pk).delete()
