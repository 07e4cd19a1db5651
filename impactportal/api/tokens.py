"""How long an API token lives: until its user's password changes, until it is revoked
(``DELETE /api/v1/auth/token/``), and at most ``API_TOKEN_MAX_AGE_DAYS`` (0: no maximum)."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework.authtoken.models import Token


def is_expired(token) -> bool:
    days = settings.API_TOKEN_MAX_AGE_DAYS
    return bool(days) and token.created <= timezone.now() - timedelta(days=days)


def revoke_on_password_change(sender, instance, created=False, **kwargs) -> None:
    """``post_save`` of the user model (connected in ``impactportal.apps``): a new password
    ends every token of the user. ``set_password`` keeps the new password in ``_password`` until
    the save that stores it: the password change and reset forms, the admin's form and
    ``manage.py changepassword`` all pass through it. Django's silent re-hash of a password at
    sign-in (a stronger hasher) does not: it clears ``_password`` before saving."""
    if not created and getattr(instance, "_password", None) is not None:
        Token.objects.filter(user_id=instance.pk).delete()
