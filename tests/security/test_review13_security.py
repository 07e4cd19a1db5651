"""Security review 13 of the shared core (``impactportal/``): each test fails without its fix."""

import io

import openpyxl
import pytest
from auditlog.models import LogEntry

from impactportal import exports
from impactportal.api import tokens
from tests.security.test_two_factor import sign_in

pytestmark = pytest.mark.django_db


# --- two-factor: a session that owes its code reaches no API with a made-up Authorization header ---


@pytest.mark.parametrize("header", ["Basic Zm9vOmJhcg==", "Bearer x", "", "x", "Token\xa0abc"])
def test_a_pending_session_gets_no_api_data_with_another_authorization_header(client, broker_haarlem, staff_policy,
                                                                              header):
    """Only the password was given: any Authorization header but a token let the API fall back to
    this very session (SessionAuthentication), a full bypass of the second factor."""
    sign_in(client, broker_haarlem)
    response = client.get("/api/v1/brokers/teams/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 403 and "tweestapsverificatie" in response.json()["detail"]
    response = client.post("/api/v1/brokers/teams/", {}, content_type="application/json",
                           HTTP_AUTHORIZATION=header)
    assert response.status_code == 403


def test_a_token_client_still_passes_next_to_a_pending_session(client, broker_haarlem, staff_policy):
    token = tokens.renew(broker_haarlem, verified=True)
    sign_in(client, broker_haarlem)
    assert client.get("/api/v1/brokers/teams/", HTTP_AUTHORIZATION=f"token {token.key}").status_code == 200
    # A malformed token header is the token scheme's 401, never the session's data.
    assert client.get("/api/v1/brokers/teams/", HTTP_AUTHORIZATION="Token").status_code == 401


# --- the audit log never holds an API key ---------------------------------------------------------


def test_making_an_api_key_is_audited_without_the_key(broker_haarlem):
    token = tokens.renew(broker_haarlem, verified=True)
    written = [f"{entry.object_pk} {entry.object_repr} {entry.changes} {entry.additional_data}"
               for entry in LogEntry.objects.all()]
    assert not [text for text in written if token.key in text or token.token.key in text]  # nor its digest
    made = LogEntry.objects.get(object_pk=str(broker_haarlem.pk), additional_data__event="api-key-made")
    assert made.additional_data["after_second_factor"] is True


# --- exports: no live formula in a workbook ---------------------------------------------------------


@pytest.mark.parametrize("text", ["\x01=HYPERLINK(\"https://example.org\")", "\x1f+1+1", "\x08@SUM(A1)"])
def test_a_control_character_does_not_hide_a_formula_in_an_xlsx_export(text):
    """The workbook writer drops control characters it cannot store after the formula check."""
    stream = io.BytesIO()
    exports.write_rows("xlsx", iter([["Naam"], [text]]), stream, "Export")
    cell = openpyxl.load_workbook(io.BytesIO(stream.getvalue())).active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'"), (cell.value, cell.data_type)
    assert exports.export_cell(text).startswith("'")


def test_the_migration_drops_the_keys_already_in_the_audit_log(broker_haarlem):
    from importlib import import_module

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from impactportal.accounts.models import VerifiedApiToken

    token = tokens.renew(broker_haarlem, verified=True)
    content_type = ContentType.objects.get_for_model(VerifiedApiToken)
    LogEntry.objects.create(content_type=content_type, object_pk=token.key, object_repr="x", action=0,
                            changes={"token": ["None", token.key]})
    import_module("impactportal.accounts.migrations.0012_purge_api_keys_from_audit_log").purge(apps, None)
    assert not LogEntry.objects.filter(content_type=content_type).exists()
    assert LogEntry.objects.filter(object_pk=str(broker_haarlem.pk)).exists()  # the rest stays


# --- the password reset link -------------------------------------------------------------------------


def test_the_password_reset_link_is_under_the_portals_address_not_the_requests_host(client, broker_haarlem,
                                                                                      settings):
    from django.core import mail
    from django.urls import reverse

    settings.PORTAL_BASE_URL = "https://impactportaal.example.nl"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "intern.example.org"]
    response = client.post(reverse("password_reset"), {"email": broker_haarlem.email}, HTTP_HOST="intern.example.org")
    assert response.status_code == 302
    [message] = mail.outbox
    assert "https://impactportaal.example.nl/accounts/reset/" in message.body
    assert "intern.example.org" not in message.body


# --- cookie flags ----------------------------------------------------------------------------------


def test_the_language_cookie_has_the_session_cookies_flags(client, settings):
    from django.conf import settings as live

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    cookie = response.cookies[live.LANGUAGE_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert live.LANGUAGE_COOKIE_SECURE == live.SESSION_COOKIE_SECURE


# --- the admin never shows or logs an API key ---------------------------------------------------------


def test_the_admin_neither_lists_nor_logs_api_keys(client, superuser, ondernemer_1):
    """Nor their digests (what the table keeps); and it makes or changes no key: a key is made by and
    shown to its user only (``impactportal.api.tokens``)."""
    from django.contrib.admin.models import LogEntry as AdminLogEntry
    from rest_framework.authtoken.models import Token

    client.force_login(superuser)
    assert client.post("/admin/authtoken/tokenproxy/add/", {"user": ondernemer_1.pk}).status_code == 403
    assert not Token.objects.exists()
    made = tokens.issue(ondernemer_1)
    listed = client.get("/admin/authtoken/tokenproxy/")
    assert listed.status_code == 200 and ondernemer_1.username in listed.content.decode()
    shown = client.get(f"/admin/authtoken/tokenproxy/{ondernemer_1.pk}/change/")
    assert shown.status_code == 200 and 'name="user"' not in shown.content.decode()  # read only
    delete = client.get(f"/admin/authtoken/tokenproxy/{ondernemer_1.pk}/delete/")
    assert delete.status_code == 200
    assert client.post(f"/admin/authtoken/tokenproxy/{ondernemer_1.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Token.objects.exists()
    for secret in (made.key, made.token.key):
        assert secret not in listed.content.decode() and secret not in shown.content.decode()
        assert secret not in delete.content.decode()
        assert not AdminLogEntry.objects.filter(object_repr__contains=secret).exists()


# --- request size ------------------------------------------------------------------------------------


def test_a_body_larger_than_any_upload_is_refused_before_it_is_read(client, ondernemer_1, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    settings.PORTAL_MAX_REQUEST_BYTES = 64 * 1024
    client.force_login(ondernemer_1)
    big = SimpleUploadedFile("groot.pdf", b"%PDF-1.4\n" + b"0" * 100_000, content_type="application/pdf")
    response = client.post(reverse("dashboard"), {"file": big})
    assert response.status_code == 413 and "groter dan" in response.content.decode()
    big.seek(0)
    response = client.post("/api/v1/helpdesk/cases/", {"file": big})
    assert response.status_code == 413 and response.json()["detail"]
    # Below the limit nothing changes.
    assert client.post(reverse("notifications-read")).status_code == 302


# --- failed sign-ins per user name, across connections (ASVS 2.2.1) ---------------------------------


def test_one_user_name_guessed_from_many_connections_is_limited(settings, ratelimit_on, broker_haarlem,
                                                                 broker_amersfoort):
    """Five tries per user name and IP (axes) and thirty per IP: from forty addresses that was a
    thousand guesses an hour at one account. Now the user name itself has a limit, for every name alike."""
    from django.test import Client
    from django.urls import reverse

    from tests.security.test_hardening import PASSWORD, login

    settings.LOGIN_FAILURE_RATE_PER_USERNAME = "3/h"
    for n in range(3):
        assert login(Client(REMOTE_ADDR=f"203.0.113.{n}"), "Makelaar-Haarlem", "fout-wachtwoord").status_code == 200
        assert login(Client(REMOTE_ADDR=f"203.0.113.{n}"), "niemand-bekend", "fout-wachtwoord").status_code == 200
    fresh = Client(REMOTE_ADDR="198.51.100.9")
    refused = login(fresh, "makelaar-haarlem", PASSWORD)  # even the right password, from a new address
    assert refused.status_code == 429 and "_auth_user_id" not in fresh.session
    assert "Met deze gebruikersnaam" in refused.content.decode()
    # An unknown name gets the very same answer: the limit tells nothing about which names exist.
    unknown = login(Client(REMOTE_ADDR="198.51.100.10"), "niemand-bekend", PASSWORD)
    assert unknown.status_code == 429 and "Met deze gebruikersnaam" in unknown.content.decode()
    token = Client(REMOTE_ADDR="198.51.100.11").post(reverse("api-token"), {"username": "makelaar-haarlem",
                                                                           "password": PASSWORD})
    assert token.status_code == 429 and "token" not in token.json()
    # Any other way in (the admin's login) is refused by the backend; other user names sign in.
    from django.contrib.auth import authenticate

    assert authenticate(RequestFactoryPost(), username="makelaar-haarlem", password=PASSWORD) is None
    assert login(Client(REMOTE_ADDR="198.51.100.12"), "makelaar-amersfoort", PASSWORD).status_code == 302


def RequestFactoryPost():  # noqa: N802 - reads as the request it makes
    from django.test import RequestFactory

    return RequestFactory().post("/admin/login/", REMOTE_ADDR="198.51.100.13")


def test_the_token_endpoints_answer_is_never_cached(client, ondernemer_1):
    from django.urls import reverse

    from tests.security.test_hardening import PASSWORD

    response = client.post(reverse("api-token"), {"username": ondernemer_1.username, "password": PASSWORD})
    assert response.status_code == 200 and response.json()["token"]
    assert "no-store" in response["Cache-Control"]
