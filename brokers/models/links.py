"""A link from a team's record (an action, a spending) to an object of another app, restricted to
the allow-list ``constants.LINKABLE_MODELS``. Resolved with ``apps.get_model``: a model that does
not exist yet (a coalition before its app lands) is skipped, and starts working when it lands."""

from urllib.parse import urlsplit

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..constants import LINKABLE_MODELS


def linkable_model(label: str):
    """The model of an allowed ``app_label.model`` label, or None (not allowed or not installed)."""
    if label not in LINKABLE_MODELS:
        return None
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def available_link_choices():
    return [(label, model._meta.verbose_name) for label in LINKABLE_MODELS if (model := linkable_model(label))]


def _page_route(model) -> str:
    """The route name of ``model``'s own page (``enterprises:detail``)."""
    from django.urls import resolve

    return resolve(urlsplit(model(pk=1).get_absolute_url()).path).view_name


def link_from_address(address: str):
    """``(label, pk)`` of the linkable object whose page is at ``address`` (as copied from the
    browser's address bar: a full address or a path), or None when it is no such page."""
    from django.urls import Resolver404, resolve

    path = urlsplit((address or "").strip()).path
    for candidate in (path, f"{path}/"):
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        pk = match.kwargs.get("pk")
        if isinstance(pk, int):
            for label in LINKABLE_MODELS:
                model = linkable_model(label)
                if model is not None and _page_route(model) == match.view_name:
                    return label, pk
        return None
    return None


def with_readable_link_kinds(history, model):
    """``audit.history_for`` rows of a model with ``LinkFields``, with the linked object's kind by
    its name ("onderneming") instead of its key ("enterprises.enterprise")."""
    label = str(model._meta.get_field("link_model").verbose_name)
    kinds = {key: str(name) for key, name in available_link_choices()}
    for entry in history:
        entry["changes"] = [(name, kinds.get(old, old), kinds.get(new, new)) if name == label else (name, old, new)
                            for name, old, new in entry["changes"]]
    return history


class LinkFields(models.Model):
    link_model = models.CharField(_("soort gekoppeld object"), max_length=60, blank=True)
    link_id = models.PositiveBigIntegerField(_("nummer gekoppeld object"), null=True, blank=True)

    class Meta:
        abstract = True

    def linked_object(self, user=None):
        """The linked object (through the access module when ``user`` is given), or None."""
        model = linkable_model(self.link_model) if self.link_model and self.link_id else None
        if model is None:
            return None
        rows = model._default_manager.all()
        if user is not None:
            from impactportal import access

            rows = access.scope(user, rows)
        return rows.filter(pk=self.link_id).first()

    def clean(self):
        super().clean()
        if bool(self.link_model) != bool(self.link_id):
            raise ValidationError({"link_id": _("Geef zowel de soort als het nummer van het gekoppelde object.")})
        if self.link_model:
            model = linkable_model(self.link_model)
            if model is None:
                raise ValidationError({"link_model": _("Aan deze soort object kunt u (nog) niet koppelen.")})
            if not model._default_manager.filter(pk=self.link_id).exists():
                raise ValidationError({"link_id": _("Dit object bestaat niet.")})
