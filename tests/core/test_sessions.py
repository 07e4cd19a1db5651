"""The session engines read the session's row with SQL compiled once (``accounts.sessions``) and
answer as Django's own engines do: the data of a live session, nothing for an expired, unknown or
absent key (which then forgets its key)."""

import datetime as dt

import pytest
from django.contrib.sessions.backends import cached_db as django_cached_db
from django.contrib.sessions.backends import db as django_db
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.utils import timezone

from impactportal.accounts.sessions import cached_db, db

pytestmark = pytest.mark.django_db

ENGINES = [(db.SessionStore, django_db.SessionStore), (cached_db.SessionStore, django_cached_db.SessionStore)]


def _saved(store_class, **data):
    store = store_class()
    store.update(data)
    store.save()
    return store.session_key


@pytest.mark.parametrize("ours, django", ENGINES)
def test_a_live_session_loads_as_with_djangos_engine(ours, django):
    key = _saved(ours, user="7", taal="nl", aantal=3)
    cache.clear()  # cached_db: read from the database
    mine, theirs = ours(key), django(key)
    assert dict(mine.items()) == dict(theirs.items()) == {"user": "7", "taal": "nl", "aantal": 3}
    assert mine.session_key == theirs.session_key == key
    found, expected = ours(key)._get_session_from_db(), django(key)._get_session_from_db()
    assert (found.session_key, found.session_data, found.expire_date) == (
        expected.session_key, expected.session_data, expected.expire_date)


@pytest.mark.parametrize("ours, django", ENGINES)
@pytest.mark.parametrize("expiry", [dt.timedelta(seconds=-1), dt.timedelta(0)])
def test_an_expired_session_is_missing_as_with_djangos_engine(ours, django, expiry):
    key = _saved(ours, user="7")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + expiry)
    cache.clear()
    mine, theirs = ours(key), django(key)
    assert dict(mine.items()) == dict(theirs.items()) == {}
    assert mine.session_key is None and theirs.session_key is None


@pytest.mark.parametrize("ours, django", ENGINES)
@pytest.mark.parametrize("key", [None, "onbekendesleutel12345678", "kort"])
def test_an_unknown_or_absent_key_loads_nothing(ours, django, key):
    _saved(ours, user="7")
    cache.clear()
    mine, theirs = ours(key), django(key)
    assert dict(mine.items()) == dict(theirs.items()) == {}
    assert mine.session_key is None and theirs.session_key is None


def test_a_signed_in_page_reads_the_session_with_the_prepared_query(client, django_user_model):
    user = django_user_model.objects.create_user("sessie", password="x-" * 8)
    client.force_login(user)
    key = client.cookies["sessionid"].value
    assert db.SessionStore(key).get("_auth_user_id") == str(user.pk)
    response = client.get("/dashboard/", secure=True)
    assert response.status_code == 200 and response.wsgi_request.user == user
