"""A link from a team's record (an action, a spending) to an object of another app, restricted to
the allow-list ``constants.LINKABLE_MODELS``. Resolved with ``apps.get_model``: a model that does
not exist yet (a coalition before its app lands) is skipped, and starts working when it lands."""

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
    """The kinds of object a record may link to, by name ("onderneming"): the choices of
    ``LinkFields.link_model`` (so forms, the API schema and the change log name them)."""
    return [(label, model._meta.verbose_name) for label in LINKABLE_MODELS if (model := linkable_model(label))]


# The owner named beside a found object's name: two "Fietsenmakerij Jansen" in different places.
_CONTEXT_FIELDS = ("municipality", "organisation")


def find_linkable(user, label: str, text: str, limit: int = 20):
    """Objects of kind ``label`` that ``user`` may see whose name contains ``text``, their own
    organisation's first, then by name: at most ``limit``, and one more when there are more (the picker then asks for more of
    the name). None for an unknown kind."""
    model = linkable_model(label)
    if model is None:
        return []
    from impactportal import access

    field = LINKABLE_MODELS[label]
    context = [name for name in _CONTEXT_FIELDS if name in {f.name for f in model._meta.get_fields()}][:1]
    rows = access.scope(user, model).filter(**{f"{field}__icontains": text.strip()}).select_related(*context)
    if context:  # the user's own municipality's or organisation's objects first
        mine = {m.organisation_id for m in access.memberships(user) if m.organisation_id}
        own = models.Case(models.When(**{f"{context[0]}__in": mine}, then=0), default=1)
        rows = rows.order_by(own, field, "pk")
    else:
        rows = rows.order_by(field, "pk")
    return list(rows[:limit + 1])


def link_label(obj) -> str:
    """A found object as the picker lists it: its name, and where it belongs."""
    owner = next((getattr(obj, name) for name in _CONTEXT_FIELDS if hasattr(obj, f"{name}_id")), None)
    return f"{obj} ({owner})" if owner is not None else str(obj)


class LinkFields(models.Model):
    link_model = models.CharField(_("soort gekoppeld object"), max_length=60, blank=True,
                                  choices=available_link_choices)
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
