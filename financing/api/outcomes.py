"""``/api/v1/financing/outcome-contracts/`` (PATCH/PUT as the page's edit; with ``metrics`` and
``claims``), ``claims`` (with ``verify`` and ``pay``), ``payments`` and the public ``open-data``
export. Money as decimal strings in euros; writes go through ``services_outcomes``."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from enterprises.models import Enterprise
from impactportal import access
from impactportal.api.serializers import ModelCleanSerializer, PortalModelSerializer
from impactportal.api.viewsets import (
    ActionMixin,
    HiddenBeforeMethodMixin,
    ScopedReadOnlyViewSet,
    as_api_error,
)
from impactportal.money import POSITIVE_AMOUNT_MESSAGE

from .. import open_data as open_data_export
from .. import services_outcomes as services
from ..filters_outcomes import OutcomeClaimFilter, OutcomeContractFilter, OutcomePaymentFilter
from ..models import OutcomeClaim, OutcomeContract, OutcomeMetric, OutcomePayment
from ..views.outcomes import claim_queryset, contract_queryset

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}


class MetricSerializer(PortalModelSerializer):
    class Meta:
        model = OutcomeMetric
        fields = ["id", "name", "definition", "unit", "price", "target", "cap", "validation_method", "data_source"]
        read_only_fields = fields


class OutcomeContractSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    paid_total = serializers.DecimalField(**MONEY)
    open_claims = serializers.IntegerField(read_only=True)

    class Meta:
        model = OutcomeContract
        fields = ["id", "organisation", "title", "reference", "provider", "provider_name", "target_group",
                  "description", "start_date", "end_date", "maximum", "maximum_status", "is_published", "paid_total",
                  "open_claims", "created_at"]
        read_only_fields = fields


class ProviderField(serializers.PrimaryKeyRelatedField):
    """The register the user may see, as the page's search box offers it, and the provider the
    contract has (a full PUT repeats it)."""

    def get_queryset(self):
        current = getattr(self.parent.instance, "provider_id", None)
        visible = Enterprise.objects.for_user(self.context["request"].user).values("pk")
        return Enterprise.objects.filter(Q(pk__in=visible) | Q(pk=current))


class OutcomeContractChangeSerializer(ModelCleanSerializer):
    """A change of an outcome contract: the commissioner (`organisation`) stays; `provider` is the
    id of an enterprise of the register. Once outcomes are claimed or paid the provider stays, the
    maximum is not below what was paid and the term covers the periods claimed."""

    provider = ProviderField()

    class Meta:
        model = OutcomeContract
        fields = ["title", "reference", "provider", "target_group", "description", "start_date", "end_date",
                  "maximum", "maximum_status", "is_published"]
        # A maximum of € 0 is refused as the model and the page say it (``POSITIVE_AMOUNT``).
        extra_kwargs = {"maximum": {"error_messages": {"min_value": POSITIVE_AMOUNT_MESSAGE}}}

    def validate(self, attrs):
        # The commissioner is read-only; one sent that is not the contract's own is refused, not
        # silently ignored (a GET's answer sent back unchanged is fine).
        sent = getattr(self, "initial_data", None)
        if isinstance(sent, dict) and "organisation" in sent and sent["organisation"] != self.instance.organisation.slug:
            raise serializers.ValidationError({"organisation": [services.COMMISSIONER_STAYS]})
        start = attrs.get("start_date", getattr(self.instance, "start_date", None))
        end = attrs.get("end_date", getattr(self.instance, "end_date", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end_date": [_("De einddatum ligt vóór de begindatum.")]})
        return super().validate(attrs)


class PaymentSerializer(PortalModelSerializer):
    # The calculation in the reader's language (Accept-Language), amounts as that language writes
    # them; the stored ``explanation`` column is the Dutch record and stays out of the answer.
    explanation = serializers.CharField(source="calculation", read_only=True)

    class Meta:
        model = OutcomePayment
        fields = ["id", "claim", "contract", "metric", "count", "price", "calculated", "amount", "capped_by",
                  "explanation", "paid_at"]
        read_only_fields = fields


class ClaimSerializer(PortalModelSerializer):
    metric_name = serializers.CharField(source="metric.name", read_only=True)
    evidence_url = serializers.SerializerMethodField()

    class Meta:
        model = OutcomeClaim
        fields = ["id", "contract", "metric", "metric_name", "period_start", "period_end", "claimed_count", "note",
                  "status", "accepted_count", "reason", "verified_at", "evidence_url", "created_at"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_evidence_url(self, obj):
        return reverse("financing:claim-evidence", args=[obj.pk]) if obj.evidence else None


@extend_schema_field({"allOf": [{"$ref": "#/components/schemas/ClaimStatusEnum"}], "readOnly": True})
class ClaimStatusField(serializers.CharField):
    """The claim's status, as ``ClaimSerializer`` documents it: a second serializer with the same
    choices made the schema generator give up its name (``ClaimStatusEnum``) for a numbered one."""


class ClaimCreatedSerializer(ClaimSerializer):
    """A claim just submitted, with what its metric's cap says about it."""

    status = ClaimStatusField(read_only=True)
    warnings = serializers.SerializerMethodField(
        help_text="Why the claim may not be paid in full: the metric's cap or the contract maximum is reached, or "
                  "the claims not yet paid (this one among them) ask for more than is left under it. The claim is "
                  "recorded all the same; nothing is paid beyond the cap. Empty when it fits.")

    class Meta(ClaimSerializer.Meta):
        fields = [*ClaimSerializer.Meta.fields, "warnings"]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_warnings(self, obj):
        warning = services.cap_warnings(obj.contract, next_outcomes=0).get(obj.metric_id)
        return [] if warning is None else [str(warning)]


class ClaimInputSerializer(serializers.Serializer):
    metric = serializers.IntegerField(help_text="Id of one of the contract's outcome metrics.")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    claimed_count = serializers.IntegerField(min_value=1, max_value=1_000_000)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    evidence = serializers.FileField(required=False, allow_null=True)
    above_target_confirmed = serializers.BooleanField(
        required=False, default=False,
        help_text="Required (true) when claimed_count is above the metric's target for the whole contract.")


class VerifyInputSerializer(serializers.Serializer):
    accepted_count = serializers.IntegerField(min_value=0, help_text="Equal to the claimed count: fully accepted; "
                                                                     "lower: partly (reason required); 0: rejected.")
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True)


def submit_claim(contract, data, user):
    metric = contract.metrics.filter(pk=data["metric"]).first()
    if metric is None:
        raise ValidationError({"metric": _("Deze uitkomstmaat hoort niet bij dit contract.")})
    return services.claim_submit(contract=contract, metric=metric, period_start=data["period_start"],
                                 period_end=data["period_end"], claimed_count=data["claimed_count"], by=user,
                                 note=data.get("note", ""), evidence=data.get("evidence"),
                                 above_target_confirmed=data.get("above_target_confirmed", False))


CONTRACT_CHANGE_RULES = (
    "A contract with claims or payments keeps what they rely on: the `maximum` is never below what was "
    "already paid, the `provider` stays once it claimed outcomes, and the term (`start_date`, `end_date`) "
    "covers every period claimed (rejected claims aside). These are checked again on the locked contract, "
    "so a payment made meanwhile counts; a refusal answers 400 with the message under the field and "
    "changes nothing. The commissioner (`organisation`) does not change. Only a broker of the "
    "commissioning organisation changes a contract: 403 for the provider, who may see it; 404 when it "
    "does not exist or lies outside what you may see. Every change is recorded in the change log.")


class OutcomeContractViewSet(HiddenBeforeMethodMixin, ActionMixin, ScopedReadOnlyViewSet):
    queryset = contract_queryset()
    serializer_class = OutcomeContractSerializer
    filterset_class = OutcomeContractFilter
    ordering_fields = ["start_date", "end_date", "maximum", "title"]
    ordering = ["-start_date", "-id"]

    @extend_schema(
        summary="Replace an outcome contract",
        description="Send every field of the contract (the optional ones keep their value when left out). "
                    + CONTRACT_CHANGE_RULES,
        request=OutcomeContractChangeSerializer, responses=OutcomeContractSerializer)
    def update(self, request, pk=None):
        return self._change(partial=False)

    @extend_schema(
        summary="Change an outcome contract",
        description="Send only the fields to change (a new `title`, a higher `maximum`, a later `end_date`). "
                    + CONTRACT_CHANGE_RULES,
        request=OutcomeContractChangeSerializer, responses=OutcomeContractSerializer)
    def partial_update(self, request, pk=None):
        return self._change(partial=True)

    def _change(self, *, partial):
        """As the page's edit: 404 outside the view scope, 403 without the change grant (before the
        body is read); the save is ``contract_update``, which locks the contract and asks
        ``contract_errors`` again; its refusals are field errors (400)."""
        contract = access.get_object_or_404(self.request.user, self.get_queryset(), access.CHANGE,
                                            pk=self.kwargs["pk"])
        serializer = OutcomeContractChangeSerializer(contract, data=self.request.data, partial=partial,
                                                     context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                # The fields sent, on the row as it is now (locked): a change saved since the row was
                # read above (another client's PATCH of other fields) is kept, not written back.
                contract = OutcomeContract.objects.select_for_update().get(pk=contract.pk)
                for name, value in serializer.validated_data.items():
                    setattr(contract, name, value)
                services.contract_update(contract=contract, by=self.request.user)
        except ValidationError as error:
            raise as_api_error(error) from error
        return Response(self.get_serializer(self.get_queryset().get(pk=contract.pk)).data)

    @extend_schema(responses=MetricSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], serializer_class=MetricSerializer, pagination_class=None)
    def metrics(self, request, pk=None):
        """The metrics of an outcome contract

        The outcomes the contract pays for, in the contract's order: what is measured, the price per
        outcome and the cap. A claim names one of these metrics. One answer, not paginated."""
        contract = self.get_object()
        metrics = access.scope(request.user, contract.metrics.order_by("order", "id"))
        return Response(MetricSerializer(metrics, many=True).data)

    @extend_schema(methods=["GET"], responses=ClaimSerializer(many=True), filters=False)
    @extend_schema(methods=["POST"], request=ClaimInputSerializer, responses={201: ClaimCreatedSerializer})
    @action(detail=True, methods=["get", "post"], filter_backends=[], serializer_class=ClaimSerializer)
    def claims(self, request, pk=None):
        """GET: the contract's claims, newest period first; paginated with `page` like the other
        lists. POST: claim outcomes for one metric and period; answers 201 with the claim, which
        then awaits verification by a broker of the commissioner, with `warnings` when the metric's cap
        (or the contract maximum) will not let it be paid in full."""
        if request.method == "POST":
            return self.run_action("claim", ClaimInputSerializer,
                                   lambda contract, data: submit_claim(contract, data, request.user),
                                   output_serializer=ClaimCreatedSerializer, response_status=status.HTTP_201_CREATED)
        contract = self.get_object()
        claims = access.scope(request.user, claim_queryset().filter(contract=contract).order_by("-period_start", "-id"))
        page = self.paginate_queryset(claims)
        return self.get_paginated_response(ClaimSerializer(page, many=True).data)


class ClaimViewSet(ActionMixin, ScopedReadOnlyViewSet):
    queryset = claim_queryset()
    serializer_class = ClaimSerializer
    filterset_class = OutcomeClaimFilter
    ordering_fields = ["period_start", "created_at", "claimed_count"]
    ordering = ["-period_start", "-id"]

    @extend_schema(request=VerifyInputSerializer, responses=ClaimSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def verify(self, request, pk=None):
        """Verify a claim

        A broker of the commissioner accepts the claim fully, partly (fewer outcomes than claimed,
        with a reason) or rejects it (0 accepted, with a reason). Only an accepted claim can be paid."""
        return self.run_action("verify", VerifyInputSerializer, lambda claim, data: services.claim_verify(
            claim=claim, by=request.user, accepted_count=data["accepted_count"], reason=data.get("reason", "")))

    @extend_schema(request=None, responses={201: PaymentSerializer, 200: PaymentSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def pay(self, request, pk=None):
        """Pay the verified claim: 201 with the new payment; a repeated call answers 200 with the
        payment already made and creates nothing."""
        outcome = {}

        def perform(claim, data):
            payment, created = services.claim_pay(claim=claim, by=request.user)
            outcome["created"] = created
            return payment

        response = self.run_action("pay", None, perform, output_serializer=PaymentSerializer,
                                   response_status=status.HTTP_201_CREATED)
        if not outcome.get("created"):
            response.status_code = status.HTTP_200_OK
        return response


class PaymentViewSet(ScopedReadOnlyViewSet):
    queryset = OutcomePayment.objects.select_related("claim", "contract", "metric")
    serializer_class = PaymentSerializer
    filterset_class = OutcomePaymentFilter
    ordering_fields = ["paid_at", "amount"]
    ordering = ["-paid_at", "-id"]


class OpenDataViewSet(viewsets.ViewSet):
    """The INDIGO-shaped open data of published outcome contracts and bonds: public, the same for
    everyone; private values are left out."""

    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: dict})
    @action(detail=False, methods=["get"], url_path="open-data", url_name="export")
    def open_data(self, request):
        """Open data of published outcome contracts

        The published outcome contracts and social impact bonds in the INDIGO data standard, as one
        JSON document: public (no sign-in needed) and the same for everyone; private values are left
        out. Send the `ETag` back in `If-None-Match` to get 304 when nothing changed."""
        # Built once and cached until a contract (or anything else it shows) changes. JSON is
        # served as the cached compact bytes (what the JSON renderer would write); the browsable
        # API renders the cached document.
        if request.accepted_renderer.format != "json":
            return Response(open_data_export.cached_export())
        body, etag = open_data_export.cached_json()
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type="application/json")
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=open_data_export.BROWSER_MAX_AGE)
        patch_vary_headers(response, ("Accept",))
        return response
