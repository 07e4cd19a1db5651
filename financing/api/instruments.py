"""``/api/v1/financing/instruments/`` (the public catalogue), ``/api/v1/financing/needs/`` (an
enterprise's financing need with its mix and coverage, for the brokers of its municipality and its
own entrepreneurs) and ``/api/v1/financing/funds/`` (impact funds with their investments and
portfolio figures, for the brokers of the managing organisation and of its region's members).
Read-only: the screens change them. Money as decimal strings in euros."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from impactportal.api.serializers import PortalModelSerializer
from impactportal.api.viewsets import ScopedReadOnlyViewSet

from .. import services_instruments as services
from ..filters_instruments import FundFilter, InstrumentFilter, NeedFilter
from ..models import FinancingNeed, ImpactFund, IndicatorKind, Instrument, Investment, MixComponent
from ..views.funds import fund_queryset, investments_with_figures
from ..views.instruments import need_queryset

MONEY = {"max_digits": 14, "decimal_places": 2, "read_only": True}
SHARE = {"max_digits": 5, "decimal_places": 4, "read_only": True}


class FinancingInstrumentSerializer(PortalModelSerializer):
    # Not a "uri" in the schema: an instrument without a website has an empty string.
    url = serializers.CharField(read_only=True, help_text="Website with more information; empty when unknown.")

    class Meta:
        model = Instrument
        fields = ["id", "slug", "kind", "name", "name_en", "provider", "provider_en", "description", "description_en",
                  "conditions", "conditions_en", "amount_min", "amount_max", "url", "is_active"]
        read_only_fields = fields


class FinancingInstrumentViewSet(ScopedReadOnlyViewSet):
    queryset = Instrument.objects.all()
    serializer_class = FinancingInstrumentSerializer
    filterset_class = InstrumentFilter
    ordering_fields = ["kind", "name"]
    ordering = ["kind", "name", "id"]
    page_language_ordering = ("name",)  # by the English name on an English request, as the screens


class MixComponentSerializer(PortalModelSerializer):
    # Empty (null) for a component from another source, e.g. the entrepreneur's own funds.
    instrument_name = serializers.CharField(source="instrument.name", read_only=True, default=None, allow_null=True)
    instrument_name_en = serializers.CharField(
        source="instrument.name_en", read_only=True, default=None, allow_null=True,
        help_text="The instrument's English name; empty: none yet, the Dutch applies.")
    instrument_kind = serializers.CharField(source="instrument.kind", read_only=True, default=None, allow_null=True)

    class Meta:
        model = MixComponent
        fields = ["id", "instrument", "instrument_name", "instrument_name_en", "instrument_kind", "label", "amount", "status", "note"]
        read_only_fields = fields


class MixCoverageSerializer(serializers.Serializer):
    covered = serializers.DecimalField(**MONEY, help_text="Granted components.")
    pending = serializers.DecimalField(**MONEY, help_text="Components at idea or applied.")
    rejected = serializers.DecimalField(**MONEY, help_text="Rejected components (counted nowhere).")
    remaining = serializers.DecimalField(**MONEY, help_text="max(need - covered - pending, 0).")
    uncovered = serializers.DecimalField(**MONEY, help_text="max(need - covered, 0).")
    surplus = serializers.DecimalField(**MONEY, help_text="max(covered + pending - need, 0).")
    covered_share = serializers.DecimalField(**SHARE)
    pending_share = serializers.DecimalField(**SHARE)
    remaining_share = serializers.DecimalField(**SHARE)


class FinancingNeedSerializer(PortalModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    components = MixComponentSerializer(many=True, read_only=True)
    coverage = serializers.SerializerMethodField()

    class Meta:
        model = FinancingNeed
        fields = ["id", "enterprise", "enterprise_name", "purpose", "amount", "horizon_months", "description",
                  "components", "coverage", "created_at", "updated_at"]
        read_only_fields = fields

    @extend_schema_field(MixCoverageSerializer)
    def get_coverage(self, obj):
        return MixCoverageSerializer(services.need_coverage(obj, obj.components.all())).data


class FinancingNeedViewSet(ScopedReadOnlyViewSet):
    queryset = need_queryset().prefetch_related(
        Prefetch("components", queryset=MixComponent.objects.select_related("instrument").order_by("id")))
    serializer_class = FinancingNeedSerializer
    filterset_class = NeedFilter
    ordering_fields = ["amount", "created_at", "purpose"]
    ordering = ["-created_at", "-id"]


class FundInvestmentSerializer(PortalModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Investment
        fields = ["id", "enterprise", "enterprise_name", "kind", "amount", "date", "terms"]
        read_only_fields = fields


class FundImpactTotalSerializer(serializers.Serializer):
    """One indicator's reported total: gross figures as the enterprises report them (measured,
    estimated or self-declared), not net impact."""

    indicator = serializers.CharField()
    unit = serializers.CharField()
    kind = serializers.ChoiceField(
        choices=IndicatorKind.choices,
        help_text="flow: every period adds up; stock: per investment only its latest period counts (see as_of).")
    as_of = serializers.DateField(allow_null=True, help_text="A stock: the latest period end counted; null for a flow.")
    total = serializers.DecimalField(
        **MONEY, help_text="Gross total as reported: measured + estimated + self_declared. Not net impact (no "
                           "correction for deadweight, attribution or substitution).")
    measured = serializers.DecimalField(**MONEY)
    estimated = serializers.DecimalField(**MONEY)
    self_declared = serializers.DecimalField(**MONEY)
    reports = serializers.IntegerField()


class FundPortfolioSerializer(serializers.Serializer):
    investments = serializers.IntegerField()
    invested = serializers.DecimalField(**MONEY)
    repaid = serializers.DecimalField(**MONEY)
    outstanding = serializers.DecimalField(**MONEY)
    interest = serializers.DecimalField(**MONEY)
    overpaid = serializers.DecimalField(**MONEY)  # principal recorded beyond an investment's amount
    # The key stays `impact` for the clients that read it; what it holds is gross and partly
    # self-declared, and the schema says so.
    impact = FundImpactTotalSerializer(
        many=True, help_text="Gross reported results per indicator, as the enterprises report them (measured, "
                             "estimated or self-declared; see each line's split): not net impact, no correction for "
                             "deadweight, attribution or substitution. Named `impact` for compatibility.")


class ImpactFundSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    impact_focus = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    investments = FundInvestmentSerializer(many=True, read_only=True)
    figures = serializers.SerializerMethodField()

    class Meta:
        model = ImpactFund
        fields = ["id", "name", "organisation", "region", "impact_focus", "capital", "description", "investments",
                  "figures"]
        read_only_fields = fields

    @extend_schema_field(FundPortfolioSerializer)
    def get_figures(self, obj):
        return FundPortfolioSerializer(services.fund_portfolio(obj, obj.investments.all())).data


class ImpactFundViewSet(ScopedReadOnlyViewSet):
    queryset = fund_queryset().prefetch_related("impact_focus",
                                                Prefetch("investments", queryset=investments_with_figures()))
    serializer_class = ImpactFundSerializer
    filterset_class = FundFilter
    ordering_fields = ["name"]
    ordering = ["name", "id"]
