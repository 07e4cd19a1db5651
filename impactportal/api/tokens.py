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
app. All go through the functions below (``issue``, ``renew``, ``revoke``). A key made on the account
page may be one that only reads (``accounts.ReadOnlyApiToken``): it can change nothing.

The portal keeps no key, only its digest (ASVS V2.10/V6): the ``key`` column of DRF's ``Token`` (its
primary key) holds ``digest(key)``, the first 40 hex digits of the key's SHA-256, and a client's key
is looked up by its digest (``impactportal.api.authentication``). A database leak or a backup gives
no working key: a key is 160 random bits, so a fast hash is enough (no password to guess). The key
itself is handed out once, when it is made (``NewKey.key``): in the answer to ``POST`` and once on
the account page. As the portal cannot give a key back, ``POST /api/v1/auth/token/`` makes a NEW key
on every call, and the key the user had before stops working at once. Keys made before the portal
kept digests were rewritten to theirs (migration ``accounts.0014_api_key_digests``): they keep
working. Never log a key or its digest (the audit log names the user only)."""

import hashlib
import secrets
from datetime import timedelta
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from rest_framework.authtoken.models import Token

from impactportal import audit

KEY_BYTES = 20  # a key is 40 hex digits: 160 random bits, as DRF's own


class NewKey(NamedTuple):
    """A key just made: ``key`` is the secret, to hand out once and never store; ``token`` the row
    that is stored (its ``key`` is ``digest(key)``)."""

    key: str
    token: Token


def digest(key: str) -> str:
    """What the database keeps of ``key`` (the token's primary key, 40 characters)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _make(user, *, verified: bool, read_only: bool = False) -> NewKey:
    """A new key for ``user``: the old one (and its marks) goes; a mark for a verified session, and
    one for a key that may only read."""
    from impactportal.accounts.models import ReadOnlyApiToken, VerifiedApiToken

    with transaction.atomic():
        # Two at once (a double click) wait for each other instead of both creating one.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        Token.objects.filter(user_id=user.pk).delete()
        key = secrets.token_hex(KEY_BYTES)
        token = Token.objects.create(user=user, key=digest(key))
        if verified:
            VerifiedApiToken.objects.create(token=token)
        if read_only:
            ReadOnlyApiToken.objects.create(token=token)
        # In the audit log on the user, never with the key or its digest (the marks are not audited).
        audit.log_event(get_user_model(), user.pk, "api-key-made", after_second_factor=verified,
                        read_only=read_only)
        return NewKey(key, token)


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


def issue(user) -> NewKey:
    """A new key for ``POST /api/v1/auth/token/`` (a password alone). The portal keeps only digests
    and cannot give the user's key back: every call makes a new one, and the old one stops working.
    A key handed out for a password is not one made only after the second factor: it has no mark."""
    return _make(user, verified=False)


def renew(user, *, verified: bool, read_only: bool = False) -> NewKey:
    """A new key for ``user`` (the account page): the old one, if any, stops working at once.
    ``verified``: the session asking for it passed its second factor (``two_factor.is_verified``);
    only then does the key work for a two-factor user (see the module's text). ``read_only``: the key
    may only read (``accounts.ReadOnlyApiToken``; ``impactportal.api.authentication`` refuses the rest)."""
    return _make(user, verified=verified, read_only=read_only)


def is_read_only(token) -> bool:
    """May ``token`` only read (``renew(read_only=True)``)?"""
    from impactportal.accounts.models import ReadOnlyApiToken

    return ReadOnlyApiToken.objects.filter(token_id=token.pk).exists()


def _pad(token) -> bytes:
    return salted_hmac("impactportal.api.tokens.shown-once", token.key, algorithm="sha256").digest()[:KEY_BYTES]


def sealed(new: NewKey) -> str:
    """The new key as the session keeps it until the account page shows it once: masked with a pad
    that only the ``SECRET_KEY`` gives (the sessions are in the database too, and in its backups)."""
    return bytes(a ^ b for a, b in zip(bytes.fromhex(new.key), _pad(new.token), strict=True)).hex()


def unsealed(value, token) -> str | None:
    """The key that ``sealed`` kept, when it is ``token``'s key (else None: another or no key)."""
    if token is None or not isinstance(value, str):
        return None
    try:
        key = bytes(a ^ b for a, b in zip(bytes.fromhex(value), _pad(token), strict=True)).hex()
    except ValueError:
        return None
    return key if constant_time_compare(digest(key), token.key) else None


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
