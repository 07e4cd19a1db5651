"""Mails go in their recipient's language (``notifications.mail_language``): the language the user
chose (``User.language``: "Mijn account", or the language switch while signed in), else the
portal's default (Dutch) for a notification, whoever's action sent it. A password reset follows the
account's language, else the page it was asked on; a link to choose a first password for a new
address the inviting page's."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from impactportal.accounts.models import User
from impactportal.notifications import mail_language, notify

pytestmark = pytest.mark.django_db


def message():
    # Strings the English catalogue translates (the helpdesk's).
    return _("Nieuwe vraag: %(s)s") % {"s": "Subsidie"}, _("Vraag #%(pk)s is heropend.") % {"pk": 7}


def _prefers(user, language):
    User.objects.filter(pk=user.pk).update(language=language)
    user.refresh_from_db()
    return user


def _language(user) -> str:
    return User.objects.values_list("language", flat=True).get(pk=user.pk)


# --- notification mails --------------------------------------------------------------------------


@pytest.mark.parametrize("triggered_in", ["nl", "en"])
def test_an_english_preferring_user_gets_the_english_texts_by_mail(
        broker_haarlem, mailoutbox, django_capture_on_commit_callbacks, triggered_in):
    _prefers(broker_haarlem, "en")
    with translation.override(triggered_in), django_capture_on_commit_callbacks(execute=True):
        notify(recipient=broker_haarlem, message=message, url="/meldingen/")
    [mail] = mailoutbox
    assert mail.subject == "New question: Subsidie"
    assert mail.body.startswith("Question #7 has been reopened.") and mail.body.endswith("/meldingen/")
    assert "Vraag" not in mail.body and mail.to == [broker_haarlem.email]


@pytest.mark.parametrize("triggered_in", ["nl", "en"])
def test_a_dutch_preferring_user_gets_the_dutch_texts_by_mail(
        broker_haarlem, mailoutbox, django_capture_on_commit_callbacks, triggered_in):
    _prefers(broker_haarlem, "nl")
    with translation.override(triggered_in), django_capture_on_commit_callbacks(execute=True):
        notify(recipient=broker_haarlem, message=message)
    [mail] = mailoutbox
    assert (mail.subject, mail.body) == ("Nieuwe vraag: Subsidie", "Vraag #7 is heropend.")


def test_each_recipient_of_one_event_gets_their_own_language(
        broker_haarlem, inkoper_haarlem, mailoutbox, django_capture_on_commit_callbacks):
    _prefers(broker_haarlem, "en")
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        notify(recipient=broker_haarlem, message=message)
        notify(recipient=inkoper_haarlem, message=message)  # chose none: the portal's default
    subjects = {tuple(mail.to): mail.subject for mail in mailoutbox}
    assert subjects == {(broker_haarlem.email,): "New question: Subsidie",
                        (inkoper_haarlem.email,): "Nieuwe vraag: Subsidie"}


def test_mail_language_is_the_choice_else_the_fallback_else_the_default(broker_haarlem):
    assert mail_language(broker_haarlem) == "nl"
    assert mail_language(broker_haarlem, fallback="en") == "en"
    assert mail_language(broker_haarlem, fallback="xx") == "nl"
    _prefers(broker_haarlem, "en")
    assert mail_language(broker_haarlem) == mail_language(broker_haarlem, fallback="nl") == "en"
    assert mail_language(None) == "nl"


# --- the language switch ------------------------------------------------------------------------


def _switch(client, language):
    return client.post(reverse("set_language"), {"language": language, "next": "/dashboard/"})


def test_switching_language_while_signed_in_stores_the_preference(login, broker_haarlem):
    client = login(broker_haarlem)
    response = _switch(client, "en")
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    assert _language(broker_haarlem) == "en"
    _switch(client, "nl")
    assert _language(broker_haarlem) == "nl"


def test_switching_writes_the_account_only_when_the_language_changes(login, broker_haarlem):
    client = login(broker_haarlem)
    _switch(client, "en")
    entries = LogEntry.objects.get_for_object(broker_haarlem)
    changes = [entry for entry in entries if entry.action == LogEntry.Action.UPDATE]
    assert len(changes) == 1 and changes[0].actor_id == broker_haarlem.pk  # audited, by the user
    assert changes[0].changes_dict == {"language": ["", "en"]}
    _switch(client, "en")
    assert LogEntry.objects.get_for_object(broker_haarlem).count() == entries.count()


def test_switching_without_signing_in_or_to_an_unknown_language_stores_nothing(client, login, broker_haarlem):
    assert _switch(client, "en").status_code == 302  # a visitor: only the cookie
    assert _language(broker_haarlem) == ""
    _switch(login(broker_haarlem), "xx")
    assert _language(broker_haarlem) == ""


def test_a_session_that_owes_its_second_factor_stores_nothing(settings, client, broker_haarlem):
    settings.PORTAL_2FA_REQUIRED = "staff"  # a broker must use it; this session has not given a code
    broker_haarlem.set_password("Lang-genoeg-2026")
    broker_haarlem.save()
    assert client.login(username=broker_haarlem.username, password="Lang-genoeg-2026")
    assert _switch(client, "en").status_code == 302  # the switch itself still works
    assert _language(broker_haarlem) == ""


# --- "Mijn account" -----------------------------------------------------------------------------


def test_the_account_page_offers_the_choice(login, broker_haarlem):
    with translation.override("nl"):
        page = login(broker_haarlem).get(reverse("account")).content.decode()
    assert "Taal van e-mails en meldingen" in page and 'name="language"' in page
    assert reverse("account-language") in page


def test_the_account_form_saves_the_language(login, broker_haarlem):
    client = login(broker_haarlem)
    response = client.post(reverse("account-language"), {"language": "en"})
    assert response.status_code == 302 and response["Location"].endswith(reverse("account") + "#taal")
    assert _language(broker_haarlem) == "en"
    client.post(reverse("account-language"), {"language": ""})  # back to the portal's default
    assert _language(broker_haarlem) == ""


def test_the_account_form_refuses_an_unknown_language(login, broker_haarlem):
    response = login(broker_haarlem).post(reverse("account-language"), {"language": "xx"})
    assert response.status_code == 400 and _language(broker_haarlem) == ""


def test_the_api_shows_the_preference_read_only(api, broker_haarlem):
    assert api(User.objects.get(pk=broker_haarlem.pk)).get("/api/v1/me/").json()["language"] == ""
    _prefers(broker_haarlem, "en")
    client = api(User.objects.get(pk=broker_haarlem.pk))
    assert client.get("/api/v1/me/").json()["language"] == "en"
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert "language" in schema["components"]["schemas"]["Me"]["properties"]


# --- mails that are not notifications -----------------------------------------------------------


def _reset(client, email, page_language="nl"):
    client.cookies["django_language"] = page_language
    return client.post(reverse("password_reset"), {"email": email})


def test_a_password_reset_mail_goes_in_the_accounts_language(client, broker_haarlem, mailoutbox):
    _prefers(broker_haarlem, "en")
    broker_haarlem.set_password("Lang-genoeg-2026")
    broker_haarlem.save()
    assert _reset(client, broker_haarlem.email, page_language="nl").status_code == 302
    [mail] = mailoutbox
    assert mail.subject == "New password for the Impactportaal", mail.subject
    assert "Choose it using this link" in mail.body and "Kies het" not in mail.body


def test_a_password_reset_mail_without_a_choice_goes_in_the_pages_language(client, broker_haarlem, mailoutbox):
    broker_haarlem.set_password("Lang-genoeg-2026")
    broker_haarlem.save()
    _reset(client, broker_haarlem.email, page_language="en")
    _prefers(broker_haarlem, "nl")
    _reset(client, broker_haarlem.email, page_language="en")
    english, dutch = mailoutbox
    assert english.subject == "New password for the Impactportaal"
    assert dutch.subject == "Nieuw wachtwoord voor het Impactportaal"


def test_an_invitation_of_a_new_address_goes_in_the_inviting_pages_language(
        broker_haarlem, haarlem, mailoutbox, django_capture_on_commit_callbacks):
    from impactportal.accounts import services
    from impactportal.accounts.models import Membership

    Membership.objects.filter(user=broker_haarlem, organisation=haarlem).update(is_admin=True)
    by = User.objects.get(pk=broker_haarlem.pk)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.member_invite(organisation=haarlem, email="nina@voorbeeld.nl", first_name="Nina",
                               last_name="de Nieuwe", role="broker", by=by)
    [mail] = mailoutbox
    assert mail.to == ["nina@voorbeeld.nl"]
    assert mail.subject.startswith("Invitation") and "Kies eerst" not in mail.body
