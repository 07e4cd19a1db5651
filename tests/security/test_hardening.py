"""The municipal security review: client addresses behind a proxy, password spraying, API token
lifetime, session lifetime, password reset flooding, caching of signed-in pages, the sign-up
token, Dutch password messages, the CSRF failure page and Permissions-Policy."""

import base64
import runpy
import time
import zlib

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.tokens import default_token_generator
from django.core import mail, signing
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from impactportal.accounts.sessions import timeout
from impactportal.proxies import client_ip
from tests import factories as f
from tests.api_keys import api_key_for

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"  # tests.factories.UserFactory
PROXY = "10.0.0.5"  # the load balancer, as REMOTE_ADDR


def behind_proxy(client_address):
    """A client reaching the portal through the load balancer, which appends the address it saw."""
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"{client_address}")


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


# --- 1. client addresses behind a proxy, password spraying ---------------------------------


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert client_ip(request) == "192.0.2.1"


@pytest.mark.parametrize(("count", "forwarded", "expected"), [
    (1, "203.0.113.9", "203.0.113.9"),
    (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # what the client wrote itself is never read
    (2, "6.6.6.6, 203.0.113.9, 10.1.1.1", "203.0.113.9"),
    (2, "203.0.113.9", "192.0.2.1"),  # fewer hops than proxies: not through all of them
    (1, "unknown", "192.0.2.1"),
    (1, "2001:db8::1", "2001:db8::1"),
])
def test_the_client_is_the_hop_the_trusted_proxies_wrote(settings, count, forwarded, expected):
    settings.PORTAL_TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_behind_a_proxy_a_lockout_locks_one_client_not_everyone(settings, broker_haarlem, axes_on):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    attacker = behind_proxy("203.0.113.66")
    for _ in range(5):
        login(attacker, "makelaar-haarlem", "verkeerd-wachtwoord")
    assert login(attacker, "makelaar-haarlem", PASSWORD).status_code == 429
    # The broker at the town hall comes through the same load balancer.
    assert login(behind_proxy("198.51.100.7"), "makelaar-haarlem", PASSWORD).status_code == 302


SIGNUP = {"first_name": "Fatima", "last_name": "Ondernemer", "email": "fatima@example.org",
          "password1": "Een-lang-wachtwoord-2026", "password2": "Een-lang-wachtwoord-2026", "kvk_number": ""}


def test_behind_a_proxy_the_signup_limit_is_per_client(settings, ratelimit_on):
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1
    url = reverse("helpdesk:signup")
    busy = behind_proxy("203.0.113.66")
    assert {busy.post(url, SIGNUP).status_code for _ in range(5)} == {302}
    assert busy.post(url, SIGNUP).status_code == 429
    assert behind_proxy("198.51.100.7").post(url, SIGNUP).status_code == 302


def test_a_spoofed_forwarded_header_escapes_no_limit(settings, broker_haarlem, ratelimit_on):
    """Directly reachable (no trusted proxy), a client that makes up X-Forwarded-For for every
    request stays one client: the token endpoint's throttle (DRF read the header whole) and the
    sign-up limit."""
    assert settings.PORTAL_TRUSTED_PROXY_COUNT == 0
    url = reverse("api-token")
    statuses = [Client(HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
        url, {"username": "makelaar-haarlem", "password": "fout"}).status_code for n in range(21)]
    assert statuses[:20] == [400] * 20 and statuses[20] == 429
    signup = reverse("helpdesk:signup")
    statuses = [Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").post(signup, SIGNUP).status_code for n in range(6)]
    assert statuses == [302] * 5 + [429]


def test_password_spraying_is_limited_per_connection(settings, ratelimit_on, broker_haarlem, broker_amersfoort):
    """One password tried on many user names never meets the user name + IP lockout."""
    settings.LOGIN_FAILURE_RATE_PER_IP = "5/h"
    sprayer = Client(REMOTE_ADDR="203.0.113.66")
    for name in ("anna", "bert", "carla", "makelaar-amersfoort", "dirk"):
        assert login(sprayer, name, "Zomer2026!").status_code == 200  # the form again, with its error
    refused = login(sprayer, "makelaar-haarlem", PASSWORD)  # even the right password, from here
    assert refused.status_code == 429 and "_auth_user_id" not in sprayer.session
    assert "Te veel mislukte pogingen" in refused.content.decode()
    assert "registration/login_limited.html" in [t.name for t in refused.templates]
    # The token endpoint and the admin's login count and refuse alike; other connections do not.
    token = sprayer.post(reverse("api-token"), {"username": "makelaar-haarlem", "password": PASSWORD})
    assert token.status_code == 429 and "token" not in token.json() and "Retry-After" in token
    f.UserFactory(username="beheerder", is_staff=True, is_superuser=True)
    admin = sprayer.post(reverse("admin:login"), {"username": "beheerder", "password": PASSWORD})
    assert admin.status_code == 200 and "_auth_user_id" not in sprayer.session  # the admin's form again
    assert login(Client(REMOTE_ADDR="198.51.100.7"), "makelaar-haarlem", PASSWORD).status_code == 302


def test_successful_sign_ins_do_not_count_against_the_connection(settings, ratelimit_on, broker_haarlem):
    """A town hall signs in from one address all morning."""
    settings.LOGIN_FAILURE_RATE_PER_IP = "3/h"
    for _ in range(6):
        office = Client(REMOTE_ADDR="198.51.100.1")
        assert login(office, "makelaar-haarlem", PASSWORD).status_code == 302


def test_gunicorn_trusts_the_proxies_the_environment_names(monkeypatch):
    path = django_settings.BASE_DIR / "gunicorn.conf.py"
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "10.0.0.0/8")
    assert runpy.run_path(str(path))["forwarded_allow_ips"] == "10.0.0.0/8"
    monkeypatch.delenv("FORWARDED_ALLOW_IPS")
    assert runpy.run_path(str(path))["forwarded_allow_ips"] == "127.0.0.1,::1"


# --- 2. API tokens ---------------------------------------------------------------------------


def me(key):
    return APIClient().get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}", HTTP_ACCEPT_LANGUAGE="nl")


def test_a_password_change_ends_the_users_api_tokens(client, broker_haarlem, broker_amersfoort):
    key = api_key_for(broker_haarlem)
    other = api_key_for(broker_amersfoort)
    assert me(key).status_code == 200
    client.force_login(broker_haarlem)
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Een-nieuw-wachtwoord-2026",
        "new_password2": "Een-nieuw-wachtwoord-2026"})
    assert response.status_code == 302
    assert me(key).status_code == 401
    assert me(other).status_code == 200  # only the user's own


def test_a_password_reset_ends_the_users_api_tokens(client, broker_haarlem):
    key = api_key_for(broker_haarlem)
    uid = urlsafe_base64_encode(force_bytes(broker_haarlem.pk))
    link = client.get(reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(broker_haarlem)]))
    assert link.status_code == 302
    response = client.post(link["Location"], {"new_password1": "Een-nieuw-wachtwoord-2026",
                                              "new_password2": "Een-nieuw-wachtwoord-2026"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_complete")
    assert me(key).status_code == 401


def test_a_password_set_in_the_admin_ends_the_users_api_tokens(client, broker_haarlem):
    key = api_key_for(broker_haarlem)
    client.force_login(f.UserFactory(username="beheerder", is_staff=True, is_superuser=True))
    response = client.post(reverse("admin:auth_user_password_change", args=[broker_haarlem.pk]), {
        "password1": "Een-nieuw-wachtwoord-2026", "password2": "Een-nieuw-wachtwoord-2026",
        "usable_password": "true"})
    assert response.status_code == 302
    assert me(key).status_code == 401


def test_a_password_rehashed_at_sign_in_keeps_the_tokens(settings, broker_haarlem):
    """Django re-hashes a password with a stronger hasher when its owner signs in: not a new
    password, so the tokens stay."""
    key = api_key_for(broker_haarlem)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher",
                                 "django.contrib.auth.hashers.MD5PasswordHasher"]
    assert broker_haarlem.check_password(PASSWORD)
    broker_haarlem.refresh_from_db()
    assert broker_haarlem.password.startswith("pbkdf2_")  # it was re-hashed and saved
    assert me(key).status_code == 200


def test_a_client_revokes_its_own_token(broker_haarlem, broker_amersfoort):
    key = api_key_for(broker_haarlem)
    other = api_key_for(broker_amersfoort)
    url = reverse("api-token")
    assert APIClient().delete(url).status_code == 401
    response = APIClient().delete(url, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 204
    assert me(key).status_code == 401 and me(other).status_code == 200
    # Signed in with a session, a user revokes their token too.
    key = api_key_for(broker_haarlem)
    session = APIClient()
    session.force_login(broker_haarlem)
    assert session.delete(url).status_code == 204
    assert me(key).status_code == 401


def test_a_stale_token_in_the_header_does_not_stop_getting_a_new_one(broker_haarlem):
    response = APIClient().post(reverse("api-token"), {"username": "makelaar-haarlem", "password": PASSWORD},
                                HTTP_AUTHORIZATION="Token verlopen-of-ingetrokken")
    assert response.status_code == 200 and me(response.json()["token"]).status_code == 200


def test_a_token_older_than_the_maximum_age_is_refused_and_replaced(settings, broker_haarlem):
    from datetime import timedelta

    from django.utils import timezone

    assert settings.API_TOKEN_MAX_AGE_DAYS == 90
    key = api_key_for(broker_haarlem)
    token = Token.objects.get(user=broker_haarlem)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=91))
    response = me(key)
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert "verlopen" in response.json()["detail"]
    assert not Token.objects.filter(pk=token.pk).exists()
    Token.objects.create(user=broker_haarlem, key=token.key)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - timedelta(days=91))
    fresh = APIClient().post(reverse("api-token"), {"username": "makelaar-haarlem", "password": PASSWORD})
    assert fresh.status_code == 200 and fresh.json()["token"] != key
    assert me(fresh.json()["token"]).status_code == 200
    settings.API_TOKEN_MAX_AGE_DAYS = 0  # no maximum
    Token.objects.filter(user=broker_haarlem).update(created=timezone.now() - timedelta(days=900))
    assert me(fresh.json()["token"]).status_code == 200


def test_the_schema_documents_revoking_a_token(client):
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/auth/token/"]["delete"]
    assert operation["summary"] == "Revoke your API token" and "204" in operation["responses"]
    assert schema["paths"]["/api/v1/auth/token/"]["post"]["summary"] == "Get an API token"


# --- 3. sessions -------------------------------------------------------------------------------


def test_a_sign_in_lasts_a_working_day_and_its_cookie_no_longer_than_the_idle_limit(settings, client,
                                                                                    broker_haarlem):
    assert settings.SESSION_COOKIE_AGE == 8 * 3600 and settings.SESSION_IDLE_TIMEOUT == 3600
    response = login(client, "makelaar-haarlem", PASSWORD)
    assert response.status_code == 302
    assert 3500 <= int(response.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) <= 3600


def _age(client, **seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in seconds_ago.items():
        session[{"signed_in": timeout.SIGNED_IN_AT, "seen": timeout.SEEN_AT}[key]] = now - ago
    session.save()


def test_an_idle_session_ends(client, broker_haarlem):
    client.force_login(broker_haarlem)
    _age(client, signed_in=3700, seen=3601)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "U bent afgemeld omdat u een tijd niet actief was" in page


def test_an_active_session_ends_after_the_working_day(client, broker_haarlem):
    client.force_login(broker_haarlem)
    _age(client, signed_in=8 * 3600, seen=60)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert "U bent afgemeld omdat u al lang bent ingelogd" in client.get(response["Location"]).content.decode()


def test_without_an_idle_limit_only_the_working_day_counts(settings, client, broker_haarlem):
    settings.SESSION_IDLE_TIMEOUT = 0
    client.force_login(broker_haarlem)
    _age(client, signed_in=7 * 3600, seen=6 * 3600)
    quiet = client.get(reverse("dashboard"))
    assert quiet.status_code == 200 and settings.SESSION_COOKIE_NAME not in quiet.cookies  # nothing written


def test_activity_is_written_at_most_once_per_interval(settings, client, broker_haarlem):
    client.force_login(broker_haarlem)
    _age(client, signed_in=1200, seen=120)
    quiet = client.get(reverse("dashboard"))
    assert quiet.status_code == 200 and settings.SESSION_COOKIE_NAME not in quiet.cookies  # nothing written
    _age(client, signed_in=1200, seen=settings.SESSION_ACTIVITY_INTERVAL + 1)
    moved = client.get(reverse("dashboard"))
    assert moved.status_code == 200 and settings.SESSION_COOKIE_NAME in moved.cookies
    assert abs(client.session[timeout.SEEN_AT] - time.time()) < 5
    # The cookie now ends an hour from now, not an hour from the sign-in.
    assert 3500 <= int(moved.cookies[settings.SESSION_COOKIE_NAME]["max-age"]) <= 3600


# --- 4. password reset flooding --------------------------------------------------------------


def test_password_reset_mails_an_address_at_most_three_times_an_hour(broker_haarlem, ratelimit_on):
    url = reverse("password_reset")
    # From twelve connections, so that the limit per connection does not come first.
    responses = [Client(REMOTE_ADDR=f"203.0.113.{n}").post(url, {"email": broker_haarlem.email}) for n in range(12)]
    # Every request gets the same answer ("check your mail"), limited or not.
    assert {(r.status_code, r["Location"]) for r in responses} == {(302, reverse("password_reset_done"))}
    assert len(mail.outbox) == 3


def test_password_reset_is_limited_per_connection_without_telling_which_addresses_exist(client, broker_haarlem,
                                                                                       ratelimit_on):
    url = reverse("password_reset")
    known = client.post(url, {"email": broker_haarlem.email})
    unknown = client.post(url, {"email": "niemand@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    for n in range(8):
        assert client.post(url, {"email": f"iemand-{n}@example.org"}).status_code == 302
    limited = client.post(url, {"email": broker_haarlem.email})
    assert limited.status_code == 429 and "te veel aanvragen" in limited.content.decode()
    assert len(mail.outbox) == 1
    assert Client(REMOTE_ADDR="198.51.100.7").post(url, {"email": broker_haarlem.email}).status_code == 302


def test_mail_has_a_timeout(settings):
    assert settings.EMAIL_TIMEOUT == 10


# --- 5. caching -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/dashboard/", "/etalage/", "/api/v1/me/", "/api/v1/enterprises/"])
def test_nothing_for_a_signed_in_user_is_cached(client, broker_haarlem, url):
    client.force_login(broker_haarlem)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_an_api_answer_to_a_token_is_not_cached(broker_haarlem):
    key = api_key_for(broker_haarlem)
    response = APIClient().get("/api/v1/enterprises/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


def test_a_response_that_sets_a_cookie_is_never_public(settings, client, db):
    settings.PUBLIC_PAGE_CACHE = True
    first = client.get("/etalage/")
    assert "csrftoken" in first.cookies and "public" not in first["Cache-Control"]
    assert "private" in first["Cache-Control"]
    returning = client.get("/etalage/")  # has its cookie: the visitor page cache's public answer
    assert not returning.cookies and "public" in returning["Cache-Control"]


# --- 6. the sign-up token -------------------------------------------------------------------


def _payload(token) -> bytes:
    data = token.split(":")[0]
    compressed = data.startswith(".")
    raw = base64.urlsafe_b64decode(data.lstrip(".") + "=" * (-len(data.lstrip(".")) % 4))
    return zlib.decompress(raw) if compressed else raw


def test_the_signup_link_names_no_email_address(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:signup"), {**SIGNUP, "email": "person@example.org",
                                                            "kvk_number": "12345678"})
    assert response.status_code == 302
    link = next(line for line in mail.outbox[0].body.splitlines() if "/aanmelden/bevestigen/" in line)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert b"person" not in _payload(token) and b"example.org" not in _payload(token)
    assert client.post(reverse("helpdesk:signup-verify", args=[token]),
                       {"password": SIGNUP["password1"]}).status_code == 302


def test_a_changed_address_invalidates_the_signup_link(client):
    from brokers.helpdesk import signup

    user = f.UserFactory(username="person@example.org", email="person@example.org", is_active=False)
    token = signup.make_token(user)
    user.email = "ander@example.org"
    user.save()
    assert client.post(reverse("helpdesk:signup-verify", args=[token]),
                       {"password": "test-password-123"}).status_code == 400
    user.refresh_from_db()
    assert not user.is_active


def test_links_that_name_no_password_are_refused(client):
    """Links mailed before a link named the password it activates (with the address, or its hash)
    no longer work: one activated an account whatever its password was. Signing up again mails a
    new one (``tests/brokers/test_review18_signup.py``)."""
    from brokers.helpdesk import signup

    user = f.UserFactory(username="person@example.org", email="person@example.org", is_active=False)
    for data in ({"u": user.pk, "e": user.email, "k": ""}, {"u": user.pk, "h": signup.email_hash(user.email), "k": ""}):
        legacy = signing.dumps(data, salt=signup.TOKEN_SALT, compress=True)
        assert client.post(reverse("helpdesk:signup-verify", args=[legacy]),
                           {"password": "test-password-123"}).status_code == 400
    user.refresh_from_db()
    assert not user.is_active and not user.email_verified


# --- 7. Dutch password messages ----------------------------------------------------------------


def test_a_short_password_is_refused_in_dutch_on_the_dutch_signup_page(client):
    response = client.post(reverse("helpdesk:signup"), {**SIGNUP, "password1": "kort-12", "password2": "kort-12"})
    html = response.content.decode()
    assert response.status_code == 400 and 'lang="nl"' in html
    assert "Dit wachtwoord is te kort. Het moet minstens 10 tekens bevatten." in html
    assert "too short" not in html


# --- 8. CSRF failure page, Permissions-Policy --------------------------------------------------


def test_a_failed_csrf_check_gets_the_portals_page_in_dutch(broker_haarlem):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    response = client.post(reverse("login"), {"username": "makelaar-haarlem", "password": PASSWORD},
                           HTTP_REFERER="http://testserver/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 403 and "403_csrf.html" in [t.name for t in response.templates]
    assert "Deze pagina is verlopen" in html and "laad de pagina opnieuw" in html
    assert 'href="http://testserver/accounts/login/"' in html  # back to the form
    assert "CSRF verification failed" not in html


def test_a_csrf_failure_from_another_site_gets_no_link_back_to_it():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {}, HTTP_REFERER="https://evil.example.com/")
    assert response.status_code == 403 and "evil.example.com" not in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/etalage/", "/api/v1/", "/bestaat-niet/", "/accounts/login/"])
def test_permissions_policy_disables_devices_and_payment(client, url):
    policy = client.get(url)["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
