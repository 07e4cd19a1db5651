"""Production settings: ``check --deploy`` is clean and secrets come only from the environment."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

# Variables that would make a subprocess look like a test or development run.
_SCRUB = ("DJANGO_TESTING", "DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "CACHE_URL",
          "DJANGO_HSTS_SECONDS", "DJANGO_SECURE_SSL_REDIRECT", "DATABASE_URL", "DJANGO_SETTINGS_MODULE",
          "PORTAL_BASE_URL", "DEFAULT_FROM_EMAIL", "PORTAL_2FA_REQUIRED", "PORTAL_CONTACT",
          "PORTAL_SECURITY_CONTACT")


def run_django(args, **env):
    base = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    base.update(DJANGO_SETTINGS_MODULE="impactportal.settings", **env)
    return subprocess.run(  # noqa: S603  (our own interpreter and manage.py)
        [sys.executable, *args], cwd=settings.BASE_DIR, env=base, capture_output=True, text=True, timeout=180
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="impactportaal.example.nl",
        # A shared cache for django-ratelimit (W001 otherwise); the check does not connect to it.
        CACHE_URL="redis://127.0.0.1:6379/1",
        # Links in mails and their sender (impactportal.checks: W001, W002 while they are the defaults).
        PORTAL_BASE_URL="https://impactportaal.example.nl",
        DEFAULT_FROM_EMAIL="Impactportaal <noreply@impactportaal.example.nl>",
        # Staff sign in with a second factor (impactportal.accounts.two_factor: W001 while it is off).
        PORTAL_2FA_REQUIRED="staff",
        # Whom people and security researchers reach (impactportal.checks: W003 without one).
        PORTAL_CONTACT="mailto:privacy@impactportaal.example.nl",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    result = run_django(["-c", "import django; django.setup()"], DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_secret_key_comes_from_the_environment():
    key = secrets.token_urlsafe(50)
    result = run_django(
        ["-c", "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"],
        DJANGO_DEBUG="false", DJANGO_SECRET_KEY=key, DJANGO_ALLOWED_HOSTS="impactportaal.example.nl",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == key


def test_production_settings_are_secure():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.X_FRAME_OPTIONS, s.SECURE_CONTENT_TYPE_NOSNIFF)"
    )
    result = run_django(["-c", code], DJANGO_DEBUG="false", DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
                        DJANGO_ALLOWED_HOSTS="impactportaal.example.nl")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True", "True", "True", "True", "DENY", "True"]
