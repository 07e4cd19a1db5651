from django.contrib.auth.models import AnonymousUser

from impactportal.models import Notification

from . import navigation as nav


def navigation(request):
    # Early errors (a bad Host header → 400) render before the auth middleware set request.user.
    user = getattr(request, "user", None) or AnonymousUser()
    unread = 0
    if user.is_authenticated:
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {
        "nav_items": nav.items_for(user, request.path),
        "unread_notifications": unread,
    }


def csrf_placeholder(request):
    """On a page rendered for the visitor cache (``impactportal.ui.cache``), the CSRF token is a
    placeholder the cache replaces per visitor (this processor runs after Django's own)."""
    if getattr(request, "csrf_placeholder", False):
        from .cache import PLACEHOLDER

        return {"csrf_token": PLACEHOLDER}
    return {}
