"""``/api/v1/`` endpoints of issue 12, scoped like the screens:

- ``parties/`` (in ``views.py``), ``maps/`` (with domains and gaps), ``coalitions/`` (with warnings),
  ``collaborations/``, ``events/``: read-only;
- ``properties/``: rents and internal notes only for the owner organisation (``null`` for others);
  ``tenant``, the enterprise an allocated property is let to, for the owner and that enterprise;
- ``space-requests/`` and ``GET space-requests/{id}/matches/?limit=N`` (``[{property, score, reasons}]``,
  highest first; ``limit`` 1–100, default 25);
- ``allocations/``: ``POST`` allocates under the Didam rule (``services_realestate.allocate``);
  ``POST allocations/{id}/end/`` ends a letting (``services_realestate.end_letting``), ``reopen/``
  undoes that end (``services_realestate.reopen_letting``); filter
  ``letting=current|ended``."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from enterprises.models import Enterprise
from impactportal import access
from impactportal.api.fields import AsciiIntegerField, OwnerSlugField
from impactportal.api.serializers import KnownFieldsOnly, ModelCleanSerializer, PortalModelSerializer
from impactportal.api.viewsets import (
    ActionMixin,
    ScopedModelViewSet,
    ScopedReadOnlyViewSet,
    ScopedViewSetMixin,
    as_api_error,
)
from impactportal.dates import NOT_TOO_FAR_AHEAD
from impactportal.text import as_id, is_ascii_number

from .. import coalitions as coalition_rules
from .. import maps
from .. import services_realestate as services
from ..constants import Procedure, SpaceRequestStatus, TenantKind
from ..filters_realestate import (
    AllocationFilter,
    CoalitionFilter,
    CollaborationFilter,
    EcosystemMapFilter,
    EventFilter,
    PropertyFilter,
    SpaceRequestFilter,
)
from ..models import Party
from ..models_coalitions import Coalition, Collaboration
from ..models_events import Event
from ..models_maps import EcosystemMap, MapEntry
from ..models_realestate import (
    Allocation,
    Property,
    SpaceRequest,
    current_lettings,
    letting_allocations,
    with_tenant,
)

INTERNAL = ("market_rent", "social_tariff", "suitability_notes")


# --- maps -----------------------------------------------------------------------------------


class MapEntrySerializer(PortalModelSerializer):
    party_name = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = MapEntry
        fields = ["id", "party", "party_name", "domain", "role", "is_active"]
        read_only_fields = fields


class EcosystemMapSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    # Named owner_region (not region): a map belongs to an organisation or to a region, never both.
    owner_region = serializers.SlugRelatedField(source="region", slug_field="slug", read_only=True, allow_null=True)
    entries = MapEntrySerializer(many=True, read_only=True)
    gaps = serializers.SerializerMethodField(help_text=_("Domeinen zonder actieve partij."))

    class Meta:
        model = EcosystemMap
        fields = ["id", "organisation", "owner_region", "title", "description", "entries", "gaps", "shared_vision",
                  "added_value_clear", "sustainability_anchored", "preconditions_clear", "checklist_notes",
                  "checklist_date"]
        read_only_fields = fields

    def get_gaps(self, obj) -> list[str]:
        return maps.gap_domains(obj.entries.all())


class EcosystemMapViewSet(ScopedReadOnlyViewSet):
    queryset = EcosystemMap.objects.select_related("organisation", "region").prefetch_related("entries__party")
    serializer_class = EcosystemMapSerializer
    filterset_class = EcosystemMapFilter
    ordering_fields = ["title"]


# --- coalitions and collaborations ------------------------------------------------------------


class CoalitionSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    focus = serializers.SerializerMethodField()
    functions = serializers.SerializerMethodField()
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = Coalition
        fields = ["id", "organisation", "name", "description", "focus", "members", "council_members",
                  "functions", "warnings", "started_on"]
        read_only_fields = fields

    def get_focus(self, obj) -> list[str]:
        return obj.focus_list()

    @extend_schema_field(inline_serializer("CoalitionFunctionRow", {
        "function": serializers.CharField(), "party": serializers.IntegerField(allow_null=True)}, many=True))
    def get_functions(self, obj):
        return [{"function": r.function, "party": r.party_id} for r in obj.roles.all()]

    @extend_schema_field(inline_serializer("CoalitionWarning", {
        "code": serializers.CharField(), "function": serializers.CharField(), "message": serializers.CharField()},
        many=True))
    def get_warnings(self, obj):
        return coalition_rules.warnings(roles=list(obj.roles.all()), focus_areas=obj.focus_list())


class CoalitionViewSet(ScopedReadOnlyViewSet):
    queryset = Coalition.objects.select_related("organisation").prefetch_related("roles", "members",
                                                                                 "council_members")
    serializer_class = CoalitionSerializer
    filterset_class = CoalitionFilter
    ordering_fields = ["name"]


class CollaborationSerializer(PortalModelSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    participants = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    sroi_rule_set = serializers.SerializerMethodField()
    # Not a "uri" in the schema: a collaboration without a website has an empty string.
    website = serializers.CharField(read_only=True, help_text="The collaboration's website; empty when unknown.")

    class Meta:
        model = Collaboration
        fields = ["id", "region", "theme", "title", "description", "participants", "started_on", "website",
                  "sroi_rule_set"]
        read_only_fields = fields

    def get_sroi_rule_set(self, obj) -> int | None:
        """The region's shared SROI rule set, when the caller may see it."""
        if obj.sroi_rule_set_id is None:
            return None
        return obj.sroi_rule_set_id if access.can(self.context["request"].user, access.VIEW, obj.sroi_rule_set) \
            else None


class CollaborationViewSet(ScopedReadOnlyViewSet):
    queryset = Collaboration.objects.select_related("region", "sroi_rule_set").prefetch_related("participants")
    serializer_class = CollaborationSerializer
    filterset_class = CollaborationFilter
    ordering_fields = ["title"]


class EventSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Event
        fields = ["id", "organisation", "kind", "title", "starts_at", "location", "description", "parties",
                  "participants", "is_public"]
        read_only_fields = fields


class EventViewSet(ScopedReadOnlyViewSet):
    # The published parties only, as the event's page: a public event listed the numbers of
    # parties that are hidden from visitors (their pages answer 404).
    queryset = Event.objects.select_related("organisation").prefetch_related(
        Prefetch("parties", queryset=Party.objects.filter(is_published=True)))
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering_fields = ["starts_at", "title"]


# --- real estate ----------------------------------------------------------------------------


class PropertySerializer(ModelCleanSerializer):
    """Rents and suitability notes are the owner organisation's: ``null`` for everyone else."""

    organisation = OwnerSlugField()
    market_rent = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, allow_null=True,
                                           help_text=_("Alleen voor de eigenaar; anders null."))
    social_tariff = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, allow_null=True,
                                             required=False, help_text=_("Alleen voor de eigenaar; anders null."))
    suitability_notes = serializers.CharField(allow_blank=True, allow_null=True, required=False, max_length=5000,
                                              help_text=_("Alleen voor de eigenaar; anders null."))
    is_owner = serializers.BooleanField(read_only=True, help_text=_("Ziet u de interne velden?"))
    is_allocated = serializers.SerializerMethodField(
        help_text=_("Nu verhuurd (een toewijzing die niet is beëindigd): niet beschikbaar. Alleen de eigenaar en de "
                    "huurder zien zulke panden."))
    tenant = serializers.SerializerMethodField(
        help_text=_("De onderneming waaraan het pand is toegewezen: voor de eigenaar en voor die onderneming zelf; "
                    "anders null."))

    class Meta:
        model = Property
        fields = ["id", "organisation", "name", "address", "area", "property_type", "floor_area", "market_rent",
                  "social_tariff", "available_from", "available_until", "description", "suitability_notes",
                  "is_published", "is_owner", "is_allocated", "tenant"]

    def get_is_allocated(self, obj) -> bool:
        allocated = getattr(obj, "is_allocated", None)  # annotated on lists and details
        if allocated is None:  # a property just created or changed
            allocated = current_lettings(obj).exists()
        return bool(allocated)

    @extend_schema_field(inline_serializer("PropertyTenant", {"id": serializers.IntegerField(),
                                                              "name": serializers.CharField()}, allow_null=True))
    def get_tenant(self, obj):
        if hasattr(obj, "tenant_pk"):  # annotated on lists and details (``with_tenant``)
            pk, name = obj.tenant_pk, obj.tenant_name
        else:  # a property just created or changed
            pk, name = letting_allocations(obj).values_list(
                "space_request__enterprise_id", "space_request__enterprise__name").first() or (None, None)
        return None if pk is None else {"id": pk, "name": name}

    def validate_market_rent(self, value):
        if value is None:
            raise serializers.ValidationError(_("Vul de markthuur in."))
        return value

    def validate_suitability_notes(self, value):
        return value or ""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        owner = getattr(instance, "is_owner", None)
        if owner is None:
            owner = access.can(self.context["request"].user, "internal", instance)
        data["is_owner"] = bool(owner)
        if not owner:
            for name in INTERNAL:
                data[name] = None
            # The tenant only to the owner and to the tenant's own entrepreneurs (the only others who
            # reach an allocated property): never another enterprise's name.
            tenant = data.get("tenant")
            if tenant is not None and tenant["id"] not in access.enterprise_ids(self.context["request"].user):
                data["tenant"] = None
        return data


class PropertyViewSet(ScopedModelViewSet):
    queryset = with_tenant(Property.objects.select_related("organisation").annotate(
        is_allocated=Exists(current_lettings(OuterRef("pk")))))
    serializer_class = PropertySerializer
    filterset_class = PropertyFilter
    ordering_fields = ["name", "floor_area", "available_from"]
    row_permissions = (("internal", "is_owner"),)

    @extend_schema(exclude=True)
    def destroy(self, request, *args, **kwargs):
        # As on the pages, which offer no delete: a property's lettings, responses and history hang
        # on it (a DELETE removed them with it). Outside the scope it is a 404 as for every method.
        self.get_object()
        raise exceptions.MethodNotAllowed(request.method, detail=_(
            "Een pand wordt niet verwijderd. Zet is_published op false of vul available_until in."))


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return self.queryset.model.objects.for_user(self.context["request"].user)


class EnterpriseField(serializers.PrimaryKeyRelatedField):
    """One of the caller's enterprises, or (for staff) an enterprise of their municipality.

    The authority decision first, as ``OwnerSlugField``: an enterprise the caller can see (the
    showcase is public) but may not file a request for answers 403, whatever else the body
    holds; one that does not exist or that they cannot see stays a field error (400)."""

    def get_queryset(self):
        user = self.context["request"].user
        if user.is_superuser:
            return Enterprise.objects.all()
        municipalities = access.owner_choices(user, SpaceRequest)
        return Enterprise.objects.filter(pk__in=access.enterprise_ids(user)) | \
            Enterprise.objects.filter(municipality__in=municipalities)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not is_ascii_number(str(data)):
            self.fail("incorrect_type", data_type=type(data).__name__)
        user = self.context["request"].user
        pk = as_id(str(data))
        enterprise = None if pk is None else access.scope(user, Enterprise).filter(pk=pk).first()
        if enterprise is None:
            self.fail("does_not_exist", pk_value=data)
        instance = getattr(self.root, "instance", None)
        if instance is not None and instance.enterprise_id == enterprise.pk:
            return enterprise  # keeping the enterprise a request already has
        if not self.get_queryset().filter(pk=enterprise.pk).exists():
            raise exceptions.PermissionDenied(
                _("U mag geen ruimtevraag indienen voor %(enterprise)s.") % {"enterprise": enterprise.name})
        return enterprise


class SpaceRequestSerializer(ModelCleanSerializer):
    enterprise = EnterpriseField(queryset=Enterprise.objects.all())
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = SpaceRequest
        fields = ["id", "organisation", "enterprise", "min_area", "max_area", "property_type", "budget", "area",
                  "start_date", "purpose", "status", "created_at"]
        read_only_fields = ["organisation", "status", "created_at"]

    def build_instance(self, attrs):
        instance = super().build_instance(attrs)
        if instance.enterprise_id and not instance.organisation_id:
            instance.organisation_id = instance.enterprise.municipality_id
        return instance


class MatchedPropertySerializer(PortalModelSerializer):
    class Meta:
        model = Property
        fields = ["id", "name", "area", "property_type", "floor_area", "available_from", "available_until"]
        read_only_fields = fields


class SpaceRequestMatchSerializer(serializers.Serializer):
    property = MatchedPropertySerializer()
    score = serializers.FloatField(min_value=0, max_value=1)
    reasons = serializers.DictField(child=serializers.CharField(),
                                    help_text=_("Per onderdeel (size, budget, location, type, availability) de reden."))


class MatchesQuerySerializer(serializers.Serializer):
    limit = AsciiIntegerField(required=False, default=25, min_value=1, max_value=services.MAX_LIMIT,
                              help_text="How many properties at most, best first (1 to 100, default 25).",
                              error_messages={"invalid": _("Geef een geheel getal van 1 tot en met 100.")})


class SpaceRequestViewSet(ActionMixin, ScopedModelViewSet):
    queryset = SpaceRequest.objects.select_related("organisation", "enterprise")
    serializer_class = SpaceRequestSerializer
    filterset_class = SpaceRequestFilter
    ordering_fields = ["created_at", "start_date"]

    def create(self, request, *args, **kwargs):
        # The role first (403), before the body is judged (as ``AllocationViewSet.create``): the
        # entrepreneurs of an enterprise, and the municipality's brokers for them.
        if not services.may_file_space_requests(request.user):
            self.permission_denied(request, message=_("Alleen ondernemers en de makelaars van de gemeente dienen "
                                                      "ruimtevragen in."))
        return super().create(request, *args, **kwargs)

    def perform_create(self, serializer):
        try:
            with transaction.atomic():
                instance = SpaceRequest(**serializer.validated_data)
                serializer.instance = services.space_request_create(space_request=instance, by=self.request.user)
        except DjangoValidationError as error:
            raise as_api_error(error) from error

    def perform_update(self, serializer):
        # On the row locked and checked again: a change read before an allocation committed saved
        # every field of its stale copy, the status "open" included, and reopened an allocated
        # request. The enterprise's municipality handles the request: it follows the enterprise.
        with transaction.atomic():
            self.lock(serializer)
            # An allocated request is a decided letting (its enterprise is the tenant, its terms are
            # agreed): changing it, or moving it to another enterprise, would hand the property to
            # someone the allocation never chose. The pages offer no change of a request at all.
            if serializer.instance.status != SpaceRequestStatus.OPEN:
                raise as_api_error(DjangoValidationError(
                    _("Een ruimtevraag met de status “%(status)s” verandert niet meer.")
                    % {"status": serializer.instance.get_status_display()}))
            enterprise = serializer.validated_data.get("enterprise")
            moved = enterprise is not None and enterprise.pk != serializer.instance.enterprise_id
            extra = {"organisation": enterprise.municipality} if moved else {}
            serializer.save(**extra)
        self.reload(serializer)

    @extend_schema(exclude=True)
    def destroy(self, request, *args, **kwargs):
        # As on the pages: a request is withdrawn, and its history and the responses to it stay (a
        # DELETE removed them, an allocated request's too).
        self.get_object()
        raise exceptions.MethodNotAllowed(request.method, detail=_(
            "Een ruimtevraag wordt niet verwijderd maar ingetrokken: POST naar withdraw/."))

    @extend_schema(request=None, responses=SpaceRequestSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def withdraw(self, request, pk=None):
        """Withdraw a space request

        The enterprise's entrepreneurs (or the municipality's brokers) withdraw an open request
        that is no longer needed, as on its page. Takes no body. A 400 when it is no longer open
        (allocated or withdrawn already)."""
        return self.run_action(access.CHANGE, None, lambda obj, data: services.space_request_withdraw(
            space_request=obj, by=request.user))

    @extend_schema(parameters=[MatchesQuerySerializer], responses=SpaceRequestMatchSerializer(many=True),
                   filters=False)
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def matches(self, request, pk=None):
        """Properties that match a space request

        The available properties the caller may see, best match first, each with a score from 0 to 1
        and the reason for each part of it (size, budget, location, type, availability). `limit`
        properties at most (1 to 100, default 25): the same ranking as the space request's page,
        which pages through the best 100. An allocated or withdrawn request has none, as on its page."""
        obj = self.get_object()
        query = MatchesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        if obj.status != SpaceRequestStatus.OPEN:
            return Response([])
        rows = [{"property": p, "score": float(m.score), "reasons": m.reasons}
                for p, m in services.matches_for(obj, request.user, limit=query.validated_data["limit"])]
        return Response(SpaceRequestMatchSerializer(rows, many=True).data)


class AllocationSerializer(PortalModelSerializer):
    property = ScopedPrimaryKeyField(queryset=Property.objects.all())
    space_request = ScopedPrimaryKeyField(queryset=SpaceRequest.objects.all())
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    rent = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    procedure = serializers.ChoiceField(choices=Procedure.choices)
    procedure_reference = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    publication_date = serializers.DateField(required=False, allow_null=True, default=None)
    candidates = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10_000,
                                          default=None)
    justification = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    decided_by = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    # The letting starts when the request wants it, a few years ahead at most (as the form).
    start_date = serializers.DateField(required=False, allow_null=True, default=None, validators=[NOT_TOO_FAR_AHEAD])
    tenant_kind = serializers.ChoiceField(choices=TenantKind.choices, required=False, default=TenantKind.SOCIAL)
    monthly_benefit = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True,
                                               help_text=_("Markthuur min afgesproken huur, als die lager is."))
    ended_on = serializers.DateField(read_only=True, allow_null=True, help_text=_(
        "Wanneer de verhuur is geëindigd; null zolang die loopt. Beëindigen: POST naar end/."))
    end_reason = serializers.CharField(read_only=True)

    class Meta:
        model = Allocation
        fields = ["id", "organisation", "property", "space_request", "rent", "market_rent", "monthly_benefit",
                  "tenant_kind", "start_date", "procedure", "procedure_reference", "publication_date", "candidates",
                  "justification", "decided_by", "decision_date", "ended_on", "end_reason", "created_at"]
        read_only_fields = ["organisation", "market_rent", "ended_on", "end_reason", "created_at"]

    def validate(self, attrs):
        errors = services.didam_errors(
            procedure=attrs["procedure"], procedure_reference=attrs.get("procedure_reference", ""),
            publication_date=attrs.get("publication_date"), candidates=attrs.get("candidates"),
            justification=attrs.get("justification", ""), decided_by=attrs.get("decided_by", ""),
            decision_date=attrs.get("decision_date"))
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class AllocationTargetSerializer(serializers.Serializer):
    """The rows an allocation names, read first for the authority check (``AllocationViewSet``)."""

    property = AsciiIntegerField()
    space_request = AsciiIntegerField()


class EndLettingSerializer(KnownFieldsOnly, serializers.Serializer):
    """When the letting ended (not before its start, not after today) and, optionally, why."""

    ended_on = serializers.DateField(error_messages={"required": _("Vul de datum in waarop de verhuur is geëindigd."),
                                                     "null": _("Vul de datum in waarop de verhuur is geëindigd.")})
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class AllocationViewSet(ActionMixin, ScopedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    queryset = Allocation.objects.select_related("organisation", "property", "space_request")
    serializer_class = AllocationSerializer
    filterset_class = AllocationFilter
    ordering_fields = ["start_date"]

    def create(self, request, *args, **kwargs):
        # The authority decision before the body is judged: an entrepreneur, or a broker for
        # another municipality's property, got the Didam rules' field errors (400) for a body
        # that failed them and 403 only for one that passed. The role first (403), then the
        # property and the space request the body names (404 outside the view scope, 403
        # without the grant); ``services.allocate`` checks both again on the locked rows.
        if not access.may_reach(request.user, Property, "allocate"):
            self.permission_denied(request, message=_("Alleen de makelaars en vastgoedcollega's van de gemeente "
                                                      "wijzen panden toe."))
        target = AllocationTargetSerializer(data=request.data)
        target.is_valid(raise_exception=True)
        for model, name in ((Property, "property"), (SpaceRequest, "space_request")):
            access.get_object_or_404(request.user, model, "allocate", pk=target.validated_data[name])
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        try:
            with transaction.atomic():
                allocation = services.allocate(by=request.user, **data)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        return Response(self.get_serializer(allocation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EndLettingSerializer, responses=AllocationSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def end(self, request, pk=None):
        """End a letting

        The owner's brokers and real-estate colleagues register that a letting ended (the tenant
        left), as on the allocation's page: `ended_on` on or after its start and not after today,
        an optional `reason`. The property is then free again: on offer as far as its availability
        goes, among the matches, and open to a new allocation. A 400 when the letting has ended
        already."""
        return self.run_action("end", EndLettingSerializer, lambda obj, data: services.end_letting(
            allocation=obj, by=request.user, ended_on=data["ended_on"], reason=data.get("reason", "")))

    @extend_schema(request=None, responses=AllocationSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reopen(self, request, pk=None):
        """Undo the end of a letting

        For an end registered by mistake (the tenant did not leave): the letting is current again,
        its `ended_on` and `end_reason` empty, and the property no longer on offer. A 400 when the
        letting has not ended, or when the property has been allocated again since. Takes no body."""
        return self.run_action("end", None, lambda obj, data: services.reopen_letting(allocation=obj, by=request.user))
