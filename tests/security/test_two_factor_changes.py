"""A session signed in without a second factor owes its code on its next request once the user gets
more to do (``User.two_factor_changed_at``, ``impactportal.accounts.two_factor``): an authenticator
app set up in another session, a staff role granted under ``PORTAL_2FA_REQUIRED=staff``, made
Django staff. Not only when that session ends (up to a working day later). The session that set up
the app itself goes on: it just gave the app's code."""

import re
from base64 import b32decode

import pytest
from django.test import Client
from django.urls import reverse

from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership

from .test_two_factor import DASHBOARD, code, redirect_path, sign_in

pytestmark = pytest.mark.django_db


def set_up_app(client) -> None:
    """The user sets up an authenticator app on their account page, with a real first code."""
    page = client.get(reverse("two-factor-setup"))
    secret = re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1).replace(" ", "")
    done = client.post(reverse("two-factor-setup"), {"token": code(b32decode(secret).hex())})
    assert redirect_path(done) == reverse("two-factor-backup-codes")


def test_an_app_set_up_elsewhere_asks_the_older_session_for_its_code(
        client, ondernemer_1, django_capture_on_commit_callbacks):
    sign_in(client, ondernemer_1)
    assert client.get(DASHBOARD).status_code == 200  # nothing asked: no app yet
    other = Client()
    sign_in(other, ondernemer_1)
    with django_capture_on_commit_callbacks(execute=True):
        set_up_app(other)
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-verify")
    # The session that set it up gave the code: it goes on.
    assert other.get(reverse("two-factor-backup-codes")).status_code == 200
    assert other.get(DASHBOARD).status_code == 200


def test_the_session_that_set_up_the_app_goes_on(client, ondernemer_1, django_capture_on_commit_callbacks):
    sign_in(client, ondernemer_1)
    with django_capture_on_commit_callbacks(execute=True):
        set_up_app(client)
    assert client.get(DASHBOARD).status_code == 200
    assert client.get(reverse("account")).status_code == 200


def test_a_staff_role_granted_asks_the_running_session_to_set_up(
        client, ondernemer_1, haarlem, staff_policy, django_capture_on_commit_callbacks):
    sign_in(client, ondernemer_1)
    assert client.get(DASHBOARD).status_code == 200  # an entrepreneur is not forced
    with django_capture_on_commit_callbacks(execute=True):
        Membership.objects.create(user=ondernemer_1, role=Role.BROKER, organisation=haarlem)
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-setup")


def test_made_django_staff_asks_the_running_session_to_set_up(
        client, ondernemer_1, staff_policy, django_capture_on_commit_callbacks):
    sign_in(client, ondernemer_1)
    assert client.get(DASHBOARD).status_code == 200
    ondernemer_1.is_staff = True
    with django_capture_on_commit_callbacks(execute=True):
        ondernemer_1.save(update_fields=["is_staff"])
    assert redirect_path(client.get(DASHBOARD)) == reverse("two-factor-setup")


def test_other_changes_leave_the_session_alone(client, ondernemer_1, staff_policy, django_capture_on_commit_callbacks):
    sign_in(client, ondernemer_1)
    ondernemer_1.language = "en"
    with django_capture_on_commit_callbacks(execute=True):
        ondernemer_1.save(update_fields=["language"])
    ondernemer_1.refresh_from_db()
    assert ondernemer_1.two_factor_changed_at is None
    assert client.get(DASHBOARD).status_code == 200
