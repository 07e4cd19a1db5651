"""The sign-up link activates an account only for whoever chose its password, and only once.

A security review found: (1) a stranger signed up with somebody else's address and a password of
their own; the owner of the address clicked the mail, the account became active, and the stranger
signed in to it (the owner's own later sign-up only got "an account exists", and a password reset
skips inactive accounts); (2) the link signed in again and again for its three days, after a
password change too; (3) a known address answered faster (no password to hash)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from brokers.helpdesk import signup
from brokers.models import EnterpriseLinkRequest
from tests import factories as f

pytestmark = pytest.mark.django_db
User = get_user_model()

OWNER = "eigenaar@example.org"
STRANGER_PASSWORD, OWNER_PASSWORD = "Vreemd-wachtwoord-2026", "Eigen-wachtwoord-2026"


def _sign_up(client, capture, password, **extra):
    form = {"first_name": "Eva", "last_name": "Eigenaar", "email": OWNER, "password1": password,
            "password2": password, "kvk_number": "", **extra}
    with capture(execute=True):
        assert client.post(reverse("helpdesk:signup"), form).status_code == 302
    found = re.search(r"http://\S+(/aanmelden/bevestigen/\S+/)", mail.outbox[-1].body)
    return found and found.group(1)


def test_a_strangers_sign_up_is_not_activated_by_the_owner_clicking_the_mail(client, django_capture_on_commit_callbacks):
    link = _sign_up(client, django_capture_on_commit_callbacks, STRANGER_PASSWORD)
    page = client.get(link)
    assert page.status_code == 200 and 'name="password"' in page.content.decode()
    # The owner of the address, who never signed up, confirms without the stranger's password.
    for password in ("", "raden-maar"):
        refused = client.post(link, {"password": password})
        assert refused.status_code == 400 and "password" in refused.context["form"].errors
    user = User.objects.get(email=OWNER)
    assert not user.is_active and not user.email_verified
    assert "_auth_user_id" not in client.session
    assert not client.login(username=OWNER, password=STRANGER_PASSWORD)


def test_signing_up_again_takes_an_unconfirmed_address_back_and_ends_the_earlier_link(
        client, haarlem, django_capture_on_commit_callbacks):
    enterprise = f.EnterpriseFactory(municipality=haarlem, kvk_number="12345678")
    strangers = _sign_up(client, django_capture_on_commit_callbacks, STRANGER_PASSWORD, kvk_number="12345678")
    owners = _sign_up(client, django_capture_on_commit_callbacks, OWNER_PASSWORD, first_name="Echte")
    assert mail.outbox[-1].to == [OWNER] and "al een account" not in mail.outbox[-1].body
    assert User.objects.filter(email=OWNER).count() == 1
    # The stranger's link (with its KvK number) no longer works, with either password.
    for password in (STRANGER_PASSWORD, OWNER_PASSWORD):
        assert client.post(strangers, {"password": password}).status_code == 400
    assert client.post(owners, {"password": OWNER_PASSWORD}).status_code == 302
    user = User.objects.get(email=OWNER)
    assert user.is_active and user.first_name == "Echte" and user.check_password(OWNER_PASSWORD)
    assert not EnterpriseLinkRequest.objects.filter(enterprise=enterprise).exists()
    assert not client.login(username=OWNER, password=STRANGER_PASSWORD)


def test_a_confirmed_address_keeps_its_account(client, django_capture_on_commit_callbacks):
    link = _sign_up(client, django_capture_on_commit_callbacks, OWNER_PASSWORD)
    assert client.post(link, {"password": OWNER_PASSWORD}).status_code == 302
    client.logout()
    _sign_up(client, django_capture_on_commit_callbacks, STRANGER_PASSWORD)
    assert "al een account" in mail.outbox[-1].body and "/aanmelden/bevestigen/" not in mail.outbox[-1].body
    assert User.objects.get(email=OWNER).check_password(OWNER_PASSWORD)


def test_the_link_signs_in_once(client, django_capture_on_commit_callbacks):
    link = _sign_up(client, django_capture_on_commit_callbacks, OWNER_PASSWORD)
    assert client.post(link, {"password": OWNER_PASSWORD}).status_code == 302
    assert "_auth_user_id" in client.session
    client.logout()
    again = client.post(link, {"password": OWNER_PASSWORD})
    assert again.status_code == 302 and again.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_a_known_address_costs_a_password_hash_too(client, ondernemer_1, django_capture_on_commit_callbacks,
                                                   monkeypatch):
    hashed = []
    original = signup.make_password
    monkeypatch.setattr(signup, "make_password", lambda password: hashed.append(password) or original(password))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("helpdesk:signup"), {"first_name": "A", "last_name": "B", "email": ondernemer_1.email,
                                                 "password1": OWNER_PASSWORD, "password2": OWNER_PASSWORD})
    assert hashed == [OWNER_PASSWORD] and "al een account" in mail.outbox[-1].body


# --- accounts the sign-up did not make (a review of the change above) -----------------------------


def test_a_sign_up_does_not_take_over_a_colleagues_invitation(client, haarlem, broker_haarlem,
                                                              django_capture_on_commit_callbacks):
    from impactportal.accounts import services as staff

    broker_haarlem.memberships.filter(organisation=haarlem).update(is_admin=True)
    staff.member_invite(organisation=haarlem, email=OWNER, by=broker_haarlem, role="broker", first_name="Nina")
    _sign_up(client, django_capture_on_commit_callbacks, STRANGER_PASSWORD, first_name="Vreemde")
    assert "al een account" in mail.outbox[-1].body and "/aanmelden/bevestigen/" not in mail.outbox[-1].body
    invitee = User.objects.get(email=OWNER)
    assert invitee.first_name == "Nina" and not invitee.has_usable_password()


def test_a_sign_up_does_not_lift_a_block(client, haarlem, django_capture_on_commit_callbacks):
    blocked = f.colleague(haarlem, "inkoop", OWNER)  # user name = address, as an invitation makes it
    User.objects.filter(pk=blocked.pk).update(email=OWNER, is_active=False, email_verified=False)
    _sign_up(client, django_capture_on_commit_callbacks, OWNER_PASSWORD)
    assert "/aanmelden/bevestigen/" not in mail.outbox[-1].body
    blocked.refresh_from_db()
    assert not blocked.is_active and not blocked.check_password(OWNER_PASSWORD)


def test_an_earlier_link_after_signing_up_again_says_why_it_no_longer_works(client, django_capture_on_commit_callbacks):
    first = _sign_up(client, django_capture_on_commit_callbacks, OWNER_PASSWORD)
    _sign_up(client, django_capture_on_commit_callbacks, OWNER_PASSWORD)
    page = client.get(first)
    assert page.status_code == 400
    assert "Dan werkt alleen de link uit de laatste mail." in page.content.decode()
