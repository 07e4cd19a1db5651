"""Two-factor authentication (BIO 9.4): a TOTP code from an authenticator app after the password.

``PORTAL_2FA_REQUIRED`` (environment) decides who must use it:

- ``off`` (the default: ``make run``, the tests, ``make bench``, ``make load``): nobody is forced;
  a user who set it up on their account page is asked for a code after the password;
- ``staff``: also every signed-in user with a staff role (anything but entrepreneur-only: brokers,
  colleagues, network partners, steering members, SROI coordinators), Django staff and superusers.
  Without a device they are sent to set one up first. ``check --deploy`` warns when it is ``off``
  without DEBUG (``check_two_factor_policy``).

The devices are django-otp's: a ``TOTPDevice`` (the app) and a ``StaticDevice`` with ten one-time
backup codes; both throttle wrong codes (each failure doubles the wait: 1, 2, 4 … seconds).

Where a session stands is kept in the session itself (``STATE_KEY``), decided when the user signs
in: ``<policy>:free`` (nothing asked), ``<policy>:setup`` (must set up a device),
``<policy>:verify`` (must enter a code), ``verified`` or ``idp-mfa`` (signed in through the
organisation's identity provider, which asserted a multi-factor sign-in: ``accounts.oidc``). A
signed-in page then costs one session lookup; only a verified session reads its device again (one
query), so that a device reset by an administrator ends the verification. Signing out flushes the
session, and with it the verification.

A session not (yet) verified also notes when its state was decided (``DECIDED_AT``). When the
user later gets more to do (an app or backup codes set up, a role granted, made Django staff:
``User.two_factor_changed_at``, stamped by ``second_factor_changed``), every such session of
theirs decides again on its next request: one signed in without a code now owes it, not only
after it ends. The session that set up the app itself is verified by that very code.

API clients with a token are not affected: the token is checked by the API itself
(``impactportal.api.authentication``), never through this session. A browser session that still
owes its code gets 403 on the API unless the request carries its own ``Authorization`` header. A
user to whom this applies (``is_required``), or who set up a device (``keys_need_second_factor``),
gets no token for a password alone: the token endpoint answers 403, and the key is made on the
account page from a verified session; a key not made so does not work for them (401, checked on
every API request: ``impactportal.api.tokens``)."""

from __future__ import annotations

import contextlib
import functools
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model, user_logged_in
from django.core import checks
from django.db import transaction
from django.db.models.signals import post_save
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authentication import get_authorization_header

from impactportal import access
from impactportal.api import is_api

OFF, STAFF = "off", "staff"
POLICIES = (OFF, STAFF)
STATE_KEY = "two_factor"
DECIDED_AT = "two_factor_decided_at"  # when STATE_KEY was decided (a POSIX timestamp)
VERIFIED = "verified"
IDP_VERIFIED = "idp-mfa"  # the identity provider asserted MFA (single sign-on); no device of ours involved
FREE, SETUP, VERIFY = "free", "setup", "verify"
BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator-app"
BACKUP_DEVICE_NAME = "Reservecodes"


def policy() -> str:
    """The configured policy; anything unknown counts as ``staff`` (the check reports it)."""
    value = str(getattr(settings, "PORTAL_2FA_REQUIRED", OFF)).strip().lower()
    return value if value in POLICIES else STAFF


def is_required(user, for_policy: str | None = None) -> bool:
    """Must ``user`` use two-factor authentication? Under ``staff``: superusers, Django staff and
    anyone holding a role other than entrepreneur."""
    if (for_policy or policy()) != STAFF or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_staff or (access.roles_of(user) - {access.ENTREPRENEUR}))


def keys_need_second_factor(user) -> bool:
    """Is ``user`` a two-factor user for API keys: must use it (``is_required``) or set up a device
    (``has_device``)? Their key is made only from a verified session, and works only if it was
    (``impactportal.api.tokens``)."""
    return is_required(user) or has_device(user)


def app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def backup_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def has_device(user) -> bool:
    return (TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            or StaticDevice.objects.filter(user=user, confirmed=True, token_set__isnull=False).exists())


def decide(user, for_policy: str | None = None) -> str:
    """The state of a fresh sign-in of ``user``: what they still owe before the portal opens."""
    current = for_policy or policy()
    if has_device(user):
        return f"{current}:{VERIFY}"
    if is_required(user, current):
        return f"{current}:{SETUP}"
    return f"{current}:{FREE}"


def verified_device(request) -> Device | None:
    """The device that verified this session, if it still exists and still belongs to its user."""
    persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
    device = Device.from_persistent_id(persistent_id) if persistent_id else None
    if device is None or not device.confirmed or str(device.user_id) != str(request.session.get(SESSION_KEY)):
        return None
    return device


def _decided(session, user) -> str:
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session[DECIDED_AT] = timezone.now().timestamp()
    state = session[STATE_KEY] = decide(user)
    return state


def _outdated(request) -> bool:
    """Did the user get more to do (``User.two_factor_changed_at``) since this session's state was
    decided? A session from before the stamp existed counts as decided before it."""
    changed = getattr(request.user, "two_factor_changed_at", None)
    return changed is not None and request.session.get(DECIDED_AT, 0) <= changed.timestamp()


def session_state(request) -> str | None:
    """Where the signed-in session stands (see the module's text), decided again when the policy
    changed since, when the verifying device is gone, or (not yet verified) when the user got more
    to do since (``_outdated``). None for a visitor."""
    user = request.user
    if not user.is_authenticated:
        return None
    state = request.session.get(STATE_KEY)
    if state == VERIFIED and verified_device(request) is None:
        state = None
    if state is None or (state not in (VERIFIED, IDP_VERIFIED)
                         and (not state.startswith(f"{policy()}:") or _outdated(request))):
        state = _decided(request.session, user)
    return state


def is_verified(request) -> bool:
    if not request.user.is_authenticated:
        return False
    state = request.session.get(STATE_KEY)
    return state == IDP_VERIFIED or (state == VERIFIED and verified_device(request) is not None)


def mark_verified(request, device) -> None:
    """The session has passed its second factor with ``device``: a new session key (what the
    session may do changed), django-otp's record of the device, and our state."""
    request.session.cycle_key()
    otp_login(request, device)
    request.session[STATE_KEY] = VERIFIED


def mark_verified_by_idp(request) -> None:
    """The organisation's identity provider signed the user in with more than one factor (single
    sign-on, ``impactportal.accounts.oidc``): the session counts as verified without a code of ours."""
    request.session.cycle_key()
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session[STATE_KEY] = IDP_VERIFIED


def forget_state(request) -> None:
    """Decide again on the next page (after the user turned two-factor authentication off)."""
    request.session.pop(STATE_KEY, None)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session.pop(DECIDED_AT, None)


def _on_login(sender, request, user, **kwargs):
    """Every sign-in starts unverified: what the user owes is decided now, so that the pages after
    it read it from the session."""
    if request is None or not hasattr(request, "session"):
        return
    _decided(request.session, user)


def second_factor_changed(user_id) -> None:
    """Stamp ``User.two_factor_changed_at`` once the change is committed (a session deciding
    before the commit did not see it, and decided before the stamp): the user's sessions not yet
    verified decide again (``session_state``)."""
    if user_id is not None:
        transaction.on_commit(lambda: get_user_model().objects.filter(pk=user_id).update(
            two_factor_changed_at=timezone.now()))


def _device_saved(sender, instance, created, **kwargs):
    # A device set up or confirmed (also saved on each code checked: one more UPDATE then).
    if created or getattr(instance, "confirmed", True):
        second_factor_changed(instance.user_id if hasattr(instance, "user_id") else instance.device.user_id)


def _membership_saved(sender, instance, **kwargs):
    second_factor_changed(instance.user_id)  # a role granted, accepted or changed


def _user_saved(sender, instance, created, update_fields=None, **kwargs):
    # Made Django staff or superuser (a full save may do it; saves of other fields alone do not).
    if not created and (update_fields is None or {"is_staff", "is_superuser"} & set(update_fields)):
        second_factor_changed(instance.pk)


# --- devices ------------------------------------------------------------------------------------


def new_backup_codes(user) -> list[str]:
    """Ten new one-time backup codes for ``user`` (the old ones stop working), returned to be shown
    once; only django-otp's static device keeps them."""
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def install_app(user, key: str, last_t: int) -> TOTPDevice:
    """The user's authenticator app, confirmed with a first code (time step ``last_t``, so that
    code cannot be used again); any earlier app of the user is removed."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, key=key, confirmed=True, last_t=last_t)


def remove_devices(user) -> None:
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()


def remaining_backup_codes(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


# --- the gate ------------------------------------------------------------------------------------


@functools.cache
def _exempt_paths() -> frozenset[str]:
    """What a session that owes its code may still open (besides static files)."""
    paths = set()
    for name in ("two-factor-verify", "two-factor-setup", "logout", "set_language", "healthz"):
        with contextlib.suppress(NoReverseMatch):  # healthz: where the deployment has it
            paths.add(reverse(name))
    return frozenset(paths)


def next_url(request) -> str:
    return request.get_full_path() if request.method in ("GET", "HEAD") else ""


class TwoFactorMiddleware:
    """A signed-in session that still owes its second factor reaches only the pages to give it
    (verify, set up), the sign-out, the language switch and static files; every other page and
    the admin send it there, with the page asked for as ``next``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES or SESSION_KEY not in request.session:
            return self.get_response(request)  # no one signed in: nothing to ask
        stored = request.session.get(STATE_KEY)
        if (stored is not None and stored.endswith(f":{FREE}") and stored.startswith(f"{policy()}:")
                and not _outdated(request)):
            return self.get_response(request)  # the common case: one look at the session and the user
        state = session_state(request)
        if state is None or state in (VERIFIED, IDP_VERIFIED) or state.endswith(f":{FREE}"):
            return self.get_response(request)
        if request.path.startswith(settings.STATIC_URL if settings.STATIC_URL.startswith("/")
                                   else "/" + settings.STATIC_URL) or request.path in _exempt_paths():
            return self.get_response(request)
        if is_api(request):
            # A token client: the API checks its token. Only the token scheme: with any other header
            # (or an empty one) the API falls back to this very session, which still owes its code.
            # Split as DRF splits it (bytes: "Token\xa0…" is no token scheme to DRF either).
            scheme = get_authorization_header(request).split()[:1]
            if scheme and scheme[0].lower() == b"token":
                return self.get_response(request)
            return JsonResponse({"detail": _("Vul eerst de code uit uw authenticator-app in (tweestapsverificatie).")},
                                status=403)
        target = reverse("two-factor-setup" if state.endswith(f":{SETUP}") else "two-factor-verify")
        following = next_url(request)
        if following:
            target += "?" + urlencode({"next": following})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)


# --- checks ----------------------------------------------------------------------------------


def check_two_factor_setting(app_configs=None, **kwargs):
    """PORTAL_2FA_REQUIRED holds a known policy (an unknown one is treated as ``staff``)."""
    raw = str(getattr(settings, "PORTAL_2FA_REQUIRED", OFF)).strip().lower()
    if raw not in POLICIES:
        return [checks.Error(f"PORTAL_2FA_REQUIRED must be one of {', '.join(POLICIES)}, got {raw!r}.",
                             id="accounts.E001")]
    return []


def check_two_factor_policy(app_configs=None, **kwargs):
    """``check --deploy``: a production portal asks staff for a second factor, and throttles codes."""
    problems = []
    if str(getattr(settings, "PORTAL_2FA_REQUIRED", OFF)).strip().lower() == OFF and not settings.DEBUG:
        problems.append(checks.Warning(
            "PORTAL_2FA_REQUIRED is 'off': staff sign in with a password only (BIO 9.4 asks for two factors "
            "on access from untrusted networks).",
            hint="Set PORTAL_2FA_REQUIRED=staff in the production environment.", id="accounts.W001"))
    for name in ("OTP_TOTP_THROTTLE_FACTOR", "OTP_STATIC_THROTTLE_FACTOR"):
        if getattr(settings, name, 1) <= 0:
            problems.append(checks.Warning(f"{name} is {getattr(settings, name)}: wrong codes are not throttled.",
                                           hint=f"Remove {name} or set it to 1.", id="accounts.W002"))
    return problems


def ready() -> None:
    """Called from ``AccountsConfig.ready``."""
    from auditlog.registry import auditlog

    from .models import Membership

    user_logged_in.connect(_on_login, dispatch_uid="impactportal.two_factor.login")
    for model in (TOTPDevice, StaticDevice, StaticToken):
        post_save.connect(_device_saved, sender=model, dispatch_uid=f"impactportal.two_factor.{model.__name__}")
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="impactportal.two_factor.membership")
    post_save.connect(_user_saved, sender=get_user_model(), dispatch_uid="impactportal.two_factor.user")
    checks.register(check_two_factor_setting, checks.Tags.security)
    checks.register(check_two_factor_policy, checks.Tags.security, deploy=True)
    # Who set up, replaced or removed a device (and an administrator's reset) is audited; never
    # the secret key, the backup codes or the counters that change with every code.
    noise = {"key", "last_t", "drift", "throttling_failure_timestamp", "throttling_failure_count",
             "last_used_at", "created_at"}
    for model in (TOTPDevice, StaticDevice):
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=[
                f.name for f in model._meta.get_fields() if f.name in noise or (f.auto_created and not f.concrete)])
