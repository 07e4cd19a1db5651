from django.core.exceptions import ObjectDoesNotExist
from django.utils.encoding import smart_str
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers

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
    """The owner (organisation or region) as its slug.

    On write the authority decision comes before the rest of the body is judged (deny by
    default, as everywhere): an owner the user can see (organisations and regions are public)
    but may not create or keep the model under answers 403 (``access.owner_choices``), whatever
    else the body holds; an owner that does not exist, or that the user cannot see, stays a
    plain field error (400) that names nothing internal. A field error for a visible owner told
    a caller without the right which owners exist and that the rest of the body was fine.
    Keeping the owner a row already has (a full PUT) needs no right to assign it; ``fixed``, the
    field error for a row whose owner never changes (nobody's right, so no 403)."""

    default_error_messages = {
        "does_not_exist": _("Onbekende organisatie '{value}'."),
        "invalid": _("Ongeldige waarde."),
    }
    region_error_messages = {"does_not_exist": _("Onbekende regio '{value}'.")}

    def __init__(self, *, fixed=None, **kwargs):
        self.fixed = fixed
        kwargs.setdefault("slug_field", "slug")
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        if self.owner_model()._meta.model_name == "region":
            self.error_messages = {**self.error_messages, **self.region_error_messages}

    def owner_model(self):
        return self.parent.Meta.model._meta.get_field(self.source).related_model

    def get_queryset(self):
        """The owners the user may create the model under (the choices a form would offer)."""
        model = self.parent.Meta.model
        return access.owner_choices(self.context["request"].user, model)

    def to_internal_value(self, data):
        user = self.context["request"].user
        try:
            owner = access.scope(user, self.owner_model()).get(**{self.slug_field: data})
        except ObjectDoesNotExist:
            self.fail("does_not_exist", slug_name=self.slug_field, value=smart_str(data))
        except (TypeError, ValueError):
            self.fail("invalid")
        instance = getattr(self.root, "instance", None)
        if instance is not None and getattr(instance, f"{self.source}_id", None) == owner.pk:
            return owner
        if instance is not None and self.fixed is not None:
            raise serializers.ValidationError(self.fixed)
        if not self.get_queryset().filter(pk=owner.pk).exists():
            raise exceptions.PermissionDenied(
                _("U mag dit niet vastleggen voor %(owner)s.") % {"owner": owner})
        return owner


class ChangeableField(serializers.PrimaryKeyRelatedField):
    """A parent row the new row goes under (a mandate's team, an action's line): one the user may
    change. As ``OwnerSlugField``, the authority comes before the rest of the body: a parent the
    user can see but not change answers 403 (the screen's answer); one that does not exist or that
    they cannot see stays a field error (400) that names nothing."""

    def get_queryset(self):
        return access.scope(self.context["request"].user, self.queryset.model, access.CHANGE)

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)  # one query when the parent may be changed
        except serializers.ValidationError:
            try:
                visible = access.scope(self.context["request"].user, self.queryset.model).filter(pk=data).first()
            except (TypeError, ValueError):
                visible = None
            if visible is not None:
                raise exceptions.PermissionDenied(
                    _("U mag hier niets aan toevoegen: %(parent)s.") % {"parent": visible}) from None
            raise


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
            "required": _("Dit veld is vereist."),
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
    if not getattr(serializers.DecimalField.to_internal_value, "refuses_exponents", False):
        serializers.DecimalField.to_internal_value = _without_exponent(serializers.DecimalField.to_internal_value)


def _without_exponent(original):
    """"1e6" as a text is no amount anyone types: DRF read it as € 1.000.000 (the forms refuse it
    too, ``ui.forms.LocalizedDecimalField``). A JSON number is a number, whatever its notation."""

    def to_internal_value(self, data):
        if isinstance(data, str) and has_exponent(data):
            self.fail("invalid")
        return original(self, data)

    to_internal_value.refuses_exponents = True
    return to_internal_value


def has_exponent(text: str) -> bool:
    return "e" in text.casefold()
