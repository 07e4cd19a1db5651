"""An invitation to an address whose account cannot sign in: an unconfirmed sign-up gets the link
to choose a password (its sign-up password goes), a blocked account is refused with a field error.
Both were told "sign in and accept the invitation", which neither could do."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from impactportal import access
from impactportal.accounts import services
from impactportal.accounts.models import Membership, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_haarlem(broker_haarlem, haarlem):
    Membership.objects.filter(user=broker_haarlem, organisation=haarlem).update(is_admin=True)
    access.forget(broker_haarlem)
    return broker_haarlem


def _account(email, **fields):
    user = User(username=email, email=email, is_active=False, **fields)
    user.set_password("gekozen-door-wie-aanmeldde")
    user.save()
    return user


def test_an_unconfirmed_sign_up_gets_the_link_to_choose_a_password(
        client, admin_haarlem, haarlem, django_capture_on_commit_callbacks):
    signed_up = _account("nina@voorbeeld.nl")  # a self sign-up whose address was never confirmed
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.member_invite(organisation=haarlem, email="nina@voorbeeld.nl", by=admin_haarlem,
                                            role="colleague", department="economie")
    signed_up.refresh_from_db()
    assert membership.user == signed_up and not signed_up.has_usable_password()
    assert not signed_up.check_password("gekozen-door-wie-aanmeldde")
    [message] = [m for m in mail.outbox if "nina@voorbeeld.nl" in m.to]
    assert "Meld u aan en neem de uitnodiging aan" not in message.body
    link = re.search(r"https?://\S+", message.body).group(0)
    page = client.get(link[link.index("/", 8):], follow=True)
    response = client.post(page.redirect_chain[-1][0],
                           {"new_password1": "Lang-genoeg-2026", "new_password2": "Lang-genoeg-2026"})
    assert response.status_code == 302
    signed_up.refresh_from_db()
    membership.refresh_from_db()
    assert signed_up.is_active and signed_up.email_verified and not membership.is_pending


def test_a_blocked_account_is_refused_and_nothing_is_sent(
        login, admin_haarlem, haarlem, django_capture_on_commit_callbacks):
    _account("oud@voorbeeld.nl", last_login=timezone.now(), email_verified=True)  # deactivated by the administrator
    with django_capture_on_commit_callbacks(execute=True):
        response = login(admin_haarlem).post(reverse("staff:member-invite"), {
            "organisation": haarlem.pk, "email": "oud@voorbeeld.nl", "first_name": "Olga", "last_name": "Oud", "role": "colleague", "department": "economie"})
    assert response.status_code == 400
    assert "gedeactiveerd" in " ".join(response.context["form"].errors.get("email", []))
    assert not Membership.objects.filter(user__email="oud@voorbeeld.nl").exists()
    assert not [m for m in mail.outbox if "oud@voorbeeld.nl" in m.to]
