"""The pages of two-factor authentication (``impactportal.accounts.two_factor``): the account page,
setting up an authenticator app, the code asked after the password, and the backup codes."""

import time
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import quote, urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.util import random_hex
from django_ratelimit.core import get_usage

from impactportal.ui.forms import PortalForm

from . import two_factor as tf

SETUP_KEY = "two_factor_setup_key"  # the secret of the app being set up, until its first code
CODES_KEY = "two_factor_new_codes"  # backup codes to show once
NEXT_KEY = "two_factor_next"  # where to go after the backup codes were shown
BACKUP_METHOD = "reservecode"
TOKEN_KEY = "api_token_new"  # an API key just made, sealed (``tokens.sealed``), to show once on the account page


class AppCodeForm(PortalForm):
    token = forms.CharField(
        label=gettext_lazy("Code uit uw authenticator-app"), max_length=12,
        help_text=gettext_lazy("De 6 cijfers die de app nu toont."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric",
                                      "pattern": "[0-9 ]*", "size": "8"}),
    )

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError(_("Vul de 6 cijfers in die uw authenticator-app toont."))
        return token


class BackupCodeForm(PortalForm):
    code = forms.CharField(
        label=gettext_lazy("Reservecode"), max_length=20,
        help_text=gettext_lazy("Een van de reservecodes die u bij het instellen hebt bewaard. Elke code werkt één keer."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none",
                                      "spellcheck": "false", "size": "12"}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class ProofForm(PortalForm):
    """Proof that the person at the keyboard is the account's owner, asked before its second factor
    is turned off, replaced by another app or given new backup codes (``_proof_refused``): a code from
    the app or one of the backup codes, or the password (a phone lost). A plain POST from a session
    left open did all three; with a new app of their own, the next person to sit down could then
    also give "a code from the app"."""

    missing = gettext_lazy("Vul de code uit uw authenticator-app, een reservecode of uw wachtwoord in.")

    token = forms.CharField(
        label=gettext_lazy("Code uit uw authenticator-app of een reservecode"), max_length=20, required=False,
        help_text=gettext_lazy("De 6 cijfers die de app nu toont, of een van uw reservecodes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none",
                                      "spellcheck": "false", "size": "12"}),
    )
    password = forms.CharField(
        label=gettext_lazy("Of uw wachtwoord"), required=False, strip=False,
        help_text=gettext_lazy("Als u de app niet bij de hand hebt."),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}, render_value=False),
    )

    def __init__(self, *args, missing=None, **kwargs):
        super().__init__(*args, **kwargs)
        if missing is not None:
            self.missing = missing

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split()).lower()
        if token.isdigit() and len(token) != 6:
            raise forms.ValidationError(_("Vul de 6 cijfers in die uw authenticator-app toont."))
        return token

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("token") and not data.get("password"):
            raise forms.ValidationError(self.missing)
        return data


class DisableForm(ProofForm):
    """Turning two-factor authentication off (``disable``)."""

    missing = gettext_lazy("Vul de code uit uw authenticator-app of uw wachtwoord in om "
                           "tweestapsverificatie uit te zetten.")


# Wrong passwords given as proof (``ProofForm``: turning two-factor authentication off, another app,
# new backup codes), per user and hour, counted together; wrong codes are throttled by django-otp
# itself, per device.
PROOF_PASSWORD_GROUP, PROOF_PASSWORD_RATE = "accounts.two-factor-proof.password", "5/h"
PROOF_STEP = "proof"  # the hidden ``step`` of a ProofForm's post (the setup page also takes the new app's code)
PROVEN_KEY = "two_factor_proven"  # {"user": pk, "at": POSIX time}: the owner gave proof to set up another app
PROOF_VALID_SECONDS = 15 * 60  # time to install and scan the other app once proof was given


def _safe_next(request, value) -> str:
    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return ""


def _next(request) -> str:
    return _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))


def _go_on(request, following: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(following or reverse(settings.LOGIN_REDIRECT_URL))


def _wait_message(locked_until, failures: int) -> str:
    seconds = max(1, int((locked_until - timezone.now()).total_seconds() + 0.999))
    if seconds < 120:
        wait = ngettext("%(count)d seconde", "%(count)d seconden", seconds) % {"count": seconds}
    elif seconds < 2 * 3600:
        minutes = (seconds + 59) // 60
        wait = ngettext("%(count)d minuut", "%(count)d minuten", minutes) % {"count": minutes}
    else:
        hours = (seconds + 3599) // 3600
        wait = ngettext("%(count)d uur", "%(count)d uur", hours) % {"count": hours}
    if failures < 3:
        return _("Wacht %(wait)s en probeer het dan opnieuw.") % {"wait": wait}
    return _("U hebt te vaak een onjuiste code ingevoerd. Om uw account te beschermen kunt u het over %(wait)s "
             "opnieuw proberen. Lukt het niet? Neem contact op met de beheerder van het portaal.") % {"wait": wait}


def _check(user, device, token, wrong: str) -> str | None:
    """None when ``device`` accepts ``token`` (throttled by django-otp), else the error to show:
    ``wrong``, or after three wrong codes in a row how long to wait."""
    allowed, details = device.verify_is_allowed()
    if not allowed and details and details.get("locked_until"):
        return _wait_message(details["locked_until"], details.get("failure_count", 0))
    if verify_token(user, device.persistent_id, token) is not None:
        return None
    device.refresh_from_db()
    allowed, details = device.verify_is_allowed()
    if details and details.get("failure_count", 0) >= 3 and details.get("locked_until"):
        return _wait_message(details["locked_until"], details["failure_count"])
    return wrong


# --- the code after the password -----------------------------------------------------------------


@never_cache
@login_required
def verify(request):
    """After the password: the code from the app, or one backup code."""
    following = _next(request)
    state = tf.session_state(request)
    if state in (tf.VERIFIED, tf.IDP_VERIFIED) or state.endswith(f":{tf.FREE}"):
        return _go_on(request, following)  # nothing (more) to ask
    app, backup = tf.app_device(request.user), tf.backup_device(request.user)
    if app is None and (backup is None or not backup.token_set.exists()):
        return HttpResponseRedirect(reverse("two-factor-setup") + (f"?{urlencode({'next': following})}"
                                                                    if following else ""))
    use_backup = app is None or (request.POST.get("method") or request.GET.get("methode")) == BACKUP_METHOD
    form_class, field = (BackupCodeForm, "code") if use_backup else (AppCodeForm, "token")
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = backup if use_backup else app
        wrong = (_("Deze reservecode klopt niet of is al gebruikt.") if use_backup else
                 _("Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en probeer het opnieuw."))
        error = wrong if device is None else _check(request.user, device, form.cleaned_data[field], wrong)
        if error is None:
            tf.mark_verified(request, device)
            if use_backup:
                left = tf.remaining_backup_codes(request.user)
                messages.warning(request, ngettext(
                    "U hebt een reservecode gebruikt. U hebt nog %(count)d reservecode over.",
                    "U hebt een reservecode gebruikt. U hebt nog %(count)d reservecodes over.", left)
                    % {"count": left} + " " + _("Maak nieuwe codes via Mijn account als u er bijna geen meer hebt."))
            return _go_on(request, following)
        form.add_error(field, error)
    switch = {"methode": BACKUP_METHOD} if not use_backup else {}
    if following:
        switch["next"] = following
    return render(request, "accounts/two_factor/verify.html", {
        "form": form, "next": following, "use_backup": use_backup, "method": BACKUP_METHOD if use_backup else "",
        "switch_url": reverse("two-factor-verify") + (f"?{urlencode(switch)}" if switch else ""),
        "has_backup": backup is not None and app is not None,
    })


# --- setting up an app ---------------------------------------------------------------------------


def _qr_svg(url: str):
    """The QR code as inline SVG (no image URL: the CSP allows none but our own files). Only our
    own otpauth URL goes in, drawn as paths, so segno's markup is safe to put in the page."""
    svg = segno.make(url, error="m").svg_inline(scale=5, border=4, dark="#000", light="#fff",
                                               title=_("QR-code om de sleutel in uw authenticator-app te zetten"),
                                               svgclass="portal-qr__image", lineclass=None, omitsize=True)
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - see above


def _config_url(user, key: str) -> str:
    issuer = getattr(settings, "OTP_TOTP_ISSUER", "Impactportaal").replace(":", "")
    secret = b32encode(unhexlify(key)).decode()
    label = quote(f"{issuer}:{user.get_username()}")
    return f"otpauth://totp/{label}?" + urlencode({"secret": secret, "algorithm": "SHA1", "digits": 6,
                                                  "period": 30, "issuer": issuer})


def _proof_posted(request) -> bool:
    return request.method == "POST" and request.POST.get("step") == PROOF_STEP


def _proven(request) -> bool:
    """Did this session's user give proof (``ProofForm``) to set up another app, in the last
    ``PROOF_VALID_SECONDS``?"""
    mark = request.session.get(PROVEN_KEY)
    if not isinstance(mark, dict) or str(mark.get("user")) != str(request.user.pk):
        return False
    try:
        return 0 <= time.time() - float(mark.get("at")) < PROOF_VALID_SECONDS
    except (TypeError, ValueError):
        return False


def _with_next(url: str, following: str) -> str:
    return url + (f"?{urlencode({'next': following})}" if following else "")


def _prove_page(request, form, *, title: str, intro: str, action: str, following: str = ""):
    return render(request, "accounts/two_factor/prove.html", {
        "form": form, "title": title, "intro": intro, "action": action, "next": following,
        "step": PROOF_STEP,
    }, status=400 if form.is_bound else 200)


def _prove_to_set_up(request, following: str):
    """Before another app replaces the one the account has: proof (``ProofForm``), then a new key.
    Without it, whoever sits at a session left open would install an app of their own, and with its
    codes pass every later check (turning it off included)."""
    form = ProofForm(request.POST if _proof_posted(request) else None, missing=gettext_lazy(
        "Vul de code uit uw authenticator-app, een reservecode of uw wachtwoord in om een andere app in "
        "te stellen."))
    if _proof_given(request, form):
        request.session[PROVEN_KEY] = {"user": request.user.pk, "at": time.time()}
        request.session[SETUP_KEY] = random_hex(20)  # a key first shown now, to this proof
        return HttpResponseRedirect(_with_next(reverse("two-factor-setup"), following))
    if not form.is_bound:
        request.session.pop(SETUP_KEY, None)  # no key shown, nor kept, before the proof
        if request.method == "POST":  # the new app's code, after the proof ran out
            messages.info(request, _("Bevestig opnieuw dat u het bent. Daarna ziet u een nieuwe QR-code."))
    return _prove_page(request, form, title=_("Andere app instellen"), intro=_(
        "Bevestig eerst dat u het bent: met de code uit uw huidige authenticator-app, met een reservecode of "
        "met uw wachtwoord. U krijgt een e-mail zodra de andere app is ingesteld."),
        action=reverse("two-factor-setup"), following=following)


@never_cache
@login_required
def setup(request):
    """Set up (or replace) the authenticator app: QR code and key, confirmed with a first code;
    then ten backup codes, shown once. Replacing an app needs a verified session: a password
    alone never swaps the second factor of a user who has one. And proof on top (``ProofForm``,
    ``_prove_to_set_up``) before the new key is shown; the owner is mailed once it is replaced."""
    following = _next(request)
    state = tf.session_state(request)
    if state not in (tf.VERIFIED, tf.IDP_VERIFIED) and tf.has_device(request.user):
        return HttpResponseRedirect(_with_next(reverse("two-factor-verify"), following))
    if tf.has_device(request.user) and (_proof_posted(request) or not _proven(request)):
        return _prove_to_set_up(request, following)
    key = request.session.get(SETUP_KEY)
    if not key:
        key = request.session[SETUP_KEY] = random_hex(20)
    form = AppCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        totp = TOTP(unhexlify(key), step=30, t0=0, digits=6)
        totp.time = time.time()
        if totp.verify(int(form.cleaned_data["token"]), tolerance=1):
            replaced = tf.has_device(request.user)  # proven above
            device = tf.install_app(request.user, key, last_t=totp.t())
            codes = tf.new_backup_codes(request.user)
            tf.mark_verified(request, device)
            request.session.pop(SETUP_KEY, None)
            request.session.pop(PROVEN_KEY, None)  # one proof, one app
            request.session[CODES_KEY] = codes
            request.session[NEXT_KEY] = following
            if replaced:
                _tell_app_replaced(request.user)
            return redirect("two-factor-backup-codes")
        form.add_error("token", _("Deze code klopt niet. Scan de QR-code opnieuw of controleer de sleutel, "
                                  "en vul de code in die de app nu toont."))
    secret = b32encode(unhexlify(key)).decode()
    return render(request, "accounts/two_factor/setup.html", {
        "form": form, "next": following, "required": tf.is_required(request.user),
        "replacing": tf.app_device(request.user) is not None,
        "qr_svg": _qr_svg(_config_url(request.user, key)),
        "secret_groups": [secret[i:i + 4] for i in range(0, len(secret), 4)],
    })


# --- backup codes ----------------------------------------------------------------------------------


@never_cache
@login_required
def backup_codes(request):
    """GET: the new backup codes, once (after setting up, or after asking for new ones). POST: new
    codes (the old ones stop working), for a verified session with an app, once the owner gave proof
    (``ProofForm``: the button on the account page leads to it); the owner is mailed."""
    if request.method == "POST":
        if not tf.is_verified(request) or tf.app_device(request.user) is None:
            messages.error(request, _("Stel eerst tweestapsverificatie in."))
            return redirect("account")
        form = ProofForm(request.POST if _proof_posted(request) else None, missing=gettext_lazy(
            "Vul de code uit uw authenticator-app, een reservecode of uw wachtwoord in om nieuwe reservecodes "
            "te maken."))
        if _proof_given(request, form):
            request.session[CODES_KEY] = tf.new_backup_codes(request.user)
            request.session[NEXT_KEY] = reverse("account")
            _tell_new_backup_codes(request.user)
            return redirect("two-factor-backup-codes")
        return _prove_page(request, form, title=_("Nieuwe reservecodes maken"), intro=_(
            "Bevestig eerst dat u het bent: met de code uit uw authenticator-app, met een reservecode of met uw "
            "wachtwoord. Uw oude reservecodes werken daarna niet meer; u krijgt een e-mail ter bevestiging."),
            action=reverse("two-factor-backup-codes"))
    codes = request.session.pop(CODES_KEY, None)
    if not codes:
        return redirect("account")
    following = _safe_next(request, request.session.pop(NEXT_KEY, ""))
    return render(request, "accounts/two_factor/backup_codes.html", {
        "codes": codes, "next": following or reverse(settings.LOGIN_REDIRECT_URL)})


@login_required
@require_POST
def disable(request):
    """Turn two-factor authentication off: only for a user who is not required to use it, from a
    verified session (the middleware sends an unverified one to the code first)."""
    if tf.is_required(request.user):
        messages.error(request, _("Voor uw rol is tweestapsverificatie verplicht; u kunt die niet uitzetten. "
                                  "U kunt wel een andere app instellen."))
        return redirect("account")
    if not tf.has_device(request.user):
        messages.info(request, _("Tweestapsverificatie staat al uit."))
        return redirect("account")
    if not tf.is_verified(request):
        return redirect("two-factor-verify")
    form = DisableForm(request.POST, auto_id="disable_%s")
    if _proof_given(request, form):
        tf.remove_devices(request.user)
        tf.forget_state(request)
        _tell_turned_off(request.user)
        messages.success(request, _("Tweestapsverificatie staat uit. U logt voortaan alleen met uw wachtwoord "
                                    "in. We hebben u een e-mail gestuurd ter bevestiging."))
        return redirect("account")
    return _account_page(request, status=400, disable_form=form)


def _proof_given(request, form) -> bool:
    """Does the bound ``ProofForm`` prove the owner (``_proof_refused``)? If not, its error stands at
    the field it concerns."""
    if not (form.is_bound and form.is_valid()):
        return False
    error = _proof_refused(request, form.cleaned_data)
    if error is not None:
        form.add_error("token" if form.cleaned_data.get("token") else "password", error)
    return error is None


def _proof_refused(request, data) -> str | None:
    """None when the ``ProofForm``'s code (from the app, or a backup code: used up then) or, without
    one, the password proves the owner; else the error to show. Wrong codes are throttled by
    django-otp, wrong passwords counted per user (``PROOF_PASSWORD_RATE``)."""
    user = request.user
    token = data.get("token")
    if token:
        if token.isdigit():
            device = tf.app_device(user)
            wrong = _("Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en probeer het opnieuw.")
        else:
            device = tf.backup_device(user)
            wrong = _("Deze reservecode klopt niet of is al gebruikt.")
        return wrong if device is None else _check(user, device, token, wrong)
    usage = _wrong_passwords(request, increment=False)
    if usage is not None and usage["count"] >= usage["limit"]:  # five wrong ones: no sixth try this hour
        return _("U hebt te vaak een onjuist wachtwoord ingevuld. Probeer het over een uur opnieuw, of gebruik "
                 "de code uit uw authenticator-app.")
    if user.check_password(data["password"]):
        return None
    _wrong_passwords(request, increment=True)
    return _("Dit wachtwoord klopt niet.")


def _wrong_passwords(request, increment: bool):
    """django-ratelimit's count of wrong proof passwords of the user (None while limits are off)."""
    return get_usage(request, group=PROOF_PASSWORD_GROUP, key=lambda group, request: str(request.user.pk),
                     rate=PROOF_PASSWORD_RATE, method="POST", increment=increment)


def _security_notice(user, message) -> None:
    """A security notice to the account's owner (in the portal, and mailed in their language): if it
    was not them, they learn it at once. ``message``: as ``notifications.notify`` takes it."""
    from impactportal.notifications import notify

    notify(recipient=user, url=reverse("account") + "#two-factor", message=message)


def _tell_turned_off(user) -> None:
    _security_notice(user, lambda: (
        _("Tweestapsverificatie is uitgezet"),
        _("Voor uw account in het Impactportaal is tweestapsverificatie zojuist uitgezet. U logt voortaan alleen "
          "met uw wachtwoord in. Was u dit niet? Wijzig dan meteen uw wachtwoord, zet tweestapsverificatie weer "
          "aan en neem contact op met de beheerder van het portaal.")))


def _tell_app_replaced(user) -> None:
    _security_notice(user, lambda: (
        _("Er is een andere authenticator-app ingesteld"),
        _("Voor uw account in het Impactportaal is zojuist een andere authenticator-app ingesteld. Uw vorige app "
          "en uw oude reservecodes werken niet meer. Was u dit niet? Wijzig dan meteen uw wachtwoord en neem "
          "contact op met de beheerder van het portaal.")))


def _tell_new_backup_codes(user) -> None:
    _security_notice(user, lambda: (
        _("Er zijn nieuwe reservecodes gemaakt"),
        _("Voor uw account in het Impactportaal zijn zojuist nieuwe reservecodes voor tweestapsverificatie "
          "gemaakt. Uw oude reservecodes werken niet meer. Was u dit niet? Wijzig dan meteen uw wachtwoord en "
          "neem contact op met de beheerder van het portaal.")))


# --- the account page -------------------------------------------------------------------------------


def _account_page(request, api_token_error: str = "", status: int = 200, language_form=None, disable_form=None):
    from impactportal.api import tokens

    from .dashboard import own_memberships, pending_invitations
    from .forms import AccountLanguageForm

    user = request.user
    app = tf.app_device(user)
    token = tokens.current(user)
    # Shown once, right after it was made: the portal keeps only its digest (``tokens``), and the
    # session kept it sealed until now.
    new_key = tokens.unsealed(request.session.pop(TOKEN_KEY, None), token)
    # A key made with a password alone does not work for a two-factor user (impactportal.api.authentication).
    token_refused = (token is not None and tf.keys_need_second_factor(user)
                     and not tokens.made_after_second_factor(token))
    return render(request, "accounts/two_factor/account.html", {
        "app": app, "required": tf.is_required(user), "policy_on": tf.policy() == tf.STAFF,
        "backup_left": tf.remaining_backup_codes(user) if app else 0,
        # What each role is for (organisation, department, flags), not the bare role; pending
        # invitations apart: they give no role until accepted.
        "memberships": own_memberships(user), "invitations": pending_invitations(user),
        "api_token": token, "api_token_expires": tokens.expires_at(token) if token else None,
        "api_token_read_only": token is not None and tokens.is_read_only(token),
        "new_api_key": new_key, "api_token_error": api_token_error, "api_token_refused": token_refused,
        "api_docs_url": reverse("api-docs"),
        "language_form": language_form or AccountLanguageForm(instance=user),
        "disable_form": disable_form or (DisableForm(auto_id="disable_%s") if app else None),
    }, status=status)


@never_cache
@login_required
def account(request):
    return _account_page(request)


@never_cache
@login_required
@require_POST
def account_language(request):
    """The language of the signed-in user's mails (``User.language``), chosen on the account page;
    the row is written (and audited) only when it changes."""
    from .forms import AccountLanguageForm

    form = AccountLanguageForm(request.POST, instance=request.user)
    if not form.is_valid():
        return _account_page(request, status=400, language_form=form)
    if form.has_changed():
        request.user.save(update_fields=["language"])  # set by the form's cleaning
    messages.success(request, _("De taal van uw e-mails en meldingen is opgeslagen."))
    return HttpResponseRedirect(reverse("account") + "#taal")


# --- the API key (impactportal.api.tokens) ----------------------------------------------------------


def _api_token_refused(request):
    """403 on the account page when the user must use two-factor authentication, or set it up, and
    this session has not passed it: a password alone never makes or ends an API key of such a user
    (the middleware sends a session that owes its code to the code page first; this is the last word)."""
    if tf.is_verified(request):
        return None
    if tf.is_required(request.user):
        return _account_page(request, status=403, api_token_error=_(
            "Voor uw account is tweestapsverificatie verplicht. Log opnieuw in met uw wachtwoord en de code "
            "uit uw authenticator-app; daarna kunt u hier een API-sleutel maken of intrekken."))
    if tf.has_device(request.user):
        return _account_page(request, status=403, api_token_error=_(
            "Voor uw account staat tweestapsverificatie aan. Log opnieuw in met uw wachtwoord en de code "
            "uit uw authenticator-app; daarna kunt u hier een API-sleutel maken of intrekken."))
    return None


@never_cache
@login_required
@require_POST
def api_token(request):
    """A new API key for the signed-in user, shown once on the account page; an older key stops
    working. For a user who must use two-factor authentication, or set it up, only from a verified
    session; a key made from a verified session carries the mark that lets it work for them. With
    ``read_only`` (the box "Alleen lezen") the key can change nothing (``accounts.ReadOnlyApiToken``)."""
    from impactportal.api import tokens

    refused = _api_token_refused(request)
    if refused is not None:
        return refused
    new = tokens.renew(request.user, verified=tf.is_verified(request), read_only=bool(request.POST.get("read_only")))
    request.session[TOKEN_KEY] = tokens.sealed(new)
    return HttpResponseRedirect(reverse("account") + "#api-sleutel")


@never_cache
@login_required
@require_POST
def api_token_revoke(request):
    """End the signed-in user's API key (as ``DELETE /api/v1/auth/token/``)."""
    from impactportal.api import tokens

    refused = _api_token_refused(request)
    if refused is not None:
        return refused
    request.session.pop(TOKEN_KEY, None)
    if tokens.revoke(request.user):
        messages.success(request, _("Uw API-sleutel is ingetrokken. Programma's die hem gebruiken, krijgen "
                                    "geen toegang meer."))
    else:
        messages.info(request, _("U had geen API-sleutel."))
    return HttpResponseRedirect(reverse("account") + "#api-sleutel")
