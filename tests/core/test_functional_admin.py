"""Functional administration of an organisation's staff (``impactportal.accounts.staff_views`` and
``services``): a broker or colleague with ``Membership.is_admin`` invites staff, changes their role,
department and flags, and ends memberships, without Django's admin."""

import re

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from impactportal import access
from impactportal.accounts import services
from impactportal.accounts.models import Membership, User, users_with_role
from tests import factories as f

LIST = reverse("staff:member-list")
INVITE = reverse("staff:member-invite")


def _update(membership):
    return reverse("staff:member-update", args=[membership.pk])


def _end(membership):
    return reverse("staff:member-delete", args=[membership.pk])


def _accept(membership):
    return reverse("staff:membership-accept", args=[membership.pk])


def _flag(user, organisation):
    Membership.objects.filter(user=user, organisation=organisation).update(is_admin=True)
    access.forget(user)
    return user


@pytest.fixture
def admin_haarlem(broker_haarlem, haarlem):
    """Haarlem's broker, functional administrator of Haarlem."""
    return _flag(broker_haarlem, haarlem)


def _membership(user, organisation):
    return Membership.objects.get(user=user, organisation=organisation)


def _snapshot():
    return sorted(Membership.objects.values_list("pk", "user_id", "role", "organisation_id", "department",
                                                 "is_coordinator", "is_admin")), User.objects.count()


# --- who may ------------------------------------------------------------------------------------


def test_only_administrators_open_the_list_and_the_invitation(login, client, admin_haarlem, broker_amersfoort,
                                                              inkoper_haarlem):
    assert client.get(LIST).status_code == 302  # anonymous: to the login page
    for user in (broker_amersfoort, inkoper_haarlem):  # staff without the flag
        response = login(user).get(LIST)
        assert response.status_code == 403
        assert "functioneel beheerders" in response.content.decode()
        assert login(user).get(INVITE).status_code == 403
    assert login(admin_haarlem).get(LIST).status_code == 200
    assert login(admin_haarlem).get(INVITE).status_code == 200


def test_a_member_page_is_404_outside_the_organisation_and_403_inside_without_the_flag(
        login, admin_haarlem, broker_amersfoort, inkoper_haarlem, amersfoort, haarlem, ondernemer_1):
    membership = _membership(inkoper_haarlem, haarlem)
    _flag(broker_amersfoort, amersfoort)  # an administrator, of another organisation
    for url in (_update(membership), _end(membership)):
        assert login(broker_amersfoort).get(url).status_code == 404
        assert login(ondernemer_1).get(url).status_code == 404
        assert login(inkoper_haarlem).get(url).status_code == 403
        assert login(admin_haarlem).get(url).status_code == 200
    # A broker of Haarlem without the flag: 403 too, and a POST changes nothing.
    colleague_broker = f.broker(haarlem, "tweede-makelaar")
    before = _snapshot()
    assert login(colleague_broker).get(_update(membership)).status_code == 403
    assert login(colleague_broker).post(_update(membership), {"role": "broker"}).status_code == 403
    assert login(colleague_broker).post(_end(membership)).status_code == 403
    assert _snapshot() == before
    # Not a staff membership (an entrepreneur's): not on these pages, for the superuser neither.
    superuser = User.objects.create_superuser("beheer", "beheer@example.org", "x")
    entrepreneur = ondernemer_1.memberships.get()
    assert login(superuser).get(_update(entrepreneur)).status_code == 404


def test_the_list_shows_the_organisations_staff_only(login, admin_haarlem, broker_amersfoort, inkoper_haarlem,
                                                     haarlem, amersfoort, ondernemer_1):
    partner = f.partner(haarlem, f.partner_organisation(), "partner-haarlem")
    html = login(admin_haarlem).get(LIST).content.decode()
    assert "Medewerkers van Gemeente Haarlem" in html
    for user in (admin_haarlem, inkoper_haarlem, partner):
        assert _update(user.memberships.get()) in html
    assert "makelaar-amersfoort" not in html and "ondernemer-1" not in html
    # Filters: role, and an empty result says so.
    html = login(admin_haarlem).get(LIST, {"role": "colleague"}).content.decode()
    assert _update(inkoper_haarlem.memberships.get()) in html and _update(admin_haarlem.memberships.get()) not in html
    html = login(admin_haarlem).get(LIST, {"q": "niemand-heet-zo"}).content.decode()
    assert "Niets gevonden met deze filters" in html


def test_the_list_stacks_on_a_phone_with_each_cell_labelled(login, admin_haarlem, inkoper_haarlem):
    """At phone width a block per member, not a table whose Role and Status columns start off-screen:
    the table's box is a ``portal-stack`` and every cell carries its column's header (``StackedTable``),
    in the page's language."""
    html = login(admin_haarlem).get(LIST).content.decode()
    box = re.search(r'<div class="([^"]*)" id="object-table"', html)
    assert box and "portal-stack" in box.group(1).split() and "{#" not in html  # no comment shown as text
    cells = re.findall(r"<td ([^>]*)>", html.split('id="object-table"', 1)[1].split("</table>", 1)[0])
    assert len(cells) == 2 * 6  # two members, six columns (the organisation's own column is left out)
    labels = [re.search(r'data-label="([^"]*)"', cell) for cell in cells]
    assert all(labels), cells
    assert [label.group(1) for label in labels[:6]] == ["Naam", "E-mailadres", "Rol", "Coördinator",
                                                        "Functioneel beheerder", "Status"]
    login(admin_haarlem).cookies["django_language"] = "en"
    html = login(admin_haarlem).get(LIST).content.decode()
    assert 'data-label="Role"' in html and 'data-label="Rol"' not in html


def test_an_organisation_without_staff_shows_the_empty_state(login, django_user_model, haarlem):
    superuser = django_user_model.objects.create_superuser("beheer", "beheer@example.org", "x")
    html = login(superuser).get(LIST).content.decode()
    assert "Er zijn nog geen medewerkers." in html and "Voeg de eerste toe." in html


def test_the_menu_offers_the_page_to_administrators_only(login, admin_haarlem, broker_amersfoort):
    assert f'href="{LIST}"' in login(admin_haarlem).get(reverse("dashboard")).content.decode()
    assert f'href="{LIST}"' not in login(broker_amersfoort).get(reverse("dashboard")).content.decode()


# --- invite -------------------------------------------------------------------------------------


def _invite(client, organisation, email="nina@voorbeeld.nl", **extra):
    data = {"email": email, "first_name": "Nina", "last_name": "de Nieuwe", "organisation": organisation.pk,
            "role": "colleague", "department": "economie", **extra}
    return client.post(INVITE, data)


def test_an_invitation_makes_an_inactive_account_and_mails_a_link_that_activates_it(
        login, client, admin_haarlem, haarlem, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(login(admin_haarlem), haarlem, email="Nina@Voorbeeld.nl")
    assert response.status_code == 302 and response["Location"] == LIST
    user = User.objects.get(email="nina@voorbeeld.nl")
    assert not user.is_active and not user.has_usable_password() and not user.is_staff and not user.is_superuser
    assert (user.first_name, user.last_name) == ("Nina", "de Nieuwe")
    membership = user.memberships.get()
    assert (membership.organisation, membership.role, membership.department, membership.is_admin) == (
        haarlem, "colleague", "economie", False)
    assert membership.is_pending  # accepted by choosing the password
    [message] = mail.outbox
    assert message.to == ["nina@voorbeeld.nl"]
    assert "Gemeente Haarlem" in message.subject and "collega (Economie)" in message.body
    link = re.search(r"https?://\S+/beheer/uitnodiging/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    client.logout()
    page = client.get("/" + path, follow=True)
    assert page.status_code == 200 and "Kies een wachtwoord" in page.content.decode()
    form_url = page.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "Lang-genoeg-2026", "new_password2": "Lang-genoeg-2026"})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    user.refresh_from_db()
    assert user.is_active and user.email_verified and user.check_password("Lang-genoeg-2026")
    membership.refresh_from_db()
    assert not membership.is_pending and access.organisation_ids(user, access.COLLEAGUE) == {haarlem.pk}
    assert client.login(username="nina@voorbeeld.nl", password="Lang-genoeg-2026")
    # The link works once.
    client.logout()
    assert "niet meer geldig" in client.get("/" + path, follow=True).content.decode()


def test_an_existing_account_is_invited_and_keeps_its_name_and_password(
        login, admin_haarlem, haarlem, amersfoort, django_capture_on_commit_callbacks):
    existing = f.broker(amersfoort, "elders")  # an account the Haarlem administrator knows nothing of
    existing.first_name, existing.email = "Echte", "iemand@voorbeeld.nl"
    existing.save()
    users = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(login(admin_haarlem), haarlem, email="IEMAND@voorbeeld.nl", first_name="Anders")
    assert response.status_code == 302
    assert User.objects.count() == users
    existing.refresh_from_db()
    assert existing.first_name == "Echte" and existing.check_password("test-password-123") and existing.is_active
    assert set(existing.memberships.values_list("organisation__slug", "role")) == {
        ("amersfoort", "broker"), ("haarlem", "colleague")}
    # Told by a notification and its mail, with a link to accept, not one to choose a password.
    [message] = mail.outbox
    assert message.to == ["iemand@voorbeeld.nl"] and "/beheer/uitnodiging/" not in message.body
    invitation = existing.memberships.get(organisation=haarlem)
    assert _accept(invitation) in message.body
    assert existing.notifications.get().url == _accept(invitation)
    # The administrator reads the same answer as for a new account, and sees Haarlem's membership only.
    page = login(admin_haarlem).get(LIST).content.decode()
    assert "iemand@voorbeeld.nl is uitgenodigd als medewerker van Gemeente Haarlem" in page
    assert "Amersfoort" not in page


def test_the_same_answer_for_a_new_and_an_existing_address(login, admin_haarlem, haarlem, amersfoort):
    f.broker(amersfoort, "bestaand")
    User.objects.filter(username="bestaand").update(email="bestaand@voorbeeld.nl")
    answers = []
    for email in ("bestaand@voorbeeld.nl", "nieuw@voorbeeld.nl"):
        response = _invite(login(admin_haarlem), haarlem, email=email)
        page = login(admin_haarlem).get(response["Location"]).content.decode()
        answers.append(re.search(r"is uitgenodigd als medewerker van [^<]*", page).group(0))
    assert answers[0] == answers[1]


def _real_account(amersfoort):
    """An account the Haarlem administrator knows nothing of: Amersfoort's broker "Echte Elders"."""
    existing = f.broker(amersfoort, "elders")
    existing.first_name, existing.last_name, existing.email = "Echte", "Elders", "iemand@voorbeeld.nl"
    existing.save()
    return existing


def _row_text(html, membership):
    """The text of the list's row of ``membership``."""
    row = re.search(r"<tr[^>]*>(?:(?!</tr>).)*" + re.escape(_update(membership)) + r"(?:(?!</tr>).)*</tr>", html, re.S)
    assert row is not None, html
    return re.sub(r"<[^>]+>", " ", row.group(0))


def test_the_pages_tell_nothing_of_an_existing_account_until_it_accepts(login, admin_haarlem, haarlem, amersfoort):
    """Right after inviting an address that has an account, the staff pages show what the
    administrator typed and "Uitgenodigd", as for a new address: not the account's own name or
    that it is active (which would tell whether any address has an account)."""
    existing = _real_account(amersfoort)
    client = login(admin_haarlem)
    _invite(client, haarlem, email="IEMAND@voorbeeld.nl", first_name="Getypte", last_name="Naam")
    _invite(client, haarlem, email="nieuw@voorbeeld.nl", first_name="Andere", last_name="Naam")
    invitation = existing.memberships.get(organisation=haarlem)
    new = Membership.objects.get(user__email="nieuw@voorbeeld.nl")
    assert invitation.is_pending and new.is_pending
    html = client.get(LIST).content.decode()
    rows = {"existing": _row_text(html, invitation), "new": _row_text(html, new)}
    assert "Getypte Naam" in rows["existing"] and "iemand@voorbeeld.nl" in rows["existing"]
    assert "Andere Naam" in rows["new"] and "nieuw@voorbeeld.nl" in rows["new"]
    for row in rows.values():
        assert "Uitgenodigd" in row and "Actief" not in row
    assert "Echte" not in html and "Elders" not in html and "elders" not in html
    # Nor sorted, searched or filtered by the account's own name or status.
    assert _update(invitation) not in client.get(LIST, {"q": "Echte"}).content.decode()
    assert _update(invitation) not in client.get(LIST, {"q": "elders"}).content.decode()
    assert _update(invitation) in client.get(LIST, {"q": "getypte"}).content.decode()
    assert _update(invitation) not in client.get(LIST, {"status": "active"}).content.decode()
    assert _update(invitation) in client.get(LIST, {"status": "invited"}).content.decode()
    by_name = client.get(LIST, {"sort": "name"}).content.decode()
    assert by_name.index(_update(new)) < by_name.index(_update(invitation))  # "Naam, Andere" < "Naam, Getypte"
    export = client.get(LIST, {"_export": "csv"}).content.decode("utf-8-sig")
    assert "Getypte Naam" in export and "Echte" not in export
    # The member's page (history included) and the page to end it: the same.
    for url in (_update(invitation), _end(invitation)):
        page = client.get(url).content.decode()
        assert "Getypte Naam" in page and "Echte" not in page and "Elders" not in page
    page = client.get(_update(invitation)).content.decode()
    assert "Uitgenodigd" in page and "Actief" not in page and "Uitnodiging opnieuw versturen" in page


def test_a_pending_invitation_gives_no_rights_until_the_account_accepts_it(
        login, client, admin_haarlem, haarlem, amersfoort, inkoper_haarlem, django_capture_on_commit_callbacks):
    existing = _real_account(amersfoort)
    _invite(login(admin_haarlem), haarlem, email="iemand@voorbeeld.nl", role="broker", department="",
            is_admin="on")
    invitation = existing.memberships.get(organisation=haarlem)
    assert invitation.is_pending and invitation.is_admin
    access.forget(existing)
    assert access.organisation_ids(existing, access.BROKER) == {amersfoort.pk}
    assert access.FUNCTIONAL_ADMIN not in access.roles_of(existing)
    assert existing not in users_with_role("broker", organisation=haarlem.pk)
    assert login(existing).get(_update(_membership(inkoper_haarlem, haarlem))).status_code == 404
    assert login(existing).get(LIST).status_code == 403
    me = login(existing).get("/api/v1/me/").json()
    assert [(m["role"], m["organisation"]) for m in me["memberships"]] == [("broker", "amersfoort")]
    # Haarlem's pages that offer its people (a team's member, an action's owner) do not offer it either.
    from brokers.workspace.forms import ActionForm, TeamMemberForm

    assert existing not in TeamMemberForm(user=admin_haarlem).fields["user"].queryset
    assert existing not in ActionForm(user=admin_haarlem).fields["owner"].queryset
    assert inkoper_haarlem in TeamMemberForm(user=admin_haarlem).fields["user"].queryset
    # Nor does it count as the organisation's other administrator.
    response = login(admin_haarlem).post(_end(_membership(admin_haarlem, haarlem)))
    assert response.status_code == 400
    # Only the invited account, signed in, accepts it: for anyone else it is not there.
    client.logout()
    assert client.get(_accept(invitation)).status_code == 302  # to the login page
    for other in (admin_haarlem, inkoper_haarlem, User.objects.create_superuser("beheer", "b@example.org", "x")):
        assert login(other).get(_accept(invitation)).status_code == 404
        assert login(other).post(_accept(invitation)).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending
    page = login(existing).get(_accept(invitation))
    assert page.status_code == 200 and "makelaar met mandaat van Gemeente Haarlem" in page.content.decode()
    response = login(existing).post(_accept(invitation))
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    invitation.refresh_from_db()
    assert not invitation.is_pending
    access.forget(existing)
    assert access.organisation_ids(existing, access.BROKER) == {amersfoort.pk, haarlem.pk}
    assert access.FUNCTIONAL_ADMIN in access.roles_of(existing)
    assert login(existing).get(_accept(invitation)).status_code == 404  # accepted: no second time
    # From now on the list shows the account as it is.
    row = _row_text(login(admin_haarlem).get(LIST).content.decode(), invitation)
    assert "Echte Elders" in row and "Actief" in row


def test_an_ended_invitation_cannot_be_accepted(login, admin_haarlem, haarlem, amersfoort):
    existing = _real_account(amersfoort)
    _invite(login(admin_haarlem), haarlem, email="iemand@voorbeeld.nl")
    invitation = existing.memberships.get(organisation=haarlem)
    assert login(admin_haarlem).post(_end(invitation)).status_code == 302
    assert login(existing).post(_accept(invitation)).status_code == 404
    assert not existing.memberships.filter(organisation=haarlem).exists()


def _mailed_link(message) -> str:
    link = re.search(r"https?://\S+/beheer/uitnodiging/\S+/", message.body).group(0)
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def test_an_invitation_link_stops_working_once_the_membership_is_ended(
        login, client, admin_haarlem, haarlem, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(login(admin_haarlem), haarlem)
    link = _mailed_link(mail.outbox[-1])
    membership = Membership.objects.get(user__email="nina@voorbeeld.nl")
    assert login(admin_haarlem).post(_end(membership)).status_code == 302
    client.logout()
    page = client.get(link, follow=True)
    assert "niet meer geldig" in page.content.decode() and "Kies een wachtwoord" not in page.content.decode()
    user = User.objects.get(email="nina@voorbeeld.nl")
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link
    client.post(form_url, {"new_password1": "Lang-genoeg-2026", "new_password2": "Lang-genoeg-2026"})
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()


def test_two_invitations_of_one_new_address_at_once_share_the_account(login, admin_haarlem, haarlem,
                                                                       monkeypatch):
    """The other invitation made the account between this one's look-up and its insert (as two
    administrators at once do; ``tests/concurrency/test_staff_admin.py`` runs it for real): the
    insert fails on the unique user name, and the invitation takes the account that is there."""
    other = f.UserFactory(username="nina@voorbeeld.nl", email="nina@voorbeeld.nl", is_active=False)
    other.set_unusable_password()
    other.save()
    found = services._existing_account
    calls = []

    def not_yet(email):
        calls.append(email)
        return None if len(calls) == 1 else found(email)

    monkeypatch.setattr(services, "_existing_account", not_yet)
    users = User.objects.count()
    response = _invite(login(admin_haarlem), haarlem)
    assert response.status_code == 302 and len(calls) == 2
    assert User.objects.count() == users
    assert Membership.objects.get(organisation=haarlem, user=other).is_pending


def test_inviting_a_member_again_is_a_field_error(login, admin_haarlem, inkoper_haarlem, haarlem):
    before = _snapshot()
    response = _invite(login(admin_haarlem), haarlem, email=inkoper_haarlem.email)
    assert response.status_code == 400
    assert "hoort al bij een medewerker van Gemeente Haarlem" in response.content.decode()
    assert _snapshot() == before


@pytest.mark.parametrize("extra, field", [
    ({"department": ""}, "department"),  # a colleague without department
    ({"role": "broker", "department": "economie"}, "department"),  # a broker with one
    ({"is_coordinator": "on"}, "is_coordinator"),  # a colleague as team coordinator
    ({"role": "partner", "department": ""}, "role"),  # not a role an administrator gives
    ({"role": "superuser", "department": ""}, "role"),
    ({"email": "geen-adres"}, "email"),
])
def test_bad_input_is_a_field_error_and_changes_nothing(login, admin_haarlem, haarlem, extra, field):
    before = _snapshot()
    response = _invite(login(admin_haarlem), haarlem, **extra)
    assert response.status_code == 400
    assert field in response.context["form"].errors, response.context["form"].errors
    assert _snapshot() == before and not mail.outbox


def test_an_administrator_invites_into_their_own_organisation_only_and_makes_no_staff(
        login, admin_haarlem, haarlem, amersfoort):
    before = _snapshot()
    response = _invite(login(admin_haarlem), amersfoort)
    assert response.status_code == 400 and "organisation" in response.context["form"].errors
    assert _snapshot() == before
    # Flags of the account are not the form's: posted anyway, they are ignored.
    _invite(login(admin_haarlem), haarlem, email="nina@voorbeeld.nl", is_staff="on", is_superuser="on")
    user = User.objects.get(email="nina@voorbeeld.nl")
    assert not user.is_staff and not user.is_superuser
    # And the service refuses an organisation the user does not administer.
    with pytest.raises(PermissionDenied):
        services.member_invite(organisation=amersfoort, email="x@voorbeeld.nl", by=admin_haarlem, role="broker")


# --- change -------------------------------------------------------------------------------------


def test_a_role_change_is_saved_and_audited(login, admin_haarlem, inkoper_haarlem, haarlem):
    membership = _membership(inkoper_haarlem, haarlem)
    response = login(admin_haarlem).post(_update(membership), {"role": "broker", "department": "",
                                                                   "is_coordinator": "on"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.department, membership.is_coordinator) == ("broker", "", True)
    entry = LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(Membership),
                                    object_pk=str(membership.pk), action=LogEntry.Action.UPDATE).latest("timestamp")
    assert entry.actor == admin_haarlem
    assert entry.changes_dict["role"] == ["colleague", "broker"]
    assert entry.changes_dict["department"] == ["inkoop", ""]
    # The member's page shows the change in its history.
    html = login(admin_haarlem).get(_update(membership)).content.decode()
    assert "Makelaar met mandaat" in html and "Geschiedenis" in html


@pytest.mark.parametrize("data, field", [
    ({"role": "colleague", "department": ""}, "department"),
    ({"role": "colleague", "department": "inkoop", "is_coordinator": "on"}, "is_coordinator"),
    ({"role": "colleague", "department": "nergens"}, "department"),
    ({"role": "steering", "department": ""}, "role"),
])
def test_a_bad_change_is_a_field_error_and_changes_nothing(login, admin_haarlem, inkoper_haarlem, haarlem,
                                                           data, field):
    before = _snapshot()
    response = login(admin_haarlem).post(_update(_membership(inkoper_haarlem, haarlem)), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert _snapshot() == before


def test_a_partner_membership_is_listed_and_ended_but_not_changed(login, admin_haarlem, haarlem):
    partner = f.partner(haarlem, f.partner_organisation(), "partner-haarlem").memberships.get()
    client = login(admin_haarlem)
    assert "hier is niets aan te wijzigen" in client.get(_update(partner)).content.decode()
    before = _snapshot()
    assert client.post(_update(partner), {"role": "broker", "department": ""}).status_code == 400
    assert _snapshot() == before
    assert client.post(_end(partner)).status_code == 302
    assert not Membership.objects.filter(pk=partner.pk).exists()


def test_a_deactivated_account_reads_so_and_its_membership_can_still_be_ended(login, admin_haarlem, haarlem,
                                                                              inkoper_haarlem):
    """The portal's administrator deactivated the account (it may belong to several organisations, so
    the staff pages never do that): the list does not show the person as active, and the organisation's
    administrator can still end the membership, even an administrator's."""
    Membership.objects.filter(user=inkoper_haarlem, organisation=haarlem).update(is_admin=True)
    User.objects.filter(pk=inkoper_haarlem.pk).update(is_active=False, last_login="2025-01-01T00:00:00Z")
    membership = _membership(inkoper_haarlem, haarlem)
    client = login(admin_haarlem)
    html = client.get(LIST).content.decode()
    row = _row_text(html, membership)
    assert "Account gedeactiveerd" in row and "Actief" not in row
    assert "Vraag dat aan de beheerder van het portaal" in html  # who deactivates and reactivates accounts
    assert _update(membership) in client.get(LIST, {"status": "inactive"}).content.decode()
    for status in ("active", "invited"):
        assert _update(membership) not in client.get(LIST, {"status": status}).content.decode()
    page = client.get(_update(membership)).content.decode()
    assert "Account gedeactiveerd" in page and "Uitnodiging opnieuw versturen" not in page
    response = client.post(_end(membership))
    assert response.status_code == 302 and response["Location"] == LIST
    assert not Membership.objects.filter(pk=membership.pk).exists()
    inkoper_haarlem.refresh_from_db()
    assert not inkoper_haarlem.is_active  # the account stays as the portal's administrator left it


# --- the last administrator ----------------------------------------------------------------------


def test_the_last_administrator_cannot_end_or_unflag_their_membership(login, admin_haarlem, haarlem,
                                                                      inkoper_haarlem):
    own = _membership(admin_haarlem, haarlem)
    client = login(admin_haarlem)
    before = _snapshot()
    response = client.post(_end(own))
    assert response.status_code == 400 and "houdt ten minste één functioneel beheerder" in response.content.decode()
    response = client.post(_update(own), {"role": "broker", "department": "", "is_admin": ""})
    assert response.status_code == 400 and "is_admin" in response.context["form"].errors
    assert _snapshot() == before
    # A pending invitee does not count: it cannot sign in yet.
    invitee = f.UserFactory(username="nog-niet", is_active=False)
    Membership.objects.create(user=invitee, role="broker", organisation=haarlem, is_admin=True)
    assert client.post(_end(own)).status_code == 400
    # With a second active administrator, the first may step down; the page then is no longer theirs.
    _flag(inkoper_haarlem, haarlem)
    response = client.post(_update(own), {"role": "broker", "department": "", "is_admin": ""})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert not _membership(admin_haarlem, haarlem).is_admin
    # Now inkoper is the last active one: not even the superuser ends it here.
    superuser = User.objects.create_superuser("beheer", "beheer@example.org", "x")
    assert login(superuser).post(_end(_membership(inkoper_haarlem, haarlem))).status_code == 400


def test_the_service_reads_the_administrators_rights_again_inside_its_transaction(admin_haarlem, haarlem,
                                                                                   inkoper_haarlem):
    """The rights a request started with (the memberships read once per request) are not trusted:
    another administrator may have taken the flag away meanwhile."""
    membership = _membership(inkoper_haarlem, haarlem)
    assert access.can(admin_haarlem, access.CHANGE, membership)  # memberships read and kept on the user
    other = _flag(f.broker(haarlem, "tweede"), haarlem)
    services.member_change(membership=_membership(admin_haarlem, haarlem), by=other, role="broker",
                           is_admin=False)
    with pytest.raises(PermissionDenied):
        services.member_change(membership=membership, by=admin_haarlem, role="colleague", department="vastgoed")
    membership.refresh_from_db()
    assert membership.department == "inkoop"


def test_the_database_refuses_the_flag_on_a_membership_that_is_not_staff(ondernemer_1):
    with pytest.raises(IntegrityError), transaction.atomic():
        ondernemer_1.memberships.update(is_admin=True)
    membership = ondernemer_1.memberships.get()
    membership.is_admin = True
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "is_admin" in error.value.message_dict


# --- invitations again ---------------------------------------------------------------------------


def test_a_pending_invitee_gets_a_new_link_and_an_active_member_does_not(
        login, admin_haarlem, haarlem, inkoper_haarlem, django_capture_on_commit_callbacks):
    _invite(login(admin_haarlem), haarlem)
    membership = Membership.objects.get(user__email="nina@voorbeeld.nl")
    with django_capture_on_commit_callbacks(execute=True):
        response = login(admin_haarlem).post(reverse("staff:member-reinvite", args=[membership.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/beheer/uitnodiging/" in mail.outbox[0].body
    response = login(admin_haarlem).post(reverse("staff:member-reinvite",
                                                     args=[_membership(inkoper_haarlem, haarlem).pk]))
    assert response.status_code == 400 and len(mail.outbox) == 1


def test_the_link_does_not_reactivate_a_blocked_account(client, haarlem):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    blocked = f.colleague(haarlem, "inkoop", "geblokkeerd")
    blocked.is_active = False
    blocked.set_unusable_password()
    blocked.save()
    User.objects.filter(pk=blocked.pk).update(last_login="2025-01-01T00:00:00Z")
    blocked.refresh_from_db()
    url = reverse("staff:invitation", args=[urlsafe_base64_encode(force_bytes(blocked.pk)),
                                            default_token_generator.make_token(blocked)])
    assert "niet meer geldig" in client.get(url, follow=True).content.decode()


def test_the_list_exports_what_it_shows(login, admin_haarlem, inkoper_haarlem, broker_amersfoort):
    response = login(admin_haarlem).get(LIST, {"_export": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "inkoper-haarlem@example.org" in text and "Collega (Inkoop)" in text
    assert "makelaar-amersfoort" not in text and "<a " not in text


def test_forget_drops_the_memberships_of_the_user_a_request_holds(admin_haarlem, haarlem):
    """``request.user`` is a lazy object; the memberships are cached on the user inside it."""
    from django.utils.functional import SimpleLazyObject

    lazy = SimpleLazyObject(lambda: admin_haarlem)
    assert access.FUNCTIONAL_ADMIN in access.roles_of(lazy)
    Membership.objects.filter(user=admin_haarlem).update(is_admin=False)
    access.forget(lazy)
    assert access.FUNCTIONAL_ADMIN not in access.roles_of(lazy)
