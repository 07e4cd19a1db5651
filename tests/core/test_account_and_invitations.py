"""What a first-time user missed: the account page says what each role is for and which
invitations wait, the dashboard shows a pending invitation, the member page's re-invite hint fits
the case, the password pages put a weak password's error on the new password, and one word for
the user name. Employee counts are labelled as the enterprise's own statement."""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from impactportal import access
from impactportal.accounts import services
from impactportal.accounts.models import Membership, User
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_haarlem(broker_haarlem, haarlem):
    Membership.objects.filter(user=broker_haarlem, organisation=haarlem).update(is_admin=True)
    access.forget(broker_haarlem)
    return broker_haarlem


def _text(response) -> str:
    return _plain(response.content.decode())


def _plain(html) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _roles(response) -> str:
    """The account page's list of roles."""
    return _plain(re.search(r'<ul[^>]*id="account-roles">.*?</ul>', response.content.decode(), re.S).group(0))


def _invite_existing(admin, haarlem, amersfoort, django_capture_on_commit_callbacks):
    """Amersfoort's broker "elders", invited as a colleague (inkoop) of Haarlem: a pending membership."""
    existing = f.broker(amersfoort, "elders")
    existing.email = "iemand@voorbeeld.nl"
    existing.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.member_invite(organisation=haarlem, email="iemand@voorbeeld.nl", by=admin, role="colleague",
                               department="inkoop")
    return existing, existing.memberships.get(organisation=haarlem)


# --- the account page -----------------------------------------------------------------------------


def test_the_account_page_names_what_each_role_is_for(login, haarlem, admin_haarlem, region, programme):
    Membership.objects.filter(user=admin_haarlem).update(is_coordinator=True)
    Membership.objects.create(user=admin_haarlem, role="sroi_coordinator", region=region)
    Membership.objects.create(user=admin_haarlem, role="steering", programme=programme)
    roles = _roles(login(admin_haarlem).get(reverse("account")))
    assert "Makelaar met mandaat — Gemeente Haarlem · coördinator van het team · functioneel beheerder" in roles
    assert f"Regionaal SROI-coördinator — {region.name}" in roles
    assert f"Stuurgroeplid — {programme.name}" in roles


def test_the_account_page_names_a_colleagues_department_and_a_partners_organisation(
        login, inkoper_haarlem, partner_haarlem):
    assert "Collega — Gemeente Haarlem · afdeling Inkoop" in _roles(login(inkoper_haarlem).get(reverse("account")))
    assert "Netwerkpartner (loket) — Gemeente Haarlem (namens Kennemer Impact Helpdesk)" in _roles(
        login(partner_haarlem).get(reverse("account")))


def test_a_pending_invitation_is_listed_with_its_link_but_gives_no_role(
        login, admin_haarlem, haarlem, amersfoort, django_capture_on_commit_callbacks):
    existing, invitation = _invite_existing(admin_haarlem, haarlem, amersfoort, django_capture_on_commit_callbacks)
    response = login(existing).get(reverse("account"))
    page, roles = _text(response), _roles(response)
    assert "Gemeente Haarlem" not in roles and "Makelaar met mandaat — Gemeente Amersfoort" in roles
    assert "U bent uitgenodigd als collega (Inkoop) van Gemeente Haarlem" in page
    accept = reverse("staff:membership-accept", args=[invitation.pk])
    assert f'href="{accept}"' in response.content.decode()


def test_the_dashboard_shows_a_pending_invitation_until_it_is_accepted(
        login, admin_haarlem, haarlem, amersfoort, django_capture_on_commit_callbacks, settings):
    settings.DASHBOARD_CACHE_SECONDS = 300  # the notice is part of the cached sections: it must not go stale
    existing, invitation = _invite_existing(admin_haarlem, haarlem, amersfoort, django_capture_on_commit_callbacks)
    client = login(existing)
    accept = reverse("staff:membership-accept", args=[invitation.pk])
    html = client.get(reverse("dashboard")).content.decode()
    assert 'id="pending-invitations"' in html and f'href="{accept}"' in html
    client.post(accept)
    assert 'id="pending-invitations"' not in client.get(reverse("dashboard")).content.decode()


def test_a_user_without_roles_reads_the_invitation_not_that_they_should_ask_for_a_role(
        login, admin_haarlem, haarlem, django_capture_on_commit_callbacks):
    nobody = f.UserFactory(username="zonder-rol", email="zonder@voorbeeld.nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.member_invite(organisation=haarlem, email="zonder@voorbeeld.nl", by=admin_haarlem, role="broker")
    page = _text(login(nobody).get(reverse("dashboard")))
    assert "U bent uitgenodigd als makelaar met mandaat van Gemeente Haarlem" in page
    assert "nog geen rol" not in page


# --- the member page's re-invite hint -----------------------------------------------------------------


def test_the_reinvite_hint_fits_a_pending_invitation_and_an_account_without_password(
        login, admin_haarlem, haarlem, amersfoort, django_capture_on_commit_callbacks):
    _existing, invitation = _invite_existing(admin_haarlem, haarlem, amersfoort, django_capture_on_commit_callbacks)
    client = login(admin_haarlem)
    hint = re.search(r'id="reinvite-hint">([^<]+)<',
                     client.get(reverse("staff:member-update", args=[invitation.pk])).content.decode()).group(1)
    # The administrator does not learn whether the address had an account: the hint says both ways.
    assert "Wie al een account heeft, krijgt een melding met een link om de uitnodiging aan te nemen" in hint
    assert "Wie nog geen account heeft, krijgt een link om een wachtwoord te kiezen" in hint
    # An accepted member who never chose a password (a contractor's contact made a colleague) gets a link.
    contact = f.colleague(haarlem, "inkoop", "contact")
    contact.set_unusable_password()
    contact.save()
    membership = contact.memberships.get()
    hint = re.search(r'id="reinvite-hint">([^<]+)<',
                     client.get(reverse("staff:member-update", args=[membership.pk])).content.decode()).group(1)
    assert "link om een wachtwoord te kiezen" in hint and "Wie al een account heeft" not in hint


# --- password forms ---------------------------------------------------------------------------------


def _field_errors(response, name):
    return [str(e) for e in response.context["form"].errors.get(name, [])]


def test_the_invitation_page_puts_a_too_short_password_on_the_new_password(
        client, admin_haarlem, haarlem, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        membership = services.member_invite(organisation=haarlem, email="nina@voorbeeld.nl", by=admin_haarlem,
                                            role="colleague", department="economie")
    uid = urlsafe_base64_encode(force_bytes(membership.user.pk))
    token = default_token_generator.make_token(membership.user)
    page = client.get(reverse("staff:invitation", args=[uid, token]), follow=True)
    form_url = page.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200
    assert _field_errors(response, "new_password1") and not _field_errors(response, "new_password2")
    # A confirmation that differs is still the confirmation's error.
    response = client.post(form_url, {"new_password1": "Lang-genoeg-2026", "new_password2": "Anders-2026-x"})
    assert _field_errors(response, "new_password2") and not _field_errors(response, "new_password1")
    response = client.post(form_url, {"new_password1": "Lang-genoeg-2026", "new_password2": "Lang-genoeg-2026"})
    assert response.status_code == 302


def test_the_reset_and_change_pages_put_a_too_short_password_on_the_new_password(client, broker_haarlem):
    uid = urlsafe_base64_encode(force_bytes(broker_haarlem.pk))
    page = client.get(reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(broker_haarlem)]),
                      follow=True)
    response = client.post(page.redirect_chain[-1][0], {"new_password1": "kort", "new_password2": "kort"})
    assert _field_errors(response, "new_password1") and not _field_errors(response, "new_password2")
    client.force_login(broker_haarlem)
    response = client.post(reverse("password_change"), {
        "old_password": "test-password-123", "new_password1": "kort", "new_password2": "kort"})
    assert _field_errors(response, "new_password1") and not _field_errors(response, "new_password2")
    assert User.objects.get(pk=broker_haarlem.pk).check_password("test-password-123")


def test_one_english_word_for_the_user_name():
    with translation.override("en"):
        invitation = translation.gettext("Kies een wachtwoord voor uw account. Uw gebruikersnaam is %(username)s.")
        heading = translation.gettext("Inloggen met gebruikersnaam en wachtwoord")
    assert "Your username is" in invitation and heading == "Log in with username and password"


# --- employee counts are the enterprise's own statement -----------------------------------------------


def test_employee_counts_are_labelled_self_declared_in_the_register_and_the_showcase(
        login, client, broker_haarlem, haarlem):
    enterprise = f.EnterpriseFactory(name="Groen Werkt", municipality=haarlem, headcount=59, disadvantaged_count=5,
                                     admission_status="admitted", is_published=True)
    register = _text(login(broker_haarlem).get(reverse("enterprises:detail", args=[enterprise.pk])))
    assert re.search(r"Aantal medewerkers 59 \(waarvan 5 met afstand tot de arbeidsmarkt\) · eigen opgave", register)
    client.logout()
    showcase = _text(client.get(reverse("enterprises:showcase-detail", args=[enterprise.pk])))
    assert re.search(r"Aantal medewerkers 59 \(waarvan 5 met afstand tot de arbeidsmarkt\) · eigen opgave", showcase)
