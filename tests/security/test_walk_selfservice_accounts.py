"""The account side of the self-service walk: turning two-factor authentication off asks for a code
(or the password) and mails a security notice; the password-reset mail names the user name, an
expired link leads to a new one, and the login takes the account's e-mail address."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories as f

from .test_two_factor import PASSWORD, code, give_app, redirect_path, sign_in

pytestmark = pytest.mark.django_db


def _verified(client, user):
    device = give_app(user)
    sign_in(client, user)
    client.post(reverse("two-factor-verify"), {"token": code(device.key)})
    return device


# --- 2. turning two-factor authentication off ------------------------------------------------------


def test_a_plain_post_does_not_turn_two_factor_off(client, ondernemer_1, mailoutbox):
    _verified(client, ondernemer_1)
    response = client.post(reverse("two-factor-disable"))
    assert response.status_code == 400
    assert "Vul de code uit uw authenticator-app of uw wachtwoord in" in response.content.decode()
    wrong = client.post(reverse("two-factor-disable"), {"password": "niet-het-wachtwoord"})
    assert wrong.status_code == 400 and "Dit wachtwoord klopt niet." in wrong.content.decode()
    assert TOTPDevice.objects.filter(user=ondernemer_1).exists()
    assert not mailoutbox


def test_a_current_code_turns_it_off_and_the_owner_is_mailed(client, ondernemer_1, mailoutbox,
                                                             django_capture_on_commit_callbacks):
    device = _verified(client, ondernemer_1)
    page = client.get(reverse("account")).content.decode()
    assert 'id="two-factor-disable-form"' in page and 'name="token"' in page and 'name="password"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("two-factor-disable"), {"token": code(device.key, steps_ahead=1)})
    assert redirect_path(response) == reverse("account")
    assert not TOTPDevice.objects.filter(user=ondernemer_1).exists()
    assert not StaticDevice.objects.filter(user=ondernemer_1).exists()
    [mail] = mailoutbox
    assert mail.to == [ondernemer_1.email] and mail.subject == "Tweestapsverificatie is uitgezet"
    assert "Was u dit niet?" in mail.body


def test_the_password_turns_it_off_too(client, ondernemer_1, mailoutbox, django_capture_on_commit_callbacks):
    _verified(client, ondernemer_1)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("two-factor-disable"), {"password": PASSWORD})
    assert redirect_path(response) == reverse("account")
    assert not TOTPDevice.objects.filter(user=ondernemer_1).exists() and len(mailoutbox) == 1


def test_staff_who_must_use_it_still_cannot_turn_it_off(client, broker_haarlem, staff_policy, mailoutbox):
    _verified(client, broker_haarlem)
    assert redirect_path(client.post(reverse("two-factor-disable"), {"password": PASSWORD})) == reverse("account")
    assert TOTPDevice.objects.filter(user=broker_haarlem).exists() and not mailoutbox


# --- 3. the password reset and the login --------------------------------------------------------


def test_the_reset_mail_names_the_user_name(client, broker_haarlem, mailoutbox):
    broker_haarlem.email = "hanna@example.org"
    broker_haarlem.save()
    assert client.post(reverse("password_reset"), {"email": "hanna@example.org"}).status_code == 302
    [mail] = mailoutbox
    assert f"Uw gebruikersnaam is: {broker_haarlem.username}" in mail.body


def test_an_expired_reset_link_leads_to_a_new_one(client, broker_haarlem):
    uid = urlsafe_base64_encode(force_bytes(broker_haarlem.pk))
    page = client.get(reverse("password_reset_confirm", args=[uid, "verlopen-token"]), follow=True)
    content = page.content.decode()
    assert 'id="reset-link-invalid"' in content
    assert f'href="{reverse("password_reset")}"' in content.split('id="reset-link-invalid"')[1]
    still_valid = client.get(reverse("password_reset_confirm",
                                     args=[uid, default_token_generator.make_token(broker_haarlem)]), follow=True)
    assert 'id="reset-link-invalid"' not in still_valid.content.decode()


def test_the_login_takes_the_accounts_e_mail_address(client, broker_haarlem):
    broker_haarlem.email = "Hanna@Example.org"
    broker_haarlem.save()
    response = client.post(reverse("login"), {"username": "hanna@example.org", "password": PASSWORD})
    assert response.status_code == 302 and client.session[SESSION_KEY] == str(broker_haarlem.pk)


def test_the_login_page_asks_for_a_user_name_or_address(client):
    assert "Gebruikersnaam of e-mailadres" in client.get(reverse("login")).content.decode()


def test_an_address_of_two_accounts_signs_in_neither(client, broker_haarlem):
    broker_haarlem.email = "gedeeld@example.org"
    broker_haarlem.save()
    f.UserFactory(username="tweede", email="gedeeld@example.org")
    response = client.post(reverse("login"), {"username": "gedeeld@example.org", "password": PASSWORD})
    assert response.status_code == 200 and SESSION_KEY not in client.session
