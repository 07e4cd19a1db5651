"""Secure cookies, HSTS, CSP without inline scripts, clickjacking protection."""

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy header on {response.request['PATH_INFO']}"
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/etalage/", "/api/v1/", "/api/v1/docs/", "/bestaat-niet/"])
def test_security_headers_on_every_kind_of_response(client, url):
    response = client.get(url, secure=True)
    assert response.status_code in (200, 404)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    hsts = response["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts
    csp = csp_directives(response)
    script_src = csp.get("script-src", csp["default-src"])
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    if url != "/api/v1/docs/":  # Swagger UI's inline styles: see test_api_docs_allow_inline_styles…
        assert "'unsafe-inline'" not in csp.get("style-src", csp["default-src"])
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]


def test_plain_http_is_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/etalage/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_login_sets_secure_httponly_session_cookie(client, settings):
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE  # DEBUG is off in tests too
    f.UserFactory(username="cookie-user")
    client.get(reverse("login"), secure=True)
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
    response = client.post(
        reverse("login"), {"username": "cookie-user", "password": "test-password-123"}, secure=True
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_bad_host_header_gives_400_page_not_500(client, db):
    # The 400 page renders before the auth middleware ran: the navigation must cope.
    response = client.get("/", HTTP_HOST="evil.example.com")
    assert response.status_code == 400


def test_api_docs_allow_inline_styles_only_on_that_page(client, db):
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "style-src 'self' 'unsafe-inline'" in docs.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in client.get("/").headers["Content-Security-Policy"]
