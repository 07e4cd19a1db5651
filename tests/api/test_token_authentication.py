"""API tokens: the portal's ``TokenAuthentication`` reads the token with SQL compiled once per
process, and must accept and refuse exactly what DRF's own does. The table keeps digests
(``tokens.digest``): DRF's own class, which looks the key up as it comes, is given the digest."""

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from rest_framework import authentication, exceptions
from rest_framework.settings import api_settings

from impactportal.api.authentication import TokenAuthentication
from impactportal.api.tokens import digest
from tests.api_keys import api_key_for

pytestmark = pytest.mark.django_db


def values(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_the_api_authenticates_with_the_portals_class():
    assert TokenAuthentication in api_settings.DEFAULT_AUTHENTICATION_CLASSES


def test_a_token_gives_the_same_user_and_token_as_drf(broker_haarlem):
    key = api_key_for(broker_haarlem)
    ours = TokenAuthentication().authenticate_credentials(key)
    drf = authentication.TokenAuthentication().authenticate_credentials(digest(key))
    assert values(ours[0]) == values(drf[0]) == values(type(broker_haarlem).objects.get(pk=broker_haarlem.pk))
    assert values(ours[1]) == values(drf[1])
    assert ours[0].last_login == drf[0].last_login and ours[0].is_active is True  # converted, not raw
    with CaptureQueriesContext(connection) as queries:
        assert ours[1].user is ours[0]  # the token's user came with it
        assert ours[0]._state.adding is False and ours[0]._state.db == "default"  # as loaded by the ORM
    assert len(queries) == 0


def test_one_query_and_no_compiling_once_the_first_token_was_read(broker_haarlem, monkeypatch):
    key = api_key_for(broker_haarlem)
    TokenAuthentication().authenticate_credentials(key)
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k))
    with CaptureQueriesContext(connection) as queries:
        TokenAuthentication().authenticate_credentials(key)
    assert len(queries) == 1 and compiled == []


@pytest.mark.parametrize("key", ["onbekend", "stand-in-1", "", "x' OR '1'='1"])
def test_an_unknown_key_is_refused_as_drf_refuses_it(broker_haarlem, key):
    api_key_for(broker_haarlem)
    with pytest.raises(exceptions.AuthenticationFailed) as ours:
        TokenAuthentication().authenticate_credentials(key)
    with pytest.raises(exceptions.AuthenticationFailed) as drf:
        authentication.TokenAuthentication().authenticate_credentials(key)
    assert str(ours.value.detail) == str(drf.value.detail)


def test_an_inactive_users_token_is_refused(broker_haarlem, api):
    key = api_key_for(broker_haarlem)
    broker_haarlem.is_active = False
    broker_haarlem.save(update_fields=["is_active"])
    with pytest.raises(exceptions.AuthenticationFailed) as ours:
        TokenAuthentication().authenticate_credentials(key)
    with pytest.raises(exceptions.AuthenticationFailed) as drf:
        authentication.TokenAuthentication().authenticate_credentials(digest(key))
    assert str(ours.value.detail) == str(drf.value.detail)
    response = api().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"


def test_over_http_a_token_signs_in_and_a_wrong_one_is_401(broker_haarlem, api):
    key = api_key_for(broker_haarlem)
    me = api().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    assert me.status_code == 200 and me.json()["username"] == "makelaar-haarlem"
    wrong = api().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key[:-1]}x", HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"] == "Token"
    assert wrong.json()["detail"] == "Invalid token."
