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


class PublicReadsForAnonymous(BasePermission):
    """A caller without credentials asking for rows nobody may see anonymously (helpdesk cases,
    contracts, spending) is refused, and DRF answers 401 with the authenticator's
    ``WWW-Authenticate: Token``, as for a write: an empty list let a client that forgot its token
    believe there was no data. Models with public rows (enterprises, instruments) answer anonymous
    callers with those. ``ScopedViewSetMixin`` adds it to every scoped viewset's permissions."""

    def has_permission(self, request, view):
        model = getattr(getattr(view, "queryset", None), "model", None)
        return (model is None or bool(request.user and request.user.is_authenticated)
                or access.policy_of(model).public is not None)
