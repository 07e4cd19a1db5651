"""``POST /api/v1/financing/mkba/``: a stateless MKBA calculation (nothing stored), and
``/api/v1/financing/analyses/``: stored analyses with their indicators, theory of change and
assumptions, scoped by the access module, each returned with its calculated figures, the kind of
analysis and, per figure, that it is an estimate. Money is a decimal string in euros."""

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from impactportal import access
from impactportal.api.fields import OwnerSlugField
from impactportal.api.serializers import PortalModelSerializer
from impactportal.api.viewsets import ScopedModelViewSet
from procurement.models import Contract

from .. import mkba, services_mkba
from ..filters.mkba import AnalysisFilter
from ..models import Assumption, ChangeStep, MkbaAnalysis, MkbaIndicator, OutcomeContract
from ..views.mkba import analysis_queryset

DECIMAL = serializers.DecimalField(max_digits=14, decimal_places=2)
FIGURES = ("total_outcome", "total_impact", "present_value", "costs", "net_present_value", "benefit_cost_ratio")


# --- stateless calculation ------------------------------------------------------------------


class IndicatorInputSerializer(serializers.Serializer):
    """Documentation of the input (the values are read by ``financing.mkba.parse``: strings or numbers)."""

    name = serializers.CharField(max_length=200)
    beneficiary = serializers.ChoiceField(choices=mkba.BENEFICIARIES, required=False)
    count = serializers.DecimalField(max_digits=20, decimal_places=4, min_value=0)
    value_per_case = serializers.DecimalField(max_digits=20, decimal_places=4, min_value=0)
    deadweight = serializers.DecimalField(max_digits=6, decimal_places=4, min_value=0, max_value=1, required=False)
    attribution = serializers.DecimalField(max_digits=6, decimal_places=4, min_value=0, max_value=1, required=False)
    substitution = serializers.DecimalField(max_digits=6, decimal_places=4, min_value=0, max_value=1, required=False)
    short_term = serializers.DecimalField(max_digits=6, decimal_places=4, min_value=0, max_value=1, required=False,
                                          help_text="Share reached in years 1–3 (default 1 when no timing is given).")
    medium_term = serializers.DecimalField(max_digits=6, decimal_places=4, min_value=0, max_value=1, required=False,
                                           help_text="Share reached in years 4–5.")
    long_term = serializers.DecimalField(max_digits=6, decimal_places=4, min_value=0, max_value=1, required=False,
                                         help_text="Share reached in years 6–10.")


class CalculationInputSerializer(serializers.Serializer):
    indicators = IndicatorInputSerializer(many=True)
    costs = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0, required=False)
    discount_rate = serializers.DecimalField(max_digits=6, decimal_places=4, min_value=0, max_value=mkba.MAX_DISCOUNT_RATE,
                                             required=False, help_text="Yearly; default 0.0225.")
    kind = serializers.ChoiceField(choices=mkba.KINDS, required=False)


CALCULATION_OUTPUT = inline_serializer("MkbaCalculation", {
    "kind": serializers.CharField(),
    "estimate": serializers.BooleanField(),
    "indicators": inline_serializer("MkbaIndicatorFigures", {
        "name": serializers.CharField(), "beneficiary": serializers.CharField(),
        "outcome": DECIMAL, "impact": DECIMAL}, many=True),
    "total_outcome": DECIMAL, "total_impact": DECIMAL, "present_value": DECIMAL, "costs": DECIMAL,
    "net_present_value": DECIMAL, "benefit_cost_ratio": serializers.DecimalField(max_digits=14, decimal_places=2,
                                                                                 allow_null=True),
    "discount_rate": serializers.DecimalField(max_digits=6, decimal_places=4),
    "yearly_benefits": serializers.ListField(child=DECIMAL, min_length=10, max_length=10),
    "by_beneficiary": inline_serializer("MkbaBeneficiaryFigure", {
        "beneficiary": serializers.CharField(), "impact": DECIMAL}, many=True),
})


class CalculationViewSet(viewsets.GenericViewSet):
    """An MKBA calculation of the posted indicators; nothing is stored. Every figure is an
    estimate; 400 with the messages per indicator and field for input that cannot be calculated."""

    permission_classes = [IsAuthenticated]
    serializer_class = CalculationInputSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(request=CalculationInputSerializer, responses={200: CALCULATION_OUTPUT})
    @action(detail=False, methods=["post"], url_path="mkba", url_name="mkba")
    def calculate(self, request):
        """Calculate a social cost-benefit analysis (MKBA)

        Calculates the costs, benefits and net present value of the posted indicators without
        storing anything. Every figure is an estimate. Input that cannot be calculated answers 400
        with the messages per indicator and field."""
        try:
            analysis = mkba.parse(request.data)
        except mkba.Invalid as invalid:
            raise serializers.ValidationError(invalid.errors) from invalid
        return Response({**mkba.calculate(analysis).as_dict(), "estimate": True})


# --- stored analyses ------------------------------------------------------------------------


class IndicatorSerializer(PortalModelSerializer):
    class Meta:
        model = MkbaIndicator
        fields = ["name", "beneficiary", "count", "value_per_case", *mkba.FRACTIONS]

    def validate(self, attrs):
        values = dict(attrs)
        if any(name in values for name in mkba.TIMING):
            for name in mkba.TIMING:  # some timing given: the windows not given are 0
                values.setdefault(name, 0)
        _indicator, errors = mkba.parse_indicator({k: ("" if v is None else v) for k, v in values.items()})
        if errors:
            raise serializers.ValidationError(errors)
        return values


class ChangeStepSerializer(PortalModelSerializer):
    class Meta:
        model = ChangeStep
        fields = ["activity", "change", "indicator"]


class AssumptionSerializer(PortalModelSerializer):
    class Meta:
        model = Assumption
        fields = ["text", "source", "status", "visibility"]


class VisibleEnterpriseField(serializers.PrimaryKeyRelatedField):
    """The enterprises the user may attach an analysis to (as the form offers them)."""

    def get_queryset(self):
        instance = getattr(self.parent, "instance", None)
        return services_mkba.linkable_enterprises(self.context["request"].user,
                                                  current=getattr(instance, "enterprise_id", None))


class VisibleContractField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Contract.objects.for_user(self.context["request"].user)


class VisibleOutcomeContractField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return OutcomeContract.objects.for_user(self.context["request"].user)


def _figure(value, kind):
    return {"value": None if value is None else str(value), "estimate": True, "kind": kind}


class AnalysisSerializer(PortalModelSerializer):
    organisation = OwnerSlugField()
    enterprise = VisibleEnterpriseField(required=False, allow_null=True)
    sroi_contract = VisibleContractField(required=False, allow_null=True)
    outcome_contract = VisibleOutcomeContractField(required=False, allow_null=True)
    indicators = IndicatorSerializer(many=True, required=False, max_length=mkba.MAX_INDICATORS)
    change_steps = ChangeStepSerializer(many=True, required=False, max_length=30)
    assumptions = AssumptionSerializer(many=True, required=False, max_length=30)
    figures = serializers.SerializerMethodField()

    class Meta:
        model = MkbaAnalysis
        fields = ["id", "organisation", "title", "kind", "enterprise", "sroi_contract", "outcome_contract", "summary",
                  "costs",
                  "discount_rate", "is_shared", "indicators", "change_steps", "assumptions", "figures",
                  "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def to_internal_value(self, data):
        """Errors of a nested list as a list with one entry per row (``[{}, {"deadweight": […]}]``),
        as the stateless calculation reports them, not DRF's dict keyed by position."""
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as error:
            detail = error.detail
            if isinstance(detail, dict):
                for name in services_mkba.CHILDREN:
                    rows = detail.get(name)
                    if isinstance(rows, dict) and rows and all(str(key).isdigit() for key in rows):
                        size = max(len(data.get(name) or []), max(int(key) for key in rows) + 1)
                        detail[name] = [rows.get(i, rows.get(str(i), {})) for i in range(size)]
            raise serializers.ValidationError(detail) from error

    def validate(self, attrs):
        if self.instance is None and not attrs.get("indicators"):
            raise serializers.ValidationError({"indicators": [_("Geef ten minste één indicator.")]})
        if "indicators" in attrs and not attrs["indicators"]:
            raise serializers.ValidationError({"indicators": [_("Geef ten minste één indicator.")]})
        return attrs

    def get_figures(self, obj) -> dict:
        result = obj.result
        kind = obj.kind
        data = {
            "kind": kind,
            "kind_label": obj.get_kind_display(),
            "note": _("Alle bedragen zijn schattingen; de bruto-opbrengst (outcome) is geen impact."),
            "indicators": [{"name": row.name, "beneficiary": row.beneficiary, "outcome": _figure(row.outcome, kind),
                            "impact": _figure(row.impact, kind)} for row in result.indicators],
            "yearly_benefits": {"values": [str(v) for v in result.yearly_benefits], "estimate": True, "kind": kind},
        }
        for name in FIGURES:
            data[name] = _figure(getattr(result, name), kind)
        return data


class AnalysisViewSet(ScopedModelViewSet):
    """Stored analyses: brokers of the owner organisation change them, its colleagues read them,
    entrepreneurs read those attached to their enterprise once shared (without confidential
    assumptions)."""

    queryset = analysis_queryset()
    serializer_class = AnalysisSerializer
    filterset_class = AnalysisFilter
    ordering_fields = ["updated_at", "title", "costs"]
    ordering = ["-updated_at", "-id"]

    def get_queryset(self):
        user = self.request.user

        return super().get_queryset().prefetch_related(
            Prefetch("change_steps", queryset=access.scope(user, ChangeStep).order_by("order", "id")),
            Prefetch("assumptions", queryset=access.scope(user, Assumption).order_by("order", "id")))

    def _save(self, serializer, analysis):
        data = dict(serializer.validated_data)
        children = {name: data.pop(name, None) for name in services_mkba.CHILDREN}
        serializer.instance = services_mkba.save_from_data(analysis=analysis, values=data, children=children,
                                                           by=self.request.user)
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_create(self, serializer):
        self._save(serializer, MkbaAnalysis())

    def perform_update(self, serializer):
        with transaction.atomic():  # the service saves the sent values on the locked row
            self._save(serializer, self.lock(serializer))
