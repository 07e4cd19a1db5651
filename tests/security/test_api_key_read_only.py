"""A key that may only read (the box "Alleen lezen" on the account page, ``accounts.ReadOnlyApiToken``):
every call that changes something answers 403 with a plain message, but revoking the key itself;
the mark comes in the token's own row (``impactportal.api.authentication``)."""

import re
from pathlib import Path

import polib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from enterprises.models import ContactMoment
from impactportal.accounts.models import ReadOnlyApiToken
from impactportal.api import tokens
from impactportal.api.authentication import TokenAuthentication
from tests.api.test_client_messages import _operations
from tests.security.test_api_token_two_factor import ACCOUNT, shown_key
from tests.security.test_two_factor import sign_in

pytestmark = pytest.mark.django_db

READ_ONLY = "Deze API-sleutel kan alleen lezen"
FRAGMENT = Path(__file__).resolve().parents[2] / "locale/en/extra/api-key-digest.po"


def api(key, language="nl"):
    return APIClient(HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE=language)


def moment(enterprise):
    return {"organisation": "haarlem", "enterprise": enterprise.pk, "kind": "conversation", "date": "2026-02-01",
            "subject": "Gesprek"}


def test_the_account_page_makes_a_key_that_only_reads(client, broker_haarlem, enterprise_haarlem):
    sign_in(client, broker_haarlem)
    page = client.get(ACCOUNT).content.decode()
    assert 'name="read_only"' in page and "Alleen lezen (de sleutel kan niets wijzigen)" in page
    assert client.post(reverse("account-api-token"), {"read_only": "1"}).status_code == 302
    key = shown_key(client.get(ACCOUNT).content.decode())
    assert ReadOnlyApiToken.objects.filter(token_id=tokens.digest(key)).exists()
    assert 'id="api-token-read-only-status"' in client.get(ACCOUNT).content.decode()
    assert api(key).get("/api/v1/me/").status_code == 200  # it reads
    assert api(key).get("/api/v1/enterprises/").status_code == 200
    refused = api(key).post("/api/v1/contact-moments/", moment(enterprise_haarlem), format="json")
    assert refused.status_code == 403 and READ_ONLY in refused.json()["detail"]
    assert not ContactMoment.objects.exists()
    # Without the box, the next key writes again.
    client.post(reverse("account-api-token"))
    key = shown_key(client.get(ACCOUNT).content.decode())
    assert not ReadOnlyApiToken.objects.exists()
    assert 'id="api-token-read-only-status"' not in client.get(ACCOUNT).content.decode()
    assert api(key).post("/api/v1/contact-moments/", moment(enterprise_haarlem), format="json").status_code == 201


def test_every_write_in_the_schema_is_refused_to_a_read_only_key(client, broker_haarlem, enterprise_haarlem):
    """Every write of the API, the actions included, before the view reads anything."""
    key = tokens.renew(broker_haarlem, verified=False, read_only=True).key
    for method, path, _op in _operations(client):
        if method in ("GET", "HEAD", "OPTIONS") or (path == "/api/v1/auth/token/" and method == "DELETE"):
            continue
        if path == "/api/v1/auth/token/":  # POST reads no key: the password makes a new one
            continue
        url = re.sub(r"\{[^}]+\}", str(enterprise_haarlem.pk), path)
        response = getattr(api(key), method.lower())(url, {}, format="json")
        assert response.status_code == 403, f"{method} {path}: {response.status_code}"
        assert READ_ONLY in response.json()["detail"], f"{method} {path}"


def test_a_read_only_key_revokes_itself(broker_haarlem):
    key = tokens.renew(broker_haarlem, verified=False, read_only=True).key
    assert api(key).delete(reverse("api-token")).status_code == 204
    assert not Token.objects.exists() and not ReadOnlyApiToken.objects.exists()
    assert api(key).get("/api/v1/me/").status_code == 401


def test_the_refusal_is_in_english_for_an_english_client(broker_haarlem, enterprise_haarlem):
    key = tokens.renew(broker_haarlem, verified=False, read_only=True).key
    response = api(key, "en").post("/api/v1/contact-moments/", moment(enterprise_haarlem), format="json")
    assert response.status_code == 403
    english = {entry.msgid: entry.msgstr for entry in polib.pofile(str(FRAGMENT))}
    message = next(msgid for msgid in english if msgid.startswith(READ_ONLY))
    assert english[message].startswith("This API key can only read")
    assert response.json()["detail"] in (message, english[message])  # English once the catalogue has it


def test_the_read_only_mark_costs_no_query(broker_haarlem):
    key = tokens.renew(broker_haarlem, verified=False, read_only=True).key
    TokenAuthentication().authenticate_credentials(key)
    with CaptureQueriesContext(connection) as queries:
        _user, token = TokenAuthentication().authenticate_credentials(key)
    assert len(queries) == 1 and token.read_only is True
    full = tokens.renew(broker_haarlem, verified=False).key
    assert TokenAuthentication().authenticate_credentials(full)[1].read_only is False


def test_the_token_endpoint_makes_no_read_only_key(ondernemer_1):
    """The fixed interface of ``POST /api/v1/auth/token/``: a full key, as before."""
    response = APIClient().post(reverse("api-token"), {"username": "ondernemer-1", "password": "test-password-123",
                                                       "read_only": True}, format="json")
    assert response.status_code == 200 and not ReadOnlyApiToken.objects.exists()
