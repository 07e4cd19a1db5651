"""Signed-in pages find their user with the portal's ``ModelBackend``: the user's row read by
SQL compiled once per process, with the same answers as Django's own backend."""

import pytest
from django.conf import settings
from django.contrib.auth import backends
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from impactportal.accounts.backends import ModelBackend

pytestmark = pytest.mark.django_db


def values(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_sessions_are_resolved_by_the_portals_backend():
    assert "impactportal.accounts.backends.ModelBackend" in settings.AUTHENTICATION_BACKENDS
    assert "django.contrib.auth.backends.ModelBackend" not in settings.AUTHENTICATION_BACKENDS


def test_the_same_user_as_djangos_backend(broker_haarlem):
    broker_haarlem.refresh_from_db()
    ours, django = ModelBackend().get_user(broker_haarlem.pk), backends.ModelBackend().get_user(broker_haarlem.pk)
    assert values(ours) == values(django) == values(broker_haarlem)
    assert ours.date_joined == django.date_joined and ours.date_joined.tzinfo is not None  # converted, not raw
    assert ours._state.adding is False and ours._state.db == "default"


def test_unknown_and_inactive_users_are_refused(broker_haarlem):
    assert ModelBackend().get_user(broker_haarlem.pk + 1000) is None
    assert ModelBackend().get_user(-1) is None  # the stand-in id the SQL was written with
    type(broker_haarlem).objects.filter(pk=broker_haarlem.pk).update(is_active=False)
    assert ModelBackend().get_user(broker_haarlem.pk) is None
    assert backends.ModelBackend().get_user(broker_haarlem.pk) is None


def test_one_query_and_no_compiling_once_a_user_was_read(broker_haarlem, monkeypatch):
    ModelBackend().get_user(broker_haarlem.pk)
    compiled = []
    original = SQLCompiler.as_sql
    monkeypatch.setattr(SQLCompiler, "as_sql", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k))
    with CaptureQueriesContext(connection) as queries:
        ModelBackend().get_user(broker_haarlem.pk)
    assert len(queries) == 1 and compiled == []


def test_signing_in_through_the_form_opens_the_dashboard(client, broker_haarlem):
    broker_haarlem.set_password("een-lang-wachtwoord-42")
    broker_haarlem.save()
    response = client.post("/accounts/login/", {"username": broker_haarlem.username,
                                                "password": "een-lang-wachtwoord-42"})
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "impactportal.accounts.backends.ModelBackend"
    page = client.get("/dashboard/")
    assert page.status_code == 200 and page.wsgi_request.user.pk == broker_haarlem.pk


def test_a_deactivated_user_is_signed_out_on_the_next_page(client, broker_haarlem):
    client.force_login(broker_haarlem)
    assert client.get("/dashboard/").status_code == 200
    type(broker_haarlem).objects.filter(pk=broker_haarlem.pk).update(is_active=False)
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
