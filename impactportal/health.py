"""``/healthz``: the load balancer's (and compose's) question "can this process serve pages?".

No login, no session and no CSRF cookie: the view reads neither ``request.user`` nor the session
and renders no form. It asks the database a trivial query and writes, reads and deletes one cache
key, and when ``PORTAL_CLAMAV_URL`` is set it asks the virus scanner (clamd) for PONG; the answer
is 200 ``{"status": "ok", "checks": {...}}`` or 503 with ``"failed"`` naming the checks that failed.
A failing scanner alone answers 200 ``"degraded"`` (``ADVISORY``): pages still work and uploads are
refused with "try again later" (they fail closed), so a load balancer must not take the process
out of service, nor an orchestrator restart it, for what a restart does not mend; monitoring
alerts on ``"degraded"``.
What went wrong is logged, never answered: the body holds no setting, host name or error message.
It lives outside any language prefix and is exempt from the https redirect (``SECURE_REDIRECT_EXEMPT``),
so a health probe over plain http inside the network gets its answer.
The probe must still send a Host header in ``DJANGO_ALLOWED_HOSTS`` (``scripts/healthcheck.py``)."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from impactportal import virus_scan

logger = logging.getLogger(__name__)


def database() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return tuple(cursor.fetchone()) == (1,)


def cache_round_trip() -> bool:
    key, value = f"healthz:{uuid.uuid4().hex}", uuid.uuid4().hex
    cache.set(key, value, timeout=30)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


CHECKS = {"database": database, "cache": cache_round_trip}
ADVISORY = {"virus_scanner"}  # reported, but the process still serves: see the module's docstring


def active_checks() -> dict:
    """The checks, with the virus scanner's (clamd answers PING) only when one is configured."""
    return CHECKS | ({"virus_scanner": virus_scan.ping} if virus_scan.configured() else {})


@never_cache
@require_safe
def healthz(request):
    checks = {}
    for name, check in active_checks().items():
        try:
            passed = check()
        except Exception:  # any failure is an answer here (503), never a 500 page
            logger.exception("Health check %r failed", name)
            passed = False
        else:
            if not passed:
                logger.error("Health check %r failed: unexpected answer", name)
        checks[name] = "ok" if passed else "error"
    failed = [name for name, outcome in checks.items() if outcome != "ok"]
    if set(failed) - ADVISORY:
        return JsonResponse({"status": "error", "failed": failed, "checks": checks}, status=503)
    if failed:
        return JsonResponse({"status": "degraded", "failed": failed, "checks": checks})
    return JsonResponse({"status": "ok", "checks": checks})
