from rest_framework.permissions import SAFE_METHODS, BasePermission

from impactportal import access


class ScopedPermission(BasePermission):
    """Reads are scoped by the queryset (access.scope); writes need the change grant on the
    object, which ``ScopedViewSet.get_object`` checks. Anonymous users may only read what a
    model's policy makes public; every write needs an authenticated user."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        if request.method in SAFE_METHODS:
            return True
        action = access.DELETE if request.method == "DELETE" else access.CHANGE
        return access.can(request.user, action, obj)
