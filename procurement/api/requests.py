"""``/api/v1/procurement/requests/`` (+ ``{id}/responses/`` to list and submit quotes,
``{id}/close/``) and ``/api/v1/procurement/responses/`` (the responses themselves: change one's
own, withdraw, shortlist, award). Scoped like the screens: anonymous callers read the open
requests only; an entrepreneur sees their own responses, the posting organisation all of them.
Decimals are strings in euros. State changes go through ``services_requests``."""

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from enterprises.api.serializers import RepresentedEnterpriseField
from enterprises.models import OfferingCategory
from impactportal import access
from impactportal.api.fields import OwnerSlugField
from impactportal.api.serializers import KnownFieldsOnly, ModelCleanSerializer, PortalModelSerializer
from impactportal.api.viewsets import ActionMixin, HiddenBeforeMethodMixin, ScopedViewSetMixin, as_api_error
from impactportal.money import POSITIVE_AMOUNT_MESSAGE
from impactportal.text import TEXT_MAX

from .. import services_requests as services
from ..filters.requests import PurchaseRequestFilter, ResponseFilter
from ..models import PurchaseRequest, PurchaseResponse

MONEY = {"max_digits": 14, "decimal_places": 2}


class PurchaseRequestSerializer(ModelCleanSerializer):
    organisation = OwnerSlugField()
    category = serializers.SlugRelatedField(slug_field="slug", queryset=OfferingCategory.objects.all())

    class Meta:
        model = PurchaseRequest
        fields = ["id", "organisation", "title", "description", "category", "budget_indication", "deadline",
                  "procedure", "is_reserved", "status", "created_at", "updated_at"]
        read_only_fields = ["status", "created_at", "updated_at"]
        # DRF turns the model's minimum into its own check: with the model's message.
        extra_kwargs = {"budget_indication": {"error_messages": {"min_value": POSITIVE_AMOUNT_MESSAGE}}}


class ResponseSerializer(PortalModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    has_attachment = serializers.SerializerMethodField()

    class Meta:
        model = PurchaseResponse
        fields = ["id", "request", "enterprise", "enterprise_name", "quote_amount", "message", "status",
                  "has_attachment", "created_at", "updated_at"]
        read_only_fields = fields

    def get_has_attachment(self, obj) -> bool:
        return bool(obj.attachment)


POSITIVE = {"min_value": POSITIVE_AMOUNT_MESSAGE}  # as the model says it (a quote of € 0 was sent)


class ResponseCreateSerializer(serializers.Serializer):
    enterprise = RepresentedEnterpriseField(help_text=_("Een onderneming die u vertegenwoordigt."))
    quote_amount = serializers.DecimalField(min_value=Decimal("0.01"), error_messages=POSITIVE, **MONEY)
    message = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX)
    attachment = serializers.FileField(required=False, allow_null=True)


class ResponseUpdateSerializer(KnownFieldsOnly, serializers.Serializer):
    # Left out, a field stays (a PATCH that sent only the amount erased the message; one that sent
    # only the message was refused for want of the amount).
    quote_amount = serializers.DecimalField(min_value=Decimal("0.01"), error_messages=POSITIVE, required=False,
                                            **MONEY)
    message = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX)


class CloseSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=["close", "withdraw"])


class ShortlistSerializer(serializers.Serializer):
    shortlisted = serializers.BooleanField(default=True)


class PurchaseRequestViewSet(HiddenBeforeMethodMixin, ActionMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                             mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Purchase requests: posted by procurement colleagues and brokers (``organisation`` slug);
    enterprises whose offering fits the category are notified."""

    queryset = PurchaseRequest.objects.select_related("organisation", "category")
    serializer_class = PurchaseRequestSerializer
    filterset_class = PurchaseRequestFilter
    ordering_fields = ["deadline", "created_at", "budget_indication"]
    ordering = ["deadline", "pk"]

    def perform_create(self, serializer):
        try:
            with transaction.atomic():
                serializer.instance = services.request_post(
                    request=PurchaseRequest(**serializer.validated_data), by=self.request.user)
        except DjangoValidationError as error:
            raise as_api_error(error) from error

    def perform_update(self, serializer):
        try:
            with transaction.atomic():
                serializer.instance = services.request_update(request=self.changed_row(serializer),
                                                              by=self.request.user)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        self.reload(serializer)

    @extend_schema(methods=["GET"], responses=ResponseSerializer(many=True), filters=False)
    @extend_schema(methods=["POST"], request=ResponseCreateSerializer, responses={201: ResponseSerializer})
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None,
            serializer_class=ResponseSerializer)
    def responses(self, request, pk=None):
        """GET: the responses you may see; all of them for the posting organisation, your own
        otherwise. POST: respond for an enterprise you represent; refused (400, with the reason
        under ``enterprise``) when it is not admitted or, for a reserved request, not eligible."""
        if request.method == "GET":
            obj = access.get_object_or_404(request.user, self.get_queryset(), access.VIEW, pk=pk)
            rows = PurchaseResponse.objects.for_user(request.user).filter(request=obj).select_related("enterprise")
            return Response(ResponseSerializer(rows, many=True).data)
        return self.run_action("respond", ResponseCreateSerializer, lambda obj, data: services.response_submit(
            request=obj, enterprise=data["enterprise"], by=request.user, quote_amount=data["quote_amount"],
            message=data["message"], attachment=data.get("attachment")),
            output_serializer=ResponseSerializer, response_status=status.HTTP_201_CREATED)

    @extend_schema(request=CloseSerializer, responses=PurchaseRequestSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def close(self, request, pk=None):
        """Close or withdraw a purchase request

        The posting organisation closes the request to assess the responses
        (`decision: "close"`) or withdraws it because the purchase is off (`decision: "withdraw"`).
        No new responses are accepted afterwards."""
        return self.run_action("award", CloseSerializer, lambda obj, data: services.request_close(
            request=obj, by=request.user, withdraw=data["decision"] == "withdraw"))


class ResponseViewSet(HiddenBeforeMethodMixin, ActionMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      viewsets.GenericViewSet):
    """Responses to purchase requests: an entrepreneur's own, or all responses to the requests of
    the user's organisation. ``?request=`` narrows to one request."""

    queryset = PurchaseResponse.objects.select_related("enterprise")
    serializer_class = ResponseSerializer
    filterset_class = ResponseFilter
    ordering_fields = ["quote_amount", "created_at"]
    ordering = ["request", "quote_amount", "pk"]

    @extend_schema(request=ResponseUpdateSerializer, responses=ResponseSerializer)
    def partial_update(self, request, pk=None):
        """Change your own response while it is submitted and the request is open."""
        return self.run_action(access.CHANGE, ResponseUpdateSerializer, lambda obj, data: services.response_update(
            response=obj, by=request.user, quote_amount=data.get("quote_amount"), message=data.get("message")))

    @extend_schema(request=None, responses=ResponseSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def withdraw(self, request, pk=None):
        """Withdraw your response

        The enterprise withdraws its own response while the request is open. Takes no body."""
        return self.run_action(access.CHANGE, None, lambda obj, data: services.response_withdraw(
            response=obj, by=request.user))

    @extend_schema(request=ShortlistSerializer, responses=ResponseSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def shortlist(self, request, pk=None):
        """Put a response on the shortlist or take it off

        The posting organisation marks a response as shortlisted (`shortlisted: true`) or not
        while it assesses the responses."""
        return self.run_action("award", ShortlistSerializer, lambda obj, data: services.response_shortlist(
            response=obj, by=request.user, shortlisted=data["shortlisted"]))

    @extend_schema(request=None, responses=ResponseSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def award(self, request, pk=None):
        """Award the request to this response

        The posting organisation awards the purchase request to this response; the other responses
        become "not selected". Takes no body."""
        return self.run_action("award", None, lambda obj, data: services.request_award(
            response=obj, by=request.user))
