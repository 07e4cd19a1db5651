from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from impactportal import access


class DateTimeField(serializers.DateTimeField):
    """DRF's, asking for the active time zone once per field rather than once per value.

    DRF looks the zone up for every value it writes (a thread-local read through asgiref and
    the settings): about 4 % of an API list page with two timestamps per row. A field belongs
    to one serializer instance, which lives for one request, and the portal never switches the
    zone within a request, so the first answer holds for the rest (a deep copy of a field,
    as each serializer instance gets, starts without it)."""

    def default_timezone(self):
        try:
            return self._active_timezone
        except AttributeError:
            self._active_timezone = super().default_timezone()
            return self._active_timezone


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


def use_plain_messages() -> None:
    """DRF's own wording ('Invalid pk "99" - object does not exist.', 'Incorrect type. Expected pk
    value, received str.') speaks to developers; the people behind an API client read these
    messages too. Called once at start-up (``ImpactportalConfig.ready``)."""
    serializers.PrimaryKeyRelatedField.default_error_messages.update({
        "does_not_exist": _("Er is geen object met nummer {pk_value}, of u heeft er geen toegang toe."),
        "incorrect_type": _("Vul het nummer van een object in (een geheel getal)."),
        "required": _("Dit veld is verplicht."),
    })
    serializers.SlugRelatedField.default_error_messages.update({
        "does_not_exist": _("Er is niets met de code '{value}', of u heeft er geen toegang toe."),
        "invalid": _("Ongeldige waarde."),
    })
    serializers.ManyRelatedField.default_error_messages.update({
        "not_a_list": _("Geef een lijst, bijvoorbeeld [1, 2]."),
        "empty": _("Kies er ten minste één."),
    })
