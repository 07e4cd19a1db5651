"""API of the figures part: ``/api/v1/procurement/figures/`` (the figures of one organisation and
year, each with its source and basis) and ``/api/v1/procurement/payments/`` (read-only, scoped,
the payments list's FilterSet). Money as strings in euros."""

from decimal import Decimal

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from enterprises.constants import AdmissionStatus
from impactportal import access
from impactportal.api.serializers import PortalModelSerializer
from impactportal.api.viewsets import ScopedReadOnlyViewSet
from impactportal.contributions import SROI_STAFF

from .. import figures
from ..filters.figures import SupplierPaymentFilter
from ..models import SupplierPayment


def _plain(value):
    return str(value) if isinstance(value, Decimal) else value


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string", "format": "decimal"}], "nullable": True})
class ValueField(serializers.Field):
    """A count as a number; money, percentages and averages as decimal strings; null when unknown."""

    def to_representation(self, value):
        return _plain(value)


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = ValueField(allow_null=True)
    unit = serializers.ChoiceField(choices=figures.Unit.choices)
    basis = serializers.ChoiceField(choices=figures.Basis.choices)
    source = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    period = serializers.IntegerField()
    obligation_awarded = serializers.DecimalField(max_digits=14, decimal_places=2)
    realised = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="Verified lines (measured).")
    reported = serializers.DecimalField(max_digits=14, decimal_places=2,
                                        help_text="Lines reported by the supplier, not yet verified (self-declared).")
    realised_cumulative = serializers.DecimalField(
        max_digits=14, decimal_places=2,
        help_text="Verified realisation of the same contracts up to the end of the period, earlier years included.")


class StatusCountSerializer(serializers.Serializer):
    status = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class BehindSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    supplier_name = serializers.SerializerMethodField()
    end_date = serializers.DateField()
    obligation = serializers.DecimalField(max_digits=14, decimal_places=2)
    realised = serializers.DecimalField(max_digits=14, decimal_places=2)

    def get_supplier_name(self, contract) -> str:
        return contract.supplier.name if contract.supplier_id else contract.supplier_name


class CategorySerializer(serializers.Serializer):
    cost_category = serializers.CharField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    impact = serializers.DecimalField(max_digits=14, decimal_places=2)
    share = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class SupplierSerializer(serializers.Serializer):
    supplier_kvk = serializers.CharField()
    supplier_name = serializers.CharField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    payments = serializers.IntegerField()


class TopSupplierSerializer(SupplierSerializer):
    enterprise_id = serializers.IntegerField(allow_null=True)
    is_impact = serializers.BooleanField()


@extend_schema_field({"type": "string", "nullable": True, "description": "Slug of the organisation (null: all)."})
class OrganisationSlugField(serializers.SlugRelatedField):
    """The organisation as its slug; null when the figures cover every organisation (superuser)."""


class FiguresSerializer(serializers.Serializer):
    organisation = OrganisationSlugField(slug_field="slug", read_only=True, allow_null=True)
    year = serializers.IntegerField()
    obligations = FigureSerializer(many=True, source="tiles")
    periods = PeriodSerializer(many=True)
    statuses = StatusCountSerializer(many=True)
    behind_schedule = BehindSerializer(many=True, source="behind")
    behind_count = serializers.IntegerField()
    requests = FigureSerializer(many=True)
    spending = FigureSerializer(many=True)
    cost_categories = CategorySerializer(many=True, source="categories")
    top_suppliers = TopSupplierSerializer(many=True)
    unmatched_suppliers = SupplierSerializer(many=True)
    unmatched_count = serializers.IntegerField()


class FiguresViewSet(viewsets.ViewSet):
    """``GET /api/v1/procurement/figures/``: the figures of one organisation (default: your own) and
    year (default: this year). One summary, not a list of rows: registered at the ``procurement``
    prefix as the action ``figures`` (route name ``procurement-figures-summary``), so it is not
    mistaken for a paginated, scoped list."""

    permission_classes = [IsAuthenticated]  # anonymous: 401 with a challenge; other roles: 403 below

    @extend_schema(responses=FiguresSerializer, parameters=[
        OpenApiParameter("organisation", str, description="Slug of the organisation."),
        OpenApiParameter("year", int, description="The year of the figures (default: this year)."),
        OpenApiParameter("period", str, enum=["month", "quarter"],
                         description="Realisations per `month` (default) or per `quarter`.")])
    @action(detail=False, methods=["get"], url_path="figures", url_name="summary")
    def summary(self, request):
        """SROI and purchasing figures of an organisation

        The figures of one organisation (default: your own) and year (default: this year), each
        with its source and basis: SROI obligations and realisations per month or quarter, contracts
        behind schedule, purchase requests, spending per cost category and the top suppliers.
        Procurement and SROI staff only (403 otherwise)."""
        access.require_role(request.user, *SROI_STAFF)
        organisation = figures.choose(request.user, request.query_params.get("organisation"))
        year = figures.parse_year(request.query_params.get("year"))
        result = figures.figures_for(request.user, organisation, year,
                                     quarters=request.query_params.get("period") == "quarter")
        return Response(FiguresSerializer(result).data)


class SupplierPaymentSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True, default=None, allow_null=True)
    is_impact_enterprise = serializers.SerializerMethodField()

    class Meta:
        model = SupplierPayment
        fields = ["id", "organisation", "batch", "supplier_kvk", "supplier_name", "date", "amount", "cost_category",
                  "enterprise", "enterprise_name", "is_impact_enterprise"]
        read_only_fields = fields

    def get_is_impact_enterprise(self, payment) -> bool:
        return bool(payment.enterprise_id) and payment.enterprise.admission_status == AdmissionStatus.ADMITTED


class SupplierPaymentViewSet(ScopedReadOnlyViewSet):
    queryset = SupplierPayment.objects.select_related("organisation", "enterprise")
    serializer_class = SupplierPaymentSerializer
    filterset_class = SupplierPaymentFilter
    ordering_fields = ["date", "amount", "supplier_name"]
    ordering = ["-date", "-id"]
