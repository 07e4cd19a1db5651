from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from impactportal import access
from impactportal.api.viewsets import ActionMixin, ScopedModelViewSet, ScopedReadOnlyViewSet

from .. import checks, services
from ..filters import AdmissionRuleFilter, CertificationFilter, ContactMomentFilter, EnterpriseFilter
from ..forms import review_refusal
from ..models import AdmissionRule, Certification, ContactMoment, Enterprise, Offering
from .serializers import (
    AdmissionRuleSerializer,
    CertificationSerializer,
    ContactMomentSerializer,
    EnterpriseSerializer,
    load_page_relations,
)


class EnterpriseViewSet(ScopedModelViewSet):
    queryset = Enterprise.objects.select_related("municipality")
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    ordering_fields = ["name", "created_at", "founding_year", "headcount"]
    ordering = ["name"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "list":
            # A page loads its relations, its municipality's slug included, as values
            # (paginate_queryset): no join here, which the page's COUNT would repeat.
            return queryset.select_related(None)
        return queryset.prefetch_related(
            "themes", "sdgs", "certifications", Prefetch("offerings", queryset=Offering.objects.select_related("category")))

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":
            load_page_relations(page)
        return page

    def perform_update(self, serializer):
        with transaction.atomic():
            enterprise = self.lock(serializer)  # its admission state as it is now is kept
            confirmed = serializer.validated_data.pop("confirm_review", False)
            changed = [k for k, v in serializer.validated_data.items() if getattr(enterprise, k, None) != v]
            if not confirmed and services.sends_back_to_review(enterprise, self.request.user, changed):
                raise ValidationError({"confirm_review": [review_refusal(changed)]})
            previous_municipality = enterprise.municipality_id
            serializer.save()
            services.enterprise_changed(enterprise=serializer.instance, by=self.request.user, changed=changed,
                                        previous_municipality=previous_municipality)
        self.reload(serializer)

    @extend_schema(responses=CertificationSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], serializer_class=CertificationSerializer)
    def certifications(self, request, pk=None):
        """The certificates of an enterprise

        Only those you may see: visitors and other municipalities see verified, valid certificates."""
        enterprise = self.get_object()
        queryset = valid_where_public(request.user, access.scope(
            request.user, Certification.objects.select_related("enterprise"))).filter(
            enterprise=enterprise).order_by("valid_until", "pk")
        page = self.paginate_queryset(queryset)
        access.mark_can(page, request.user, "evidence", "may_see_evidence")
        serializer = CertificationSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)


def valid_where_public(user, queryset):
    """The certificates ``user`` sees only because they are public (visitors, other
    municipalities' readers without a grant) are the valid ones, as on the showcase: the stored
    status "verified" lags a day behind an end date until the night's check runs (or longer when
    it fails). Rows the user reads by their own grants (``history``: staff, the enterprise's own
    people) stay as they are."""
    private = access.rule(user, Certification, "history")
    if private is None:
        return queryset
    today = timezone.localdate()
    valid = ~Q(status__in=checks.STICKY_STATUSES) & (Q(valid_until__isnull=True) | Q(valid_until__gte=today))
    return queryset.filter(private | valid)


class CertificationViewSet(ActionMixin, ScopedModelViewSet):
    queryset = Certification.objects.select_related("enterprise")
    row_permissions = (("evidence", "may_see_evidence"),)  # evidence and notes only where allowed
    serializer_class = CertificationSerializer
    filterset_class = CertificationFilter
    ordering_fields = ["valid_until", "created_at"]
    ordering = ["valid_until", "pk"]

    def get_queryset(self):
        return valid_where_public(self.request.user, super().get_queryset())

    def perform_create(self, serializer):
        self._save(serializer, Certification(**serializer.validated_data), changed=serializer.validated_data)

    def perform_update(self, serializer):
        with transaction.atomic():
            certification = self.lock(serializer)
            changed = [k for k, v in serializer.validated_data.items() if getattr(certification, k) != v]
            for key, value in serializer.validated_data.items():
                setattr(certification, key, value)
            self._save(serializer, certification, changed=changed)
        self.reload(serializer)

    def perform_destroy(self, instance):
        enterprise = instance.enterprise
        with transaction.atomic():
            instance.delete()
            services.label_admission_recheck(enterprise=enterprise)  # the label an admission rested on

    def _save(self, serializer, certification, changed):
        serializer.instance = services.certification_save(certification=certification, by=self.request.user,
                                                          changed=list(changed))

    @extend_schema(request=None, responses=CertificationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def verify(self, request, pk=None):
        """Verify a certificate

        A broker of the enterprise's municipality confirms the certificate is genuine."""
        return self.run_action("verify", None, lambda cert, data: services.certification_verify(
            certification=cert, by=request.user))


class ContactMomentViewSet(ScopedModelViewSet):
    queryset = ContactMoment.objects.select_related("organisation", "enterprise", "owner")
    serializer_class = ContactMomentSerializer
    filterset_class = ContactMomentFilter
    ordering_fields = ["date", "follow_up_on", "created_at"]
    ordering = ["-date", "-pk"]


class AdmissionRuleViewSet(ScopedReadOnlyViewSet):
    """Admission rules of the platforms: read by brokers and colleagues; changed on the settings page."""

    queryset = AdmissionRule.objects.select_related("organisation", "region")
    serializer_class = AdmissionRuleSerializer
    filterset_class = AdmissionRuleFilter
    ordering_fields = ["platform_name", "mode", "updated_at"]  # not the JSON list ``accepted_schemes``
    ordering = ["pk"]
