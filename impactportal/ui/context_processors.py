from impactportal.models import Notification

from . import navigation as nav


def navigation(request):
    user = request.user
    unread = 0
    if user.is_authenticated:
        unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return {
        "nav_items": nav.items_for(user, request.path),
        "unread_notifications": unread,
    }
