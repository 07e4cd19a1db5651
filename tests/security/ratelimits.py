"""Reusable check for django-ratelimit'ed views (RATELIMIT_ENABLE is off in tests/conftest.py).

    def test_my_form_is_rate_limited(client, ratelimit_on):
        assert_rate_limited(client, reverse("app:form"), {"field": "x"}, limit=5)
"""

from django.core.cache import cache


def assert_rate_limited(client, url, data=None, *, limit: int, limited_status: int = 429, method: str = "post",
                        **extra) -> None:
    """``limit`` requests pass (any status but ``limited_status`` and no 5xx); the next one is
    refused with ``limited_status``."""
    send = getattr(client, method)
    for attempt in range(1, limit + 1):
        status = send(url, data or {}, **extra).status_code
        assert status != limited_status, f"{url}: limited already at attempt {attempt} of {limit}"
        assert status < 500, f"{url}: {status} at attempt {attempt}"
    status = send(url, data or {}, **extra).status_code
    assert status == limited_status, f"{url}: attempt {limit + 1} answered {status}, expected {limited_status}"


def reset_ratelimits() -> None:
    cache.clear()  # django-ratelimit counts in the default cache
