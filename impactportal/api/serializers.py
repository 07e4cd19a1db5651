"""The base of every writable model serializer: validation happens once, in the model.

DRF does not call a model's ``clean()`` nor check its constraints, so rules used to be written
twice (model and serializer). ``ModelCleanSerializer`` builds the instance from the validated
data and runs ``full_clean()``, exactly as a ModelForm does; Django's errors become DRF field
errors with the same messages. A unique violation that slips past validation (two requests at
the same moment) is explained the same way instead of surfacing as an IntegrityError."""

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from rest_framework import serializers
from rest_framework.settings import api_settings

from impactportal.integrity import explain_integrity_error


class ModelCleanSerializer(serializers.ModelSerializer):
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
        attrs = super().validate(attrs)
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
