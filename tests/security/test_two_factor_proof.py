"""Another authenticator app and new backup codes ask for the same proof as turning two-factor
authentication off (``two_factor_views.ProofForm``: a code from the current app or a backup code, or
the password; wrong passwords counted together), and the owner is mailed. From a session left open,
the next person to sit down replaced the owner's app with their own (reading the new key on the setup
page) and then turned it off "with a code from the app"; or made ten backup codes of their own."""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from impactportal.accounts import two_factor_views as views

from .test_two_factor import PASSWORD, code, give_app, give_backup_codes, redirect_path, sign_in

pytestmark = pytest.mark.django_db

SETUP, CODES, DISABLE = "two-factor-setup", "two-factor-backup-codes", "two-factor-disable"
REPLACED = "Er is een andere authenticator-app ingesteld"
NEW_CODES = "Er zijn nieuwe reservecodes gemaakt"
SECRET = re.compile(r'id="two-factor-secret">([A-Z2-7 ]+)<')


@pytest.fixture
def owner(client, ondernemer_1):
    """ondernemer_1 with an app and backup codes, signed in at a verified session (left open)."""
    device = give_app(ondernemer_1)
    give_backup_codes(ondernemer_1, "abcd2345", "efgh6723")
    sign_in(client, ondernemer_1)
    assert redirect_path(client.post(reverse("two-factor-verify"), {"token": code(device.key)})) != reverse(
        "two-factor-verify")
    ondernemer_1.device = device
    return ondernemer_1


def _secret_on(page) -> str | None:
    found = SECRET.search(page.content.decode())
    return b32decode(found.group(1).replace(" ", "")).hex() if found else None


def _app_key(user) -> str:
    return TOTPDevice.objects.get(user=user).key


def _backup_codes(user) -> set[str]:
    return set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def _prove(client, route, **proof):
    return client.post(reverse(route), {"step": views.PROOF_STEP, **proof})


# --- the swap from an open session ------------------------------------------------------------------


def test_an_open_session_no_longer_swaps_the_app_and_turns_it_off(client, owner, mailoutbox,
                                                                  django_capture_on_commit_callbacks):
    page = client.get(reverse(SETUP))
    assert page.status_code == 200 and 'id="two-factor-proof-form"' in page.content.decode()
    assert _secret_on(page) is None and views.SETUP_KEY not in client.session  # no new key shown, or kept
    # A code from an app of the attacker's own (a key they made up): not installed, nor counted as proof.
    theirs = random_hex(20)
    with django_capture_on_commit_callbacks(execute=True):
        as_new_app = client.post(reverse(SETUP), {"token": code(theirs)})
        as_proof = _prove(client, SETUP, token=code(theirs, steps_ahead=1))
    assert as_new_app.status_code == 200 and _secret_on(as_new_app) is None
    assert as_proof.status_code == 400 and "Deze code klopt niet" in as_proof.content.decode()
    assert _app_key(owner) == owner.device.key
    disable = client.post(reverse(DISABLE), {"token": code(theirs, steps_ahead=1)})
    assert disable.status_code == 400 and TOTPDevice.objects.filter(user=owner).exists()
    assert not mailoutbox


# --- with proof ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("proof", ["app", "backup", "password"])
def test_with_proof_another_app_replaces_the_old_and_the_owner_is_mailed(
        client, owner, proof, mailoutbox, django_capture_on_commit_callbacks):
    given = {"app": {"token": code(owner.device.key, steps_ahead=1)}, "backup": {"token": "ABCD 2345"},
             "password": {"password": PASSWORD}}[proof]
    assert redirect_path(_prove(client, SETUP, **given)) == reverse(SETUP)
    new_key = _secret_on(client.get(reverse(SETUP)))
    assert new_key and new_key != owner.device.key
    if proof == "backup":
        assert _backup_codes(owner) == {"efgh6723"}  # the backup code is used up
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse(SETUP), {"token": code(new_key)})
    assert redirect_path(done) == reverse(CODES)
    assert _app_key(owner) == new_key and views.PROVEN_KEY not in client.session
    assert not _backup_codes(owner) & {"abcd2345", "efgh6723"} and len(_backup_codes(owner)) == 10
    [mail] = mailoutbox
    assert mail.to == [owner.email] and mail.subject == REPLACED and "Was u dit niet?" in mail.body
    # One proof, one app: another swap asks again.
    assert _secret_on(client.get(reverse(SETUP))) is None


def test_the_proof_runs_out(client, owner):
    assert redirect_path(_prove(client, SETUP, password=PASSWORD)) == reverse(SETUP)
    new_key = _secret_on(client.get(reverse(SETUP)))
    session = client.session
    session[views.PROVEN_KEY] = {**session[views.PROVEN_KEY], "at": session[views.PROVEN_KEY]["at"]
                                 - views.PROOF_VALID_SECONDS - 1}
    session.save()
    late = client.post(reverse(SETUP), {"token": code(new_key)})
    assert late.status_code == 200 and 'id="two-factor-proof-form"' in late.content.decode()
    assert _app_key(owner) == owner.device.key and views.SETUP_KEY not in client.session


@pytest.mark.parametrize(("given", "field", "error"), [
    ({"password": "niet-het-wachtwoord"}, "password", "Dit wachtwoord klopt niet."),
    ({"token": "000000"}, "token", "Deze code klopt niet."),
    ({"token": "zzzz2222"}, "token", "Deze reservecode klopt niet of is al gebruikt."),
    ({"token": "12345"}, "token", "Vul de 6 cijfers in die uw authenticator-app toont."),
    ({}, None, "een reservecode of uw wachtwoord in om een andere app in te stellen"),
])
def test_wrong_proof_is_a_field_error_and_changes_nothing(client, owner, given, field, error, mailoutbox):
    if given.get("token") == "000000" and code(owner.device.key, steps_ahead=1) == "000000":
        given = {"token": "111111"}
    response = _prove(client, SETUP, **given)
    html = response.content.decode()
    assert response.status_code == 400 and error in html and "error-summary" in html
    if field:
        assert error in html.split(f'id="id_{field}_error"')[1].split("</div>")[0]
    assert _secret_on(response) is None and views.PROVEN_KEY not in client.session
    assert _app_key(owner) == owner.device.key and _backup_codes(owner) == {"abcd2345", "efgh6723"}
    assert not mailoutbox


# --- new backup codes ------------------------------------------------------------------------------------


def test_new_backup_codes_need_proof_and_the_owner_is_mailed(client, owner, mailoutbox,
                                                             django_capture_on_commit_callbacks):
    asked = client.post(reverse(CODES))  # the button on the account page
    assert asked.status_code == 200 and 'id="two-factor-proof-form"' in asked.content.decode()
    assert _backup_codes(owner) == {"abcd2345", "efgh6723"} and views.CODES_KEY not in client.session
    wrong = _prove(client, CODES, password="niet-het-wachtwoord")
    assert wrong.status_code == 400 and "Dit wachtwoord klopt niet." in wrong.content.decode()
    assert _backup_codes(owner) == {"abcd2345", "efgh6723"} and not mailoutbox
    with django_capture_on_commit_callbacks(execute=True):
        made = _prove(client, CODES, token=code(owner.device.key, steps_ahead=1))
    assert redirect_path(made) == reverse(CODES)
    shown = re.findall(r"<li><code>([a-z2-7]+)</code></li>", client.get(reverse(CODES)).content.decode())
    assert set(shown) == _backup_codes(owner) and len(shown) == 10
    [mail] = mailoutbox
    assert mail.to == [owner.email] and mail.subject == NEW_CODES
    assert _app_key(owner) == owner.device.key


# --- the rate limit on passwords --------------------------------------------------------------------------


def test_wrong_passwords_are_counted_together_with_turning_it_off(client, owner, ratelimit_on, mailoutbox):
    for route in (SETUP, CODES, SETUP, CODES, SETUP):
        assert _prove(client, route, password="niet-het-wachtwoord").status_code == 400
    for route in (SETUP, CODES):
        refused = _prove(client, route, password=PASSWORD)
        assert refused.status_code == 400 and "te vaak een onjuist wachtwoord" in refused.content.decode()
    refused = client.post(reverse(DISABLE), {"password": PASSWORD})
    assert refused.status_code == 400 and "te vaak een onjuist wachtwoord" in refused.content.decode()
    assert _app_key(owner) == owner.device.key and _backup_codes(owner) == {"abcd2345", "efgh6723"}
    assert views.PROVEN_KEY not in client.session and not mailoutbox
    # The app's code still proves it (wrong codes are django-otp's to throttle).
    assert redirect_path(_prove(client, SETUP, token=code(owner.device.key, steps_ahead=1))) == reverse(SETUP)
