from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from impactportal import access
from impactportal.api.viewsets import ScopedModelViewSet

from .. import services
from ..filters import CertificationFilter, ContactMomentFilter, EnterpriseFilter
from ..models import Certification, ContactMoment, Enterprise, Offering
from .serializers import CertificationSerializer, ContactMomentSerializer, EnterpriseSerializer


class EnterpriseViewSet(ScopedModelViewSet):
    queryset = Enterprise.objects.select_related("municipality").prefetch_related(
        "themes", "sdgs", "certifications", Prefetch("offerings", queryset=Offering.objects.select_related("category"))
    )
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    ordering_fields = ["name", "created_at", "founding_year", "headcount"]
    ordering = ["name"]

    def perform_destroy(self, instance):
        if not services.is_broker_of(self.request.user, instance):
            raise PermissionDenied
        with transaction.atomic():
            instance.delete()

    @extend_schema(responses=CertificationSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], serializer_class=CertificationSerializer)
    def certifications(self, request, pk=None):
        enterprise = self.get_object()
        queryset = access.scope(request.user, Certification.objects.select_related("enterprise")).filter(
            enterprise=enterprise).order_by("valid_until", "pk")
        page = self.paginate_queryset(queryset)
        serializer = CertificationSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)


class CertificationViewSet(ScopedModelViewSet):
    queryset = Certification.objects.select_related("enterprise")
    serializer_class = CertificationSerializer
    filterset_class = CertificationFilter
    ordering_fields = ["valid_until", "created_at"]
    ordering = ["valid_until", "pk"]

    def perform_create(self, serializer):
        self._save(serializer, Certification(**serializer.validated_data), changed=serializer.validated_data)

    def perform_update(self, serializer):
        instance = serializer.instance
        changed = [k for k, v in serializer.validated_data.items() if getattr(instance, k) != v]
        for key, value in serializer.validated_data.items():
            setattr(instance, key, value)
        self._save(serializer, instance, changed=changed)

    def _save(self, serializer, certification, changed):
        serializer.instance = services.certification_save(certification=certification, user=self.request.user,
                                                          changed=list(changed))

    @extend_schema(request=None, responses=CertificationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def verify(self, request, pk=None):
        """A broker of the enterprise's municipality confirms the certificate is genuine."""
        certification = self.get_object()
        services.certification_verify(certification=certification, user=request.user)
        return Response(self.get_serializer(certification).data)


class ContactMomentViewSet(ScopedModelViewSet):
    queryset = ContactMoment.objects.select_related("organisation", "enterprise", "owner")
    serializer_class = ContactMomentSerializer
    filterset_class = ContactMomentFilter
    ordering_fields = ["date", "follow_up_on", "created_at"]
    ordering = ["-date", "-pk"]
