"""API keys in tests: the portal keeps only a key's digest (``impactportal.api.tokens``), so a test
gets a usable key from the token service, never from ``Token.objects.create(user=…).key`` (that is
what the database holds: no key that works)."""

from impactportal.api import tokens


def api_key_for(user, verified: bool = False) -> str:
    """A new API key of ``user`` (an older one stops working), as ``POST /api/v1/auth/token/`` makes
    it, or with ``verified`` as the account page makes it after the second factor."""
    return (tokens.renew(user, verified=True) if verified else tokens.issue(user)).key
