"""Whole-page cache for anonymous visitors of public pages (the showcase): the busiest pages of
the portal and the same for every visitor, per language and query.

Signed-in users are never served from it (their menu and rights differ), nor is a request with a
flash message waiting. A cached page carries no visitor's CSRF token: pages are rendered with a
placeholder (``csrf_placeholder`` context processor) that is replaced by the visitor's own token
on every hit. Invalidation is by a version number per namespace that models bump when they
change (``bump``); with Redis (``CACHE_URL``) every web process sees the new version at once, with
the per-process default cache a change made by another process shows within ``TIMEOUT``."""

import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

PLACEHOLDER = "csrf-token-placeholder-0f3c"
TIMEOUT = 120  # seconds; a safety net, invalidation is by version
BROWSER_MAX_AGE = 60


def _version_key(namespace: str) -> str:
    return f"public-page:{namespace}:version"


# The versions this process read last, for VERSION_MEMO seconds: a list page reads several cached
# drop-downs, each asked Redis for the version first. A bump in this process forgets its memo at
# once; one in another process shows here within VERSION_MEMO.
VERSION_MEMO = 1.0
_versions: dict = {}


def version(namespace: str) -> int:
    now = time.monotonic()
    found = _versions.get(namespace)
    if found is not None and now - found[1] < VERSION_MEMO:
        return found[0]
    current = cache.get_or_set(_version_key(namespace), 1, None)
    _versions[namespace] = (current, now)
    return current


def bump(namespace: str) -> None:
    """Make every cached page of ``namespace`` stale (after a change that shows on them)."""
    _versions.pop(namespace, None)
    try:
        cache.incr(_version_key(namespace))
    except ValueError:  # not set yet (or evicted): nothing cached under an older version survives
        cache.set(_version_key(namespace), 2, None)


def forget_versions() -> None:
    """Drop this process's memos (after the cache itself was cleared: the tests)."""
    _versions.clear()
    _values.clear()


def _page_key(namespaces: tuple, request) -> str:
    from .generic import wants_fragment  # the list's part or the whole page, as the view decides

    partial = "partial" if wants_fragment(request) else "page"
    versions = ":".join(f"{namespace}{version(namespace)}" for namespace in namespaces)
    return f"public-page:{versions}:{get_language()}:{partial}:{request.get_full_path()}"


# The values this process read through ``cached``, by versioned key. What is stored under a key
# never changes (a change bumps the version, and the version is part of the key), so a process
# keeps what it read until the moment stored with it instead of asking Redis again: a list page
# reads several drop-downs. Bounded; cleared whole when full (the busy keys come back at once).
VALUES_MAX = 512
_values: dict = {}


def cached(namespace: str, name: str, compute, timeout: int = TIMEOUT):
    """``compute()``, kept in the cache until ``namespace`` is bumped or ``timeout`` seconds pass
    (the safety net when each process has its own cache, and the most a figure that also depends
    on the clock may lag): reference data and figures read on busy pages. Callers treat the value
    as read-only: the same object serves this process's next requests."""
    key = f"public-page:{namespace}{version(namespace)}:{name}"
    now = time.time()
    # Stored with the moment it goes stale, so a process that reads it from the shared cache
    # keeps it no longer than the one that computed it.
    found = _values.get(key)
    if found is None or found[1] <= now:
        found = cache.get(key)
    if found is None or found[1] <= now:
        found = (compute(), now + timeout)
        cache.set(key, found, timeout)
    if len(_values) >= VALUES_MAX:
        _values.clear()
    _values[key] = found
    return found[0]


def _bump_on_commit(namespace: str) -> None:
    """Bump once more when the transaction commits: a page or list cached between the change and
    the commit read the old rows (and rows a transaction bulk-creates after it send no signal).
    Once per namespace and transaction, not per saved row (seeding saves thousands in one)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return  # autocommit: the change is committed, the bump above came after it
    # The outermost block of the transaction (the tests' own wrapping block does not commit).
    outermost = next((block for block in connection.atomic_blocks if not block._from_testcase), None)
    scheduled = outermost.__dict__.setdefault("_portal_bumps", set()) if outermost else set()  # dies with it
    if namespace not in scheduled:
        scheduled.add(namespace)
        transaction.on_commit(lambda: bump(namespace))


def bump_on_change(namespace: str, *models) -> None:
    """Bump ``namespace`` whenever a row of one of ``models`` (or a many-to-many through model)
    is saved, deleted or relinked. Called from an app's ``ready``."""
    from django.db.models import signals

    def changed(**kwargs):
        bump(namespace)
        _bump_on_commit(namespace)

    changed.__name__ = f"bump_{namespace}"
    for model in models:
        uid = f"public-page-{namespace}-{model._meta.label}"
        if model._meta.auto_created:  # a many-to-many through table
            signals.m2m_changed.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-m2m")
            continue
        signals.post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save")
        signals.post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete")


def _cacheable(request) -> bool:
    return (settings.PUBLIC_PAGE_CACHE and request.method in ("GET", "HEAD") and not request.user.is_authenticated
            and not len(messages.get_messages(request)))


def _with_token(request, content: bytes) -> bytes:
    # ``get_token`` also asks for the CSRF cookie to be sent again (to renew its expiry), and a
    # response that sets a cookie is never public (``impactportal.ui.headers``). A visitor who has
    # the cookie keeps it as it is: their page sets no cookie and proxies and the browser may keep
    # it. A first visit (or a broken cookie) still gets its new cookie, and a private page.
    had_cookie, needs_update = "CSRF_COOKIE" in request.META, request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    token = get_token(request)
    if had_cookie:
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = needs_update
    return content.replace(PLACEHOLDER.encode(), token.encode())


def cached_for_visitors(*namespaces: str):
    """Decorator for a public view function (wrap ``View.as_view()`` for class-based views); a
    page that shows several apps' data names each app's namespace, a bump of any makes it stale."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            key = _page_key(namespaces, request)
            entry = cache.get(key)
            if entry is None:
                request.csrf_placeholder = True
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                if response.status_code != 200 or response.streaming or response.cookies:
                    if not response.streaming:
                        response.content = _with_token(request, response.content)
                    return response
                entry = (response.content, response["Content-Type"])
                cache.set(key, entry, TIMEOUT)
            content, content_type = entry
            response = HttpResponse(_with_token(request, content), content_type=content_type)
            # Shared caches may keep it briefly; a visitor who signs in sends a session cookie.
            patch_cache_control(response, public=True, max_age=BROWSER_MAX_AGE)
            patch_vary_headers(response, ("Cookie", "HX-Request"))
            return response

        return wrapped

    return decorator
