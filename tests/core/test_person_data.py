"""A person's data (AVG art. 15 and 17): ``manage.py person_data`` exports everything the portal
holds about an e-mail address, ``manage.py erase_person`` anonymises it in one transaction."""

import io
import json
from unittest import mock

import pytest
from auditlog.models import LogEntry
from axes.models import AccessLog
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from brokers.helpdesk import services as helpdesk
from brokers.models import Case, CaseMessage, EnterpriseLinkRequest
from enterprises.models import ContactPerson
from impactportal.accounts import personal_data
from impactportal.api import tokens
from impactportal.audit import acting_as
from impactportal.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db

EMAIL = "jan.jansen@horrocks.example"
OLD = ("jan.jansen@horrocks.example", "Jansen", "Jan Jansen", "06 9876 5432")


@pytest.fixture
def person(enterprise_haarlem, enterprise_amersfoort, broker_haarlem):
    """An entrepreneur (signed up with their e-mail address as user name) who is also their
    enterprise's contact person, with a question, a reply, a notification, an API token, an open
    session, a sign-in record, a request to be linked to another enterprise and audit entries (some
    written by a broker, some by themselves)."""
    user = f.entrepreneur(enterprise_haarlem, EMAIL)
    with acting_as(user):
        get_user_model().objects.filter(pk=user.pk).update(email=EMAIL)
        user.refresh_from_db()
        user.first_name, user.last_name = "Jan", "Jansen"
        user.save()
        # Named after them in the audit log ("Jan Jansen → Bakkerij Amersfoort").
        EnterpriseLinkRequest.objects.create(user=user, enterprise=enterprise_amersfoort)
    with acting_as(broker_haarlem):
        contact = ContactPerson.objects.create(enterprise=enterprise_haarlem, name="Jan Jansen", role="Eigenaar",
                                               email=EMAIL.upper(), phone="06 9876 5432")
    case = helpdesk.case_submit(submitter=user, enterprise=enterprise_haarlem, category="financing",
                                subject="Lening", description="Wij zoeken een lening.")
    helpdesk.case_reply(case=case, author=user, body="Aanvulling van Jan.")
    Notification.objects.create(recipient=user, subject="Uw vraag is ontvangen", body="Dank")
    tokens.issue(user)  # an API key (the table keeps its digest)
    client = Client()
    client.force_login(user)
    AccessLog.objects.create(username=EMAIL, ip_address="192.0.2.7", user_agent="test")
    return {"user": user, "contact": contact, "case": case, "client": client}


def _export(email=EMAIL) -> dict:
    out = io.StringIO()
    call_command("person_data", "--email", email, stdout=out)
    return json.loads(out.getvalue())


def _erase(*args) -> str:
    out = io.StringIO()
    call_command("erase_person", *args, stdout=out)
    return out.getvalue()


def _log_text() -> str:
    return json.dumps([[e.object_repr, e.changes, e.changes_text, e.additional_data, e.serialized_data, e.actor_email]
                       for e in LogEntry.objects.all()], ensure_ascii=False)


def test_person_data_exports_everything_about_the_address(person, broker_haarlem):
    data = _export(EMAIL.upper())  # the address as typed, in any case
    assert len(data["users"]) == 1
    found = data["users"][0]
    assert found["account"]["email"] == EMAIL and found["account"]["first_name"] == "Jan"
    assert "password" not in found["account"]
    assert [m["role"] for m in found["memberships"]] == ["entrepreneur"]
    assert [c["subject"] for c in found["records"]["brokers.Case"]] == ["Lening"]
    assert "Aanvulling van Jan." in [m["body"] for m in found["records"]["brokers.CaseMessage"]]
    assert len(found["records"]["brokers.EnterpriseLinkRequest"]) == 1
    assert [n["subject"] for n in found["notifications"]] == ["Uw vraag is ontvangen"]
    assert found["api_token"] is True
    assert found["audit_entries_as_actor"].get("accounts.user")  # they changed their own account
    assert [(c["model"], c["phone"]) for c in data["records_with_email"]] == [("enterprises.ContactPerson",
                                                                              "06 9876 5432")]
    assert data["records_with_email"][0]["enterprise_name"] == person["contact"].enterprise.name
    about = {(e["object"], e["object_pk"]) for e in data["audit_entries"]}
    assert ("accounts.user", str(person["user"].pk)) in about
    assert ("enterprises.contactperson", str(person["contact"].pk)) in about
    # Nothing of anyone else.
    assert broker_haarlem.email not in json.dumps(data)


def test_person_data_of_an_unknown_address_is_empty():
    data = _export("niemand@example.org")
    assert data["users"] == [] and data["records_with_email"] == [] and data["audit_entries"] == []


def test_erase_person_anonymises_the_account_the_contact_and_the_audit_log(person, broker_haarlem):
    user, contact = person["user"], person["contact"]
    assert EMAIL in _log_text().lower() and "06 9876 5432" in _log_text() and "Jan Jansen → " in _log_text()
    actor_entries = set(LogEntry.objects.filter(actor=user).values_list("pk", flat=True))
    assert actor_entries
    printed = _erase("--email", EMAIL)
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()
    assert (user.username, user.email, user.first_name, user.last_name) == (
        f"verwijderd-{user.pk}", f"verwijderd-{user.pk}@verwijderd.invalid", "Verwijderde", f"gebruiker {user.pk}")
    assert not Token.objects.filter(user=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()
    assert not AccessLog.objects.filter(username__iexact=EMAIL).exists()
    assert not [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]
    assert person["client"].get("/dashboard/").status_code == 302  # signed out
    contact.refresh_from_db()
    assert (contact.name, contact.email, contact.phone, contact.role) == ("[verwijderd]", "", "", "Eigenaar")
    # The audit log keeps who did what, without the old values.
    log = _log_text()
    for value in OLD:
        assert value.lower() not in log.lower(), value
    assert set(LogEntry.objects.filter(actor=user).values_list("pk", flat=True)) >= actor_entries
    assert f"verwijderd-{user.pk}@verwijderd.invalid" in log
    # The municipality's records stay, linked to the pseudonym.
    assert Case.objects.get(pk=person["case"].pk).submitter == user
    assert CaseMessage.objects.filter(author=user, body="Aanvulling van Jan.").exists()
    assert f"user {user.pk}:" in printed and f"enterprises.ContactPerson {contact.pk}" in printed
    assert "audit log: old values scrubbed" in printed
    # Nothing is found any more under the old address.
    assert _export()["users"] == [] and _export()["records_with_email"] == []


def test_a_dry_run_says_what_would_change_and_changes_nothing(person):
    log_before = _log_text()
    printed = _erase("--email", EMAIL, "--dry-run")
    assert f"user {person['user'].pk}:" in printed and "Dry run: nothing was changed." in printed
    person["user"].refresh_from_db()
    person["contact"].refresh_from_db()
    assert person["user"].is_active and person["user"].email == EMAIL and person["contact"].phone == "06 9876 5432"
    assert Token.objects.filter(user=person["user"]).exists() and Notification.objects.filter(
        recipient=person["user"]).exists()
    assert _log_text() == log_before
    assert person["client"].get("/dashboard/").status_code == 200  # still signed in


def test_erasure_is_one_transaction(person):
    """A failure while scrubbing the audit log leaves the account and the contact as they were."""
    with mock.patch.object(personal_data, "_scrub_audit_log", side_effect=RuntimeError("disk full")), \
            pytest.raises(RuntimeError):
        _erase("--email", EMAIL)
    person["user"].refresh_from_db()
    person["contact"].refresh_from_db()
    assert person["user"].is_active and person["user"].first_name == "Jan"
    assert person["contact"].name == "Jan Jansen" and Token.objects.filter(user=person["user"]).exists()


def test_a_superuser_is_erased_only_with_force():
    admin = f.UserFactory(username="beheerder", email="beheer@gemeente.example", is_superuser=True, is_staff=True)
    with pytest.raises(CommandError, match="superuser"):
        _erase("--email", "beheer@gemeente.example")
    admin.refresh_from_db()
    assert admin.is_active and admin.email == "beheer@gemeente.example"
    _erase("--email", "beheer@gemeente.example", "--force")
    admin.refresh_from_db()
    assert not admin.is_active and admin.email == f"verwijderd-{admin.pk}@verwijderd.invalid"


def test_only_a_contact_person_with_the_address(enterprise_amersfoort, broker_amersfoort):
    with acting_as(broker_amersfoort):
        contact = ContactPerson.objects.create(enterprise=enterprise_amersfoort, name="Piet Bakker",
                                               email="piet@bakkerij.example", phone="033 123 4567")
        other = ContactPerson.objects.create(enterprise=enterprise_amersfoort, name="Anna Bakker",
                                             email="anna@bakkerij.example")
    printed = _erase("--email", "piet@bakkerij.example")
    contact.refresh_from_db()
    other.refresh_from_db()
    assert contact.name == "[verwijderd]" and not contact.email and not contact.phone
    assert other.name == "Anna Bakker" and other.email == "anna@bakkerij.example"
    assert "Piet Bakker" not in _log_text() and "Anna Bakker" in _log_text()
    assert f"enterprises.ContactPerson {contact.pk}, enterprise" in printed
    assert "nothing found" in _erase("--email", "niemand@example.org")


def test_an_empty_address_matches_nobody():
    """Accounts without an address (``email=""``) are not "the person with the empty address"."""
    nobody = f.UserFactory(username="zonder-adres", email="")
    for command in ("erase_person", "person_data"):
        with pytest.raises(CommandError, match="not an e-mail address"):
            call_command(command, "--email", "  ", stdout=io.StringIO())
    nobody.refresh_from_db()
    assert nobody.is_active and nobody.username == "zonder-adres"
