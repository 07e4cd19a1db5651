"""``manage.py drf_create_token`` prints a key that works: DRF's own stored the printed key itself,
which the portal (keeping digests only) read as a digest, so the key worked for no one."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _make(*args):
    out = StringIO()
    call_command("drf_create_token", *args, stdout=out)
    return re.search(r"Generated token ([0-9a-f]{40}) for user", out.getvalue()).group(1)


def _status(key, method="get"):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    if method == "get":
        return client.get("/api/v1/helpdesk/cases/").status_code
    return client.post("/api/v1/helpdesk/cases/", {}, format="json").status_code


def test_the_printed_key_works_and_is_not_stored(ondernemer_1):
    key = _make(ondernemer_1.username)
    assert _status(key) == 200
    assert not Token.objects.filter(key=key).exists()


def test_a_second_key_ends_the_first(ondernemer_1):
    first = _make(ondernemer_1.username)
    second = _make(ondernemer_1.username, "--reset")
    assert _status(first) == 401 and _status(second) == 200


def test_a_read_only_key_cannot_write(ondernemer_1):
    key = _make(ondernemer_1.username, "--read-only")
    assert _status(key) == 200 and _status(key, "post") == 403


def test_an_unknown_user_is_an_error(db):
    with pytest.raises(CommandError):
        _make("niemand")
