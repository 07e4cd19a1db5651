"""The "Wijzigen" and "Verwijderen" links of a generic detail page (``ui/object_detail.html``).

A link is offered only when the route exists and the user may do the action on the object (the
object's access policy) and pass the target page's own gate (``actions.admits``). The routes are
named after the detail route (``brokers:team-detail``: ``brokers:team-update`` and
``brokers:team-delete``) unless a view names them (``update_url_name``, ``delete_url_name``);
a route that does not exist gives no link (the action programme has no
delete page)."""

from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from impactportal import access

from .actions import admits


class DetailLinksMixin:
    update_url_name: str | None = None  # default: the detail route's name ending in "-update"
    delete_url_name: str | None = None  # default: … ending in "-delete"

    def object_action_url(self, url_name: str | None, suffix: str, action: str) -> str | None:
        if url_name is None:
            match = getattr(self.request, "resolver_match", None)
            if match is None or not match.view_name.endswith("-detail"):
                return None
            url_name = match.view_name.removesuffix("detail") + suffix
        if not access.can(self.request.user, action, self.object) or not admits(self.request, url_name, self.object.pk):
            return None
        return reverse(url_name, args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Asked only when the template shows them (not every detail page extends object_detail.html).
        context["change_url"] = SimpleLazyObject(
            lambda: self.object_action_url(self.update_url_name, "update", access.CHANGE) or "")
        context["delete_url"] = SimpleLazyObject(
            lambda: self.object_action_url(self.delete_url_name, "delete", access.DELETE) or "")
        return context
