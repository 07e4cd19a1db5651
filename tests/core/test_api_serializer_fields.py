"""Model serializers build their fields once per class (``PortalModelSerializer``): every
instance gets its own copy, equal to what DRF would have built for it."""

import pytest
from django.urls import get_resolver
from django.utils import translation
from rest_framework import serializers

from enterprises.api.serializers import EnterpriseSerializer
from impactportal.api.serializers import PortalModelSerializer

PROJECT = ("impactportal", "enterprises", "brokers", "procurement", "ecosystem", "financing", "monitoring")


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def project_model_serializers():
    get_resolver().url_patterns  # noqa: B018 — imports every API module (and its serializers)
    found = {cls for cls in _subclasses(serializers.ModelSerializer) if cls.__module__.split(".")[0] in PROJECT}
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_every_model_serializer_of_the_project_builds_its_fields_once():
    classes = project_model_serializers()
    assert len(classes) > 40  # the walk found the apps' serializers, not an empty list
    missing = [f"{cls.__module__}.{cls.__qualname__}" for cls in classes if not issubclass(cls, PortalModelSerializer)]
    assert missing == []


def concrete(classes):
    """Without the abstract bases (no ``Meta.model``), which are never instantiated."""
    return [cls for cls in classes if getattr(getattr(cls, "Meta", None), "model", None) is not None]


@pytest.mark.django_db
@pytest.mark.parametrize("serializer_class", concrete(project_model_serializers()), ids=lambda cls: cls.__qualname__)
def test_the_copy_equals_what_drf_builds(serializer_class):
    cached = serializer_class().get_fields()
    built = serializers.ModelSerializer.get_fields(serializer_class())
    assert list(cached) == list(built)
    assert {name: repr(field) for name, field in cached.items()} == {name: repr(field) for name, field in built.items()}


def test_instances_do_not_share_fields(monkeypatch):
    first, second = EnterpriseSerializer(), EnterpriseSerializer()
    assert first.fields["name"] is not second.fields["name"]
    assert first.fields["offerings"] is not second.fields["offerings"]
    first.fields["name"].read_only = True  # what a per-request get_fields override may do
    assert EnterpriseSerializer().fields["name"].read_only is False
    assert second.fields["name"].read_only is False


def test_the_fields_are_built_once_per_class(monkeypatch):
    builds = []
    original = serializers.ModelSerializer.get_fields

    def counting(self):
        builds.append(type(self))
        return original(self)

    monkeypatch.setattr(serializers.ModelSerializer, "get_fields", counting)
    monkeypatch.setattr(PortalModelSerializer, "_field_prototypes", {})
    for _ in range(3):
        EnterpriseSerializer().fields  # noqa: B018
    # The nested offerings serializer is built once too; its copies come with the parent's.
    assert builds.count(EnterpriseSerializer) == 1


def test_a_model_timestamp_is_written_as_drf_writes_it_with_the_zone_read_once(monkeypatch):
    from datetime import UTC, datetime

    from django.utils import timezone

    from impactportal.api.fields import DateTimeField

    field = EnterpriseSerializer().fields["created_at"]
    assert type(field) is DateTimeField
    lookups = []
    original = timezone.get_current_timezone

    def counting():
        lookups.append(1)
        return original()

    monkeypatch.setattr(timezone, "get_current_timezone", counting)
    winter, summer = datetime(2026, 12, 3, 21, 5, tzinfo=UTC), datetime(2026, 7, 1, 9, 30, 15, 5, tzinfo=UTC)
    assert [field.to_representation(value) for value in (winter, summer)] == [
        serializers.DateTimeField().to_representation(value) for value in (winter, summer)]
    assert field.to_representation(winter) == "2026-12-03T22:05:00+01:00"  # Amsterdam, not UTC
    assert field.to_representation(summer) == "2026-07-01T11:30:15.000005+02:00"
    drf_lookups = 2  # DRF's own field above: once per value
    assert len(lookups) == 1 + drf_lookups  # ours: once, for four values
    # A new serializer (the next request) gets a fresh copy, which asks again.
    with timezone.override("UTC"):
        assert EnterpriseSerializer().fields["created_at"].to_representation(winter) == "2026-12-03T21:05:00Z"


def test_the_fields_keep_their_labels_when_first_built_in_english(monkeypatch):
    from financing.api.outcomes import PaymentSerializer

    monkeypatch.setattr(PortalModelSerializer, "_field_prototypes", {})
    with translation.override("en"):
        assert PaymentSerializer().fields["capped_by"].label == "Capped by"
    # DRF left the label out when the translated verbose name equalled the field's name: "Capped by"
    # in Dutch too. Built once in the portal's language, the label is the model's, in either language.
    assert PaymentSerializer().fields["capped_by"].label == "Begrensd door"
