from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from impactportal import access


class OwnerSlugField(serializers.SlugRelatedField):
    """The owner (organisation or region) as its slug. On write only owners under which the
    user may create the model are accepted; others are reported as not found."""

    default_error_messages = {
        "does_not_exist": _("Onbekende of niet toegestane eigenaar '{value}'."),
        "invalid": _("Ongeldige waarde."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)

    def get_queryset(self):
        model = self.parent.Meta.model
        return access.owner_choices(self.context["request"].user, model)
