from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from impactportal import access
from impactportal.text import is_ascii_number


class AsciiIntegerField(serializers.IntegerField):
    """Digits 0-9 only: ``int()`` would also take "١" (Arabic-Indic one)."""

    def to_internal_value(self, data):
        if not is_ascii_number(str(data)):
            self.fail("invalid")
        return super().to_internal_value(data)


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
    not_a_list = _("Geef een lijst, bijvoorbeeld [1, 2].")
    an_object = _("Geef hier een object met velden (tussen accolades), geen losse waarde of lijst.")
    whole = {"invalid": _("Vul een geheel getal in."), "max_string_length": _("Dit getal is te lang.")}
    number = {"invalid": _("Vul een getal in."), "max_string_length": _("Dit getal is te lang.")}
    # Also values of the wrong kind: DRF names Python's types ("Expected a dictionary, but got
    # int", "Expected a list of items but got type \"str\"") and date formats in ISO notation, and
    # its Dutch catalogue leaves some in English ("Must be a valid boolean.").
    messages = {
        serializers.PrimaryKeyRelatedField: {
            "does_not_exist": _("Er is geen object met nummer {pk_value}, of u heeft er geen toegang toe."),
            "incorrect_type": _("Vul het nummer van een object in (een geheel getal)."),
            "required": _("Dit veld is verplicht."),
        },
        serializers.SlugRelatedField: {
            "does_not_exist": _("Er is niets met de code '{value}', of u heeft er geen toegang toe."),
            "invalid": _("Ongeldige waarde."),
        },
        serializers.ManyRelatedField: {"not_a_list": not_a_list, "empty": _("Kies er ten minste één.")},
        serializers.ListField: {"not_a_list": not_a_list},
        serializers.MultipleChoiceField: {"not_a_list": not_a_list},
        serializers.ListSerializer: {"not_a_list": not_a_list},
        serializers.Serializer: {"invalid": an_object},
        serializers.DictField: {"not_a_dict": an_object},
        serializers.BooleanField: {"invalid": _("Vul true of false in.")},
        serializers.DateField: {
            "invalid": _("Vul een datum in als jaar-maand-dag, bijvoorbeeld 2026-03-31."),
            "datetime": _("Vul alleen een datum in, zonder tijd, bijvoorbeeld 2026-03-31."),
        },
        serializers.DateTimeField: {
            "invalid": _("Vul een datum en tijd in, bijvoorbeeld 2026-03-31T14:30:00+02:00."),
            "date": _("Vul een datum en tijd in, bijvoorbeeld 2026-03-31T14:30:00+02:00."),
        },
        serializers.TimeField: {"invalid": _("Vul een tijd in als uren:minuten, bijvoorbeeld 14:30.")},
        serializers.IntegerField: whole,
        serializers.BigIntegerField: whole,
        serializers.DecimalField: number,
        serializers.FloatField: number,
        serializers.UUIDField: {"invalid": _("Vul een geldige UUID in.")},
        serializers.JSONField: {"invalid": _("Dit is geen geldige JSON.")},
        serializers.FileField: {"invalid": _("Stuur hier een bestand mee (als multipart/form-data).")},
    }
    for field, texts in messages.items():
        field.default_error_messages.update(texts)
