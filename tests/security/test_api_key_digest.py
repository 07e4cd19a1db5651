"""API keys are kept as digests only (ASVS V2.10/V6, ``impactportal.api.tokens``): the database, its
backups and the session table hold no working key; a key is handed out once, when it is made."""

from datetime import timedelta
from importlib import import_module

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from impactportal.accounts.models import VerifiedApiToken
from impactportal.accounts.two_factor_views import TOKEN_KEY
from impactportal.api import tokens
from tests.security.test_api_token_two_factor import ACCOUNT, ask_token, me, shown_key
from tests.security.test_two_factor import sign_in

pytestmark = pytest.mark.django_db

MIGRATION = "impactportal.accounts.migrations.0014_api_key_digests"


def stored_text() -> str:
    """Everything the database keeps that could hold a key: tokens, marks, sessions, the audit log."""
    rows = [*Token.objects.values_list("key", "user_id"), *VerifiedApiToken.objects.values_list("token_id"),
            *Session.objects.values_list("session_key", "session_data"),
            *[(entry.object_pk, entry.object_repr, entry.changes, entry.additional_data)
              for entry in LogEntry.objects.all()]]
    for session in Session.objects.all():
        rows.append((session.get_decoded(),))
    return repr(rows)


def test_the_database_holds_no_key_after_the_token_endpoint(ondernemer_1):
    response = ask_token("ondernemer-1")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    key = response.json()["token"]
    assert len(key) == 40 and me(key).status_code == 200  # the key works
    assert list(Token.objects.values_list("key", flat=True)) == [tokens.digest(key)] != [key]
    assert key not in stored_text()


def test_the_database_holds_no_key_after_the_account_page_makes_one(client, ondernemer_1):
    sign_in(client, ondernemer_1)
    assert client.post(reverse("account-api-token")).status_code == 302
    kept = client.session[TOKEN_KEY]  # until the page shows it: sealed, not the key
    token = Token.objects.get(user=ondernemer_1)
    key = tokens.unsealed(kept, token)
    assert key and kept != key and tokens.digest(key) == token.key
    assert key not in stored_text()
    assert shown_key(client.get(ACCOUNT).content.decode()) == key and me(key).status_code == 200
    assert key not in stored_text() and TOKEN_KEY not in client.session  # gone once shown


def test_the_digest_is_no_key(ondernemer_1):
    key = ask_token("ondernemer-1").json()["token"]
    response = me(tokens.digest(key))
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert me(key).status_code == 200


def test_each_post_makes_a_new_key_and_ends_the_one_before(ondernemer_1):
    first = ask_token("ondernemer-1").json()["token"]
    assert me(first).status_code == 200
    second = ask_token("ondernemer-1").json()["token"]
    assert second != first
    assert me(first).status_code == 401 and me(second).status_code == 200
    assert Token.objects.filter(user=ondernemer_1).count() == 1


def test_the_account_page_shows_the_key_once(client, ondernemer_1):
    sign_in(client, ondernemer_1)
    client.post(reverse("account-api-token"))
    once = client.get(ACCOUNT).content.decode()
    key = shown_key(once)
    assert key and me(key).status_code == 200
    again = client.get(ACCOUNT).content.decode()
    assert shown_key(again) is None and key not in again
    assert "U hebt een API-sleutel, gemaakt op" in again


def test_a_sealed_key_opens_for_its_own_token_only(broker_haarlem, broker_amersfoort):
    new = tokens.renew(broker_haarlem, verified=False)
    other = tokens.renew(broker_amersfoort, verified=False)
    sealed = tokens.sealed(new)
    assert new.key not in sealed and tokens.unsealed(sealed, new.token) == new.key
    assert tokens.unsealed(sealed, other.token) is None
    assert tokens.unsealed(new.key, new.token) is None  # a key put in the session as it is
    assert tokens.unsealed("zz", new.token) is None and tokens.unsealed(None, new.token) is None
    assert tokens.unsealed(sealed, None) is None


def test_the_migration_turns_existing_keys_into_digests_that_keep_working(broker_haarlem, ondernemer_1,
                                                                          staff_policy):
    """Keys from before, stored as they are: with the mark of a verified session (which a broker
    needs under the staff policy) and without; their age and mark stay."""
    marked, plain = Token.generate_key(), Token.generate_key()
    Token.objects.create(user=broker_haarlem, key=marked)
    VerifiedApiToken.objects.create(token_id=marked)
    Token.objects.create(user=ondernemer_1, key=plain)
    made = timezone.now() - timedelta(days=30)
    Token.objects.update(created=made)
    assert me(marked).status_code == 401 and me(plain).status_code == 401  # the portal looks up digests
    import_module(MIGRATION).digest_keys(apps, None)
    assert set(Token.objects.values_list("key", flat=True)) == {tokens.digest(marked), tokens.digest(plain)}
    assert list(VerifiedApiToken.objects.values_list("token_id", flat=True)) == [tokens.digest(marked)]
    assert set(Token.objects.values_list("created", flat=True)) == {made}
    assert me(marked).status_code == 200 and me(plain).status_code == 200
    assert me(tokens.digest(marked)).status_code == 401
    assert import_module(MIGRATION).digest(plain) == tokens.digest(plain)  # the same digest as the portal's
