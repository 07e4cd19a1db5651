"""Fixtures shared by the security tests (two-factor authentication, API tokens, single sign-on,
rate limits and login throttling)."""

import pytest

from tests import factories as f

from .ratelimits import reset_ratelimits


@pytest.fixture
def staff_policy(settings):
    """``PORTAL_2FA_REQUIRED=staff``: every staff user and superuser needs a second factor."""
    settings.PORTAL_2FA_REQUIRED = "staff"


@pytest.fixture
def superuser(db):
    return f.UserFactory(username="beheerder", is_superuser=True, is_staff=True)


@pytest.fixture
def ratelimit_on(settings):
    settings.RATELIMIT_ENABLE = True  # switched off for all other tests in tests/conftest.py
    reset_ratelimits()
    yield
    reset_ratelimits()


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True  # switched off for all other tests in tests/conftest.py
    yield
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()
