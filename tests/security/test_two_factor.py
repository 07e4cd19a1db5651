"""Two-factor authentication for staff (BIO 9.4, ``impactportal.accounts.two_factor``): with
``PORTAL_2FA_REQUIRED=staff`` every staff user and superuser enters a TOTP code after the password
(setting up an app first when they have none); entrepreneurs may; API tokens are unaffected."""

import datetime as dt
import re
import time
from base64 import b32decode
from binascii import unhexlify

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import checks
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from impactportal.accounts import two_factor

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"  # tests.factories.UserFactory
DASHBOARD = "/dashboard/"


def sign_in(client, user, url=None):
    """The password step, through the real login form."""
    response = client.post(url or reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    assert client.session[SESSION_KEY] == str(user.pk)
    return response


def code(key_hex: str, steps_ahead: int = 0) -> str:
    """What the user's authenticator app shows (optionally for a later 30-second step)."""
    totp = TOTP(unhexlify(key_hex), step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def give_app(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", key=random_hex(20), confirmed=True)


def give_backup_codes(user, *codes) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="codes", confirmed=True)
    for token in codes:
        StaticToken.objects.create(device=device, token=token)
    return device


def unthrottle(device):
    """Let the throttle's wait pass (the clock moved on) without resetting the failure count."""
    type(device).objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - dt.timedelta(days=400))


def redirect_path(response) -> str:
    assert response.status_code == 302, response.status_code
    return response["Location"].split("?")[0]


# --- off: nothing changes ---------------------------------------------------------------------


def test_off_is_the_default_and_nothing_changes(client, broker_haarlem, superuser, settings):
    assert settings.PORTAL_2FA_REQUIRED == "off"
    sign_in(client, broker_haarlem)
    assert client.get(DASHBOARD).status_code == 200
    client.post(reverse("logout"))
    sign_in(client, superuser, url="/admin/login/")
    assert client.get("/admin/").status_code == 200
    assert not TOTPDevice.objects.exists()


def test_off_still_asks_users_who_set_it_up_themselves(client, broker_haarlem):
    give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-verify")


# --- staff: set up, verify ------------------------------------------------------------------------


def test_broker_is_sent_to_setup_and_reaches_the_dashboard_with_a_real_code(client, broker_haarlem, staff_policy):
    sign_in(client, broker_haarlem)
    response = client.get(DASHBOARD)
    assert redirect_path(response) == reverse("two-factor-setup")
    assert "next=%2Fdashboard%2F" in response["Location"]
    assert redirect_path(client.get("/register/")) == reverse("two-factor-setup")

    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'role="img"' in html and "data:image" not in html  # inline SVG, CSP-safe
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert '<label class="utrecht-form-label" for="id_token">' in html
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    key = b32decode(secret).hex()

    wrong = client.post(reverse("two-factor-setup"), {"token": "000000" if code(key) != "000000" else "111111",
                                                      "next": DASHBOARD})
    assert wrong.status_code == 200
    assert "Deze code klopt niet" in wrong.content.decode() and "error-summary" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=broker_haarlem).exists()

    done = client.post(reverse("two-factor-setup"), {"token": code(key), "next": DASHBOARD})
    assert redirect_path(done) == reverse("two-factor-backup-codes")
    device = TOTPDevice.objects.get(user=broker_haarlem)
    assert device.confirmed and device.key == key

    codes_page = client.get(reverse("two-factor-backup-codes"))
    shown = re.findall(r"<li><code>([a-z2-7]+)</code></li>", codes_page.content.decode())
    assert len(shown) == 10 and len(set(shown)) == 10
    assert sorted(shown) == sorted(StaticToken.objects.filter(device__user=broker_haarlem)
                                   .values_list("token", flat=True))
    assert f'href="{DASHBOARD}"' in codes_page.content.decode()
    assert redirect_path(client.get(reverse("two-factor-backup-codes"))) == reverse("account")  # shown once
    assert "two_factor_setup_key" not in client.session  # the QR code and key are gone too

    assert client.get(DASHBOARD).status_code == 200


def test_verify_with_the_apps_code_refuses_a_wrong_one(client, broker_haarlem, staff_policy):
    device = give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    response = client.get(DASHBOARD)
    assert redirect_path(response) == reverse("two-factor-verify")
    page = client.get(response["Location"])
    html = page.content.decode()
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert 'name="next" value="/dashboard/"' in html

    wrong = client.post(reverse("two-factor-verify"), {"token": "12345x", "next": DASHBOARD})
    assert wrong.status_code == 200 and "Vul de 6 cijfers in" in wrong.content.decode()
    bad = "000000" if code(device.key) != "000000" else "111111"
    wrong = client.post(reverse("two-factor-verify"), {"token": bad, "next": DASHBOARD})
    assert wrong.status_code == 200 and "Deze code klopt niet" in wrong.content.decode()
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-verify")

    unthrottle(device)
    ok = client.post(reverse("two-factor-verify"), {"token": code(device.key), "next": DASHBOARD})
    assert redirect_path(ok) == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(reverse("two-factor-verify")).status_code == 302  # nothing more to ask


def test_a_code_is_not_accepted_twice(client, broker_haarlem, staff_policy):
    device = give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    token = code(device.key)
    assert redirect_path(client.post(reverse("two-factor-verify"), {"token": token})) == DASHBOARD
    client.post(reverse("logout"))
    sign_in(client, broker_haarlem)
    again = client.post(reverse("two-factor-verify"), {"token": token})
    assert again.status_code == 200 and "Deze code klopt niet" in again.content.decode()


def test_repeated_wrong_codes_lock_the_device_with_a_dutch_message(client, broker_haarlem, staff_policy, settings):
    assert settings.OTP_TOTP_THROTTLE_FACTOR >= 1 and settings.OTP_STATIC_THROTTLE_FACTOR >= 1
    device = give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    bad = "000000" if code(device.key) != "000000" else "111111"
    for _ in range(5):
        unthrottle(device)  # even when the attacker waits out each delay, the failures add up
        response = client.post(reverse("two-factor-verify"), {"token": bad})
    device.refresh_from_db()
    assert device.throttling_failure_count == 5
    assert "U hebt te vaak een onjuiste code ingevoerd" in response.content.decode()
    # Locked for 2**4 seconds now: the right code is refused too, and says how long to wait.
    refused = client.post(reverse("two-factor-verify"), {"token": code(device.key)})
    assert refused.status_code == 200
    assert re.search(r"over \d+ seconden opnieuw proberen", refused.content.decode())
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-verify")


def test_a_backup_code_works_once(client, broker_haarlem, staff_policy):
    give_app(broker_haarlem)
    give_backup_codes(broker_haarlem, "abcd2345", "efgh6723")
    sign_in(client, broker_haarlem)
    page = client.get(reverse("two-factor-verify"), {"methode": "reservecode"})
    assert 'inputmode="numeric"' not in page.content.decode()  # backup codes have letters
    ok = client.post(reverse("two-factor-verify"), {"method": "reservecode", "code": "ABCD 2345"})
    assert redirect_path(ok) == DASHBOARD
    assert client.get(DASHBOARD).status_code == 200
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6723"]

    client.post(reverse("logout"))
    sign_in(client, broker_haarlem)
    again = client.post(reverse("two-factor-verify"), {"method": "reservecode", "code": "abcd2345"})
    assert again.status_code == 200 and "Deze reservecode klopt niet of is al gebruikt" in again.content.decode()
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-verify")


def test_logout_clears_the_verification(client, broker_haarlem, staff_policy):
    device = give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    client.post(reverse("two-factor-verify"), {"token": code(device.key)})
    assert client.get(DASHBOARD).status_code == 200
    client.post(reverse("logout"))
    assert "two_factor" not in client.session
    sign_in(client, broker_haarlem)
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-verify")
    ok = client.post(reverse("two-factor-verify"), {"token": code(device.key, steps_ahead=1)})
    assert redirect_path(ok) == DASHBOARD


def test_verification_gets_a_new_session_key(client, broker_haarlem, staff_policy):
    device = give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    before = client.session.session_key
    client.post(reverse("two-factor-verify"), {"token": code(device.key)})
    assert client.session.session_key != before


def test_a_password_alone_cannot_replace_or_remove_the_second_factor(client, ondernemer_1):
    """A user with an app who has not given its code yet cannot set up another app (which would
    skip the code), make new backup codes, nor turn it off."""
    give_app(ondernemer_1)
    sign_in(client, ondernemer_1)
    assert redirect_path(client.get(reverse("two-factor-setup"))) == reverse("two-factor-verify")
    assert redirect_path(client.post(reverse("two-factor-setup"), {"token": "123456"})) == reverse(
        "two-factor-verify")
    assert redirect_path(client.post(reverse("two-factor-backup-codes"))) == reverse("two-factor-verify")
    assert redirect_path(client.post(reverse("two-factor-disable"))) == reverse("two-factor-verify")
    assert TOTPDevice.objects.filter(user=ondernemer_1).count() == 1
    assert not StaticDevice.objects.filter(user=ondernemer_1).exists()


def test_next_never_leaves_the_portal(client, broker_haarlem, staff_policy):
    device = give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    response = client.post(reverse("two-factor-verify"), {"token": code(device.key), "next": "https://evil.example/"})
    assert redirect_path(response) == DASHBOARD


def test_a_device_reset_by_the_admin_ends_the_verification(client, broker_haarlem, staff_policy):
    device = give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    client.post(reverse("two-factor-verify"), {"token": code(device.key)})
    assert client.get(DASHBOARD).status_code == 200
    TOTPDevice.objects.filter(user=broker_haarlem).delete()
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-setup")


def test_htmx_requests_are_redirected_by_htmx(client, broker_haarlem, staff_policy):
    sign_in(client, broker_haarlem)
    response = client.get(DASHBOARD, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].startswith(reverse("two-factor-setup"))


def test_pending_session_may_still_log_out_and_switch_language(client, broker_haarlem, staff_policy):
    sign_in(client, broker_haarlem)
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    english = client.get(reverse("two-factor-setup"))
    assert english.status_code == 200 and '<html lang="en"' in english.content.decode()
    try:
        health = reverse("healthz")  # the load balancer's probe, where the deployment has it
    except NoReverseMatch:
        health = None
    if health:
        response = client.get(health)
        assert not (response.status_code == 302 and "tweestapsverificatie" in response["Location"])
    assert redirect_path(client.post(reverse("logout"))) == "/"
    assert SESSION_KEY not in client.session


# --- who is forced ----------------------------------------------------------------------------------


@pytest.mark.parametrize("person", ["inkoper_haarlem", "stuurgroep", "partner_haarlem", "broker_amersfoort"])
def test_every_staff_role_is_forced(client, person, request, staff_policy):
    user = request.getfixturevalue(person)
    sign_in(client, user)
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-setup")


def test_an_entrepreneur_is_not_forced_but_may_opt_in(client, ondernemer_1, staff_policy):
    sign_in(client, ondernemer_1)
    assert client.get(DASHBOARD).status_code == 200
    account = client.get(reverse("account"))
    assert account.status_code == 200 and reverse("two-factor-setup") in account.content.decode()
    page = client.get(reverse("two-factor-setup"))
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1).replace(" ", "")
    key = b32decode(secret).hex()
    assert redirect_path(client.post(reverse("two-factor-setup"), {"token": code(key)})) == reverse(
        "two-factor-backup-codes")
    # From now on the entrepreneur is asked too.
    client.post(reverse("logout"))
    sign_in(client, ondernemer_1)
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-verify")
    client.post(reverse("two-factor-verify"), {"token": code(key, steps_ahead=1)})
    # ... and may turn it off again, confirmed with the password (a broker may not: see below).
    assert redirect_path(client.post(reverse("two-factor-disable"), {"password": PASSWORD})) == reverse("account")
    assert not TOTPDevice.objects.filter(user=ondernemer_1).exists()
    assert not StaticDevice.objects.filter(user=ondernemer_1).exists()
    assert client.get(DASHBOARD).status_code == 200


def test_staff_cannot_turn_it_off(client, broker_haarlem, staff_policy):
    device = give_app(broker_haarlem)
    sign_in(client, broker_haarlem)
    client.post(reverse("two-factor-verify"), {"token": code(device.key)})
    assert redirect_path(client.post(reverse("two-factor-disable"))) == reverse("account")
    assert TOTPDevice.objects.filter(user=broker_haarlem).exists()


def test_the_admin_requires_it_for_a_superuser(client, superuser, staff_policy):
    sign_in(client, superuser, url="/admin/login/")
    response = client.get("/admin/")
    assert redirect_path(response) == reverse("two-factor-setup")
    assert "next=%2Fadmin%2F" in response["Location"]
    assert redirect_path(client.get("/admin/accounts/user/")) == reverse("two-factor-setup")

    device = give_app(superuser)
    client.post(reverse("logout"))
    sign_in(client, superuser, url="/admin/login/")
    assert redirect_path(client.get("/admin/")) == reverse("two-factor-verify")
    ok = client.post(reverse("two-factor-verify"), {"token": code(device.key), "next": "/admin/"})
    assert redirect_path(ok) == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_superusers_reset_devices_in_the_admin(client, superuser, broker_haarlem):
    device = give_app(broker_haarlem)
    sign_in(client, superuser, url="/admin/login/")
    change = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert change.status_code == 200
    assert device.key not in change.content.decode()  # OTP_ADMIN_HIDE_SENSITIVE_DATA
    response = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_device_changes_are_audited_without_secrets(broker_haarlem):
    from auditlog.models import LogEntry

    device = give_app(broker_haarlem)
    entry = LogEntry.objects.get_for_object(device).get()
    assert "user" in entry.changes_dict and "key" not in entry.changes_dict


# --- the API -------------------------------------------------------------------------------------


def test_api_token_clients_are_not_affected(client, broker_haarlem, staff_policy):
    """A key made from a verified session (the account page) works regardless of the browser's
    session; one made with a password alone does not (tests.security.test_api_token_verified_session)."""
    from impactportal.api import tokens

    token = tokens.renew(broker_haarlem, verified=True)
    response = client.get("/api/v1/brokers/teams/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200, response.content
    # Even next to a browser session that still owes its code: the token decides.
    sign_in(client, broker_haarlem)
    response = client.get("/api/v1/brokers/teams/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200, response.content
    assert client.get("/api/v1/brokers/teams/", HTTP_AUTHORIZATION="Token fout").status_code == 401


def test_a_pending_browser_session_gets_no_api_data(client, broker_haarlem, staff_policy):
    sign_in(client, broker_haarlem)
    response = client.get("/api/v1/brokers/teams/")
    assert response.status_code == 403 and "tweestapsverificatie" in response.json()["detail"]


# --- the setting and its check -------------------------------------------------------------------


def test_deploy_check_warns_when_off_without_debug(settings):
    settings.DEBUG = False
    settings.PORTAL_2FA_REQUIRED = "off"
    assert [m.id for m in two_factor.check_two_factor_policy()] == ["accounts.W001"]
    settings.PORTAL_2FA_REQUIRED = "staff"
    assert two_factor.check_two_factor_policy() == []
    settings.DEBUG = True
    settings.PORTAL_2FA_REQUIRED = "off"
    assert two_factor.check_two_factor_policy() == []


def test_deploy_check_is_registered_with_the_deploy_checks(settings):
    settings.DEBUG = False
    settings.PORTAL_2FA_REQUIRED = "off"
    assert "accounts.W001" in {m.id for m in checks.run_checks(include_deployment_checks=True)}
    assert "accounts.W001" not in {m.id for m in checks.run_checks(include_deployment_checks=False)}


def test_an_unknown_setting_is_an_error_and_counts_as_staff(settings, client, broker_haarlem):
    settings.PORTAL_2FA_REQUIRED = "Verplicht"
    assert [m.id for m in two_factor.check_two_factor_setting()] == ["accounts.E001"]
    sign_in(client, broker_haarlem)
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-setup")
