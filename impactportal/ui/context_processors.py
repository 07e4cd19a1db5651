import functools

from django.contrib.auth.models import AnonymousUser

from impactportal.models import Notification

from . import cache
from . import navigation as nav

UNREAD_NAMESPACE = "notifications"  # bumped by every change to a notification (and by mark-read)


def navigation(request):
    # Once per request: a page that renders a nested template with the request (a table, a
    # panel) runs the context processors again, and the unread count is a query.
    cached = getattr(request, "_navigation_context", None)
    if cached is not None:
        return cached
    # Early errors (a bad Host header → 400) render before the auth middleware set request.user.
    user = getattr(request, "user", None) or AnonymousUser()

    @functools.cache
    def unread() -> int:
        if not user.is_authenticated:
            return 0
        # A COUNT on every signed-in page (1 ms of CPU), kept until a notification changes.
        return cache.cached(UNREAD_NAMESPACE, f"unread:{user.pk}", lambda: Notification.objects.filter(
            recipient=user, read_at__isnull=True).count())

    # Callables: the page header calls them (the template engine calls what it resolves); the
    # partial responses htmx swaps into a list while someone types never do.
    request._navigation_context = {
        "main_menu": functools.partial(nav.menu_html, user, request.path),
        "account_links": functools.partial(nav.account_items_for, user, request.path),
        "unread_notifications": unread,
    }
    return request._navigation_context


def csrf_placeholder(request):
    """On a page rendered for the visitor cache (``impactportal.ui.cache``), the CSRF token is a
    placeholder the cache replaces per visitor (this processor runs after Django's own)."""
    if getattr(request, "csrf_placeholder", False):
        from .cache import PLACEHOLDER

        return {"csrf_token": PLACEHOLDER}
    return {}
