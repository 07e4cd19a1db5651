from django.db import transaction
from rest_framework import viewsets

from impactportal import access


class ScopedViewSetMixin:
    """Every queryset comes from the access module: outside scope is 404, read-only is 403.

    A subclass sets ``queryset`` (with select_related/prefetch_related for a constant number of
    queries per page), ``serializer_class`` and ``filterset_class`` (the same FilterSet as the
    HTML list)."""

    def get_queryset(self):
        return access.scope(self.request.user, super().get_queryset(), access.VIEW)

    def get_object(self):
        obj = super().get_object()  # 404 outside the view scope
        self.check_object_permissions(self.request, obj)  # 403 when visible but not changeable
        return obj


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Writes go through services when the model has them; by default the serializer saves,
    inside a transaction so a failing audit or constraint leaves nothing half-written."""

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
