"""The base of every writable model serializer: validation happens once, in the model.

DRF does not call a model's ``clean()`` nor check its constraints, so rules used to be written
twice (model and serializer). ``ModelCleanSerializer`` builds the instance from the validated
data and runs ``full_clean()``, exactly as a ModelForm does; Django's errors become DRF field
errors with the same messages. A unique violation that slips past validation (two requests at
the same moment) is explained the same way instead of surfacing as an IntegrityError."""

import copy

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.query_utils import DeferredAttribute
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject
from rest_framework.settings import api_settings

from impactportal.api.fields import DateTimeField
from impactportal.integrity import explain_integrity_error


class KnownFieldsOnly:
    """An action's serializer that refuses fields it does not know (400 per unknown field) instead
    of ignoring them: a reply posted with ``internal`` instead of ``is_internal`` was stored as a
    message to the entrepreneur, where the sender meant a note for colleagues."""

    def validate(self, attrs):
        known = set(self.fields)
        unknown = sorted(name for name in getattr(self, "initial_data", {}) or {} if name not in known)
        if unknown:
            message = _("Onbekend veld. Dit verzoek kent: %(fields)s.") % {"fields": ", ".join(sorted(known))}
            raise serializers.ValidationError({name: [message] for name in unknown})
        return super().validate(attrs)


class PortalModelSerializer(serializers.ModelSerializer):
    """DRF's ModelSerializer, with its fields built once per class and plain columns read directly.

    Fields: DRF builds a model serializer's fields from the model (introspection, field mapping, extra
    kwargs) for every serializer instance, i.e. on every API request: about 5 % of an API list's
    CPU. The build depends only on the class (its Meta and declared fields), so it is made once and
    each instance gets a deep copy, as a plain Serializer does with its declared fields. A
    ``get_fields`` override that adapts fields to the request (a user's queryset) still runs per
    instance, on that copy.

    Rows: for each field of each row DRF looks the value up through ``get_attribute`` (is the
    row a mapping? is the value callable?). A field that shows a plain column of the row's own
    model (``name``, ``headcount``, ``valid_until``) reads it from the row's loaded values instead;
    the field's own ``to_representation`` still formats it, so the output is the same. Relations,
    dotted sources, method fields, files and deferred columns take DRF's path."""

    _field_prototypes: dict = {}
    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping,
                                models.DateTimeField: DateTimeField}

    def get_fields(self):
        cls = type(self)
        prototype = PortalModelSerializer._field_prototypes.get(cls)
        if prototype is None:
            # In the portal's own language, whatever the first request's: DRF gives a field an
            # explicit label only where the model's verbose name, *translated*, differs from the
            # field's name ("Capped by"). Built in English, "capped_by" kept no label and read
            # "Capped by" in Dutch too; built in Dutch, it keeps its lazy "Begrensd door".
            with translation.override(settings.LANGUAGE_CODE):
                prototype = PortalModelSerializer._field_prototypes[cls] = super().get_fields()
        return copy.deepcopy(prototype)

    @cached_property
    def _row_plan(self) -> list[tuple[str, serializers.Field, str | None]]:
        """``(name, field, column)`` per readable field; ``column`` is None for DRF's path."""
        model = self.Meta.model
        plan = []
        for field in self._readable_fields:
            column = None
            if len(field.source_attrs) == 1:
                try:
                    model_field = model._meta.get_field(field.source_attrs[0])
                except FieldDoesNotExist:
                    model_field = None
                if (model_field is not None and model_field.concrete and not model_field.is_relation
                        and type(getattr(model, model_field.attname, None)) is DeferredAttribute):
                    column = model_field.attname  # a FileField's descriptor, say, is not plain
            plan.append((field.field_name, field, column))
        return plan

    def preloaded(self, instance) -> dict:
        """Fields whose output a list view loaded for the whole page (by field name)."""
        return {}

    def to_representation(self, instance):
        if not isinstance(instance, self.Meta.model):
            return super().to_representation(instance)
        values, given = instance.__dict__, self.preloaded(instance)
        data = {}
        for name, field, column in self._row_plan:
            if name in given:
                data[name] = given[name]
                continue
            if column is not None and column in values:
                value = check = values[column]
            else:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
                # As DRF: a relation read as its key alone is None when the key is None.
                check = value.pk if isinstance(value, PKOnlyObject) else value
            data[name] = None if check is None else field.to_representation(value)
        return data


class ModelCleanSerializer(PortalModelSerializer):
    """A ModelSerializer whose validation is the model's ``full_clean()``."""

    def _model_field_names(self) -> dict[str, str]:
        """Model field name → serializer field name, for the writable fields backed by a model field."""
        names = {}
        concrete = {f.name for f in self.Meta.model._meta.concrete_fields}
        for name, field in self.fields.items():
            if not field.read_only and field.source in concrete:
                names[field.source] = name
        return names

    def build_instance(self, attrs):
        """The instance as it would be saved: a copy of the current one with ``attrs`` applied."""
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        columns = {f.name for f in model._meta.concrete_fields}  # many-to-many is set after saving
        for name, value in attrs.items():
            if name in columns:
                setattr(instance, name, value)
        return instance

    def model_errors(self, error: DjangoValidationError) -> dict:
        """Django's ``{model field: messages}`` as DRF's ``{serializer field: messages}``."""
        names = self._model_field_names()
        detail = serializers.as_serializer_error(error)
        errors: dict[str, list] = {}
        for key, messages in detail.items():
            # "__all__" (clean(), constraints) and fields the serializer does not expose: non-field.
            target = names.get(key, api_settings.NON_FIELD_ERRORS_KEY)
            errors.setdefault(target, []).extend(messages)
        return errors

    def validate(self, attrs):
        return self._clean(super().validate(attrs))

    def clean_again(self) -> None:
        """``validate``'s model checks once more, on ``self.instance`` as it is now: an update's
        viewset put the row locked in its transaction there (``ScopedModelViewSet.lock``), so a
        change another client saved since the request read the row counts (two PATCHes of a start
        and an end date each passed against the other's old value)."""
        self._validated_data = self._clean(dict(self.validated_data))

    def _clean(self, attrs):
        instance = self.build_instance(attrs)
        names = self._model_field_names()
        exclude = {f.name for f in instance._meta.fields if f.name not in names}
        try:
            instance.full_clean(exclude=exclude)
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.model_errors(error)) from error
        # clean() may normalise values (a postcode "2011ab" becomes "2011 AB"): keep them.
        for name in attrs:
            if name in names:
                attrs[name] = getattr(instance, name)
        return attrs

    def save(self, **kwargs):
        try:
            with transaction.atomic():
                return super().save(**kwargs)
        except IntegrityError as error:
            instance = self.build_instance({**self.validated_data, **kwargs})
            raise serializers.ValidationError(self.model_errors(explain_integrity_error(instance))) from error
