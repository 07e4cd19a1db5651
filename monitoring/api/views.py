"""``/api/v1/monitoring/``: indicators (the registry), snapshots with their values for one
organisation, programme or region, report requests (``POST`` → 202, the PDF once done, 409
before) and the review of reports. Scoped by the access module; writes go through ``services``."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.response import Response

from enterprises.models import Enterprise
from impactportal import access
from impactportal.accounts.models import Organisation, Programme, Region
from impactportal.api.serializers import PortalModelSerializer
from impactportal.api.viewsets import ScopedViewSetMixin, as_api_error
from impactportal.indicators import Basis, Level, Unit
from impactportal.text import TEXT_MAX
from impactportal.uploads import serve_private_file

from .. import registry, reports, services
from ..constants import Outcome, ReportKind, ReportStatus, ReviewKind, ReviewState, Section, SnapshotKind
from ..models import ReportRequest, ReportText, Review, Snapshot, SnapshotValue

# --- indicators -------------------------------------------------------------------------------


class MonitoringIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.ChoiceField(choices=Unit.choices)
    status = serializers.ChoiceField(choices=Basis.choices, help_text=_("gemeten, geschat of zelf opgegeven"))
    level = serializers.ListField(child=serializers.ChoiceField(choices=Level.choices))
    definition = serializers.CharField()
    source = serializers.CharField()
    sdgs = serializers.ListField(child=serializers.IntegerField())
    broad_welfare = serializers.ListField(child=serializers.CharField())


def indicator_row(ind) -> dict:
    return {"code": ind.code, "name": str(ind.name), "unit": ind.unit, "status": ind.basis, "level": list(ind.levels),
            "definition": str(ind.definition), "source": ind.source, "sdgs": list(ind.sdgs),
            "broad_welfare": list(ind.broad_welfare)}


class IndicatorViewSet(viewsets.GenericViewSet):
    """Every indicator of every app: what it counts, its unit, status (measured, estimated or
    self-declared) and levels. Public: definitions are no secret. (Not a model: the registry.)"""

    # Not "List measurements" (the model of the queryset below): the indicators themselves.
    api_names = {"one": "indicator", "many": "indicators", "a": "an"}
    api_description = ("Every indicator the portal measures: what it counts, its unit, whether it is measured, "
                       "estimated or self-declared, and the levels it is given for. Public: no sign-in needed.")
    serializer_class = MonitoringIndicatorSerializer
    queryset = Snapshot.objects.none()  # the registry is code; a queryset only for generic tooling
    pagination_class = None
    filter_backends = []

    @extend_schema(responses=MonitoringIndicatorSerializer(many=True))
    def list(self, request):
        return Response([indicator_row(ind) for ind in registry.indicators()])


# --- snapshots --------------------------------------------------------------------------------


class SnapshotSerializer(PortalModelSerializer):
    period = serializers.CharField(source="label", read_only=True)
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    values = serializers.SerializerMethodField(help_text=_("{indicatorcode: waarde} voor de gevraagde organisatie, "
                                                           "programma of regio (alleen wat u mag zien)."))

    class Meta:
        model = Snapshot
        fields = ["id", "kind", "period", "programme", "period_start", "period_end", "created_at", "values"]
        read_only_fields = fields

    @extend_schema_field({"type": "object", "additionalProperties": {"type": "string", "format": "decimal"}})
    def get_values(self, obj) -> dict:
        return self.context.get("values", {}).get(obj.pk, {})


SCOPE_PARAMS = [
    OpenApiParameter("organisation", str, description=_("korte naam van de organisatie")),
    OpenApiParameter("programme", str, description=_("korte naam van het programma")),
    OpenApiParameter("region", str, description=_("korte naam van de regio")),
    OpenApiParameter("kind", str, enum=SnapshotKind.values),
]


class SnapshotViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Monthly snapshots, baselines and the year-to-date measurements reports read, each with
    ``period`` and ``values: {code: value}`` for the organisation, programme or region in the query
    (values only where you may see them)."""

    queryset = Snapshot.objects.select_related("programme")
    serializer_class = SnapshotSerializer
    filterset_class = None
    ordering_fields = ["period_end"]
    ordering = ["-period_end", "-id"]

    def _scope(self):
        params = self.request.query_params
        for level, model in ((Level.ORGANISATION, Organisation), (Level.PROGRAMME, Programme),
                             (Level.REGION, Region)):
            slug = params.get(level)
            if slug:
                owner = model.objects.filter(slug=slug).first()
                if owner is None:
                    raise serializers.ValidationError({level: [_("Onbekende korte naam.")]})
                return level, owner
        return None, None

    def get_queryset(self):
        queryset = super().get_queryset()
        kind = self.request.query_params.get("kind")
        if kind:
            if kind not in SnapshotKind.values:
                raise serializers.ValidationError({"kind": [_("Kies een van: %(kinds)s.") % {
                    "kinds": ", ".join(SnapshotKind.values)}]})
            queryset = queryset.filter(kind=kind)
        return queryset

    def get_serializer(self, *args, **kwargs):
        if args and not isinstance(args[0], Snapshot | dict):
            snapshots = list(args[0])
            args = (snapshots, *args[1:])
        else:
            snapshots = [args[0]] if args else []
        level, owner = self._scope()
        values: dict[int, dict] = defaultdict(dict)
        if level and snapshots:
            # Values computed from rows of a department the caller may not read (supplier payments,
            # inkoop's) are left out, as on the page (``registry.withheld``).
            rows = (SnapshotValue.objects.for_user(self.request.user)
                    .filter(snapshot__in=[s.pk for s in snapshots], level=level, **{level: owner})
                    .exclude(code__in=list(registry.withheld(self.request.user, level, owner.pk)))
                    .values_list("snapshot_id", "code", "value"))
            for snapshot_id, code, value in rows:
                values[snapshot_id][code] = format(value.normalize(), "f")
        kwargs.setdefault("context", self.get_serializer_context())
        kwargs["context"]["values"] = values
        return super().get_serializer(*args, **kwargs)

    @extend_schema(parameters=SCOPE_PARAMS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=SCOPE_PARAMS[:3])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


# --- reports ----------------------------------------------------------------------------------


class ReportTextSerializer(serializers.Serializer):
    section = serializers.ChoiceField(choices=Section.choices, read_only=True)
    body = serializers.CharField(read_only=True)
    changed_at = serializers.DateTimeField(read_only=True)
    changed_by = serializers.CharField(read_only=True, allow_null=True, help_text=_(
        "Wie de tekst het laatst wijzigde; leeg voor wie het rapport alleen openbaar leest."))


class ReportSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    programme = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    enterprise_id = serializers.IntegerField(read_only=True, allow_null=True,
                                             help_text=_("De onderneming van een impactverklaring."))
    progress = serializers.SerializerMethodField()
    snapshot_period = serializers.CharField(source="snapshot.label", read_only=True)
    approved_by = serializers.StringRelatedField(allow_null=True)
    checksum = serializers.SerializerMethodField(help_text=_(
        "SHA-256 van de PDF die u krijgt: via file/ als u het rapport via uw rol leest, anders (een gepubliceerd "
        "rapport, zonder inloggen) van de openbare PDF."))
    public_checksum = serializers.CharField(read_only=True, help_text=_(
        "SHA-256 van de openbare PDF (zonder interne bijlage); leeg zolang het rapport niet is gepubliceerd."))
    previous = serializers.SerializerMethodField(help_text=_(
        "De vorige versie; wie het rapport alleen openbaar leest, krijgt de vorige gepubliceerde versie."))
    texts = serializers.SerializerMethodField(help_text=_(
        "De teksten van het rapport per onderdeel, zoals de PDF ze onder de koppen van de onderdelen toont "
        "(alleen lezen; ze worden op de rapportpagina geschreven)."))

    class Meta:
        model = ReportRequest
        fields = ["id", "kind", "organisation", "programme", "enterprise_id", "period", "version", "previous", "status",
                  "progress", "error", "snapshot", "snapshot_period", "checksum", "public_checksum", "task_id",
                  "review_state", "approved_by", "approved_at", "published_at", "created_at", "finished_at",
                  "texts"]
        read_only_fields = fields

    def get_progress(self, obj) -> int:
        return services.progress_of(obj)

    def _through_grant(self, obj) -> bool:
        """Does the caller read ``obj`` through a grant (its download: ``ReportViewSet.row_permissions``
        marks the rows), not only because it is published?"""
        marked = getattr(obj, "can_download", None)
        if marked is not None:
            return bool(marked)
        request = self.context.get("request")
        return bool(request) and access.can(request.user, "download", obj)

    def get_checksum(self, obj) -> str:
        """A draft with figures not for the caller's department: its department copy's (what
        ``file/`` gives them), not the full file's. A reader of the published report only (a
        visitor): the public PDF's, the file they can download; the internal file's said nothing
        they could check."""
        if not self._through_grant(obj):
            return obj.public_checksum
        request = self.context.get("request")
        if obj.department_checksum and request and reports.withheld_in_draft(request.user, obj):
            return obj.department_checksum
        return obj.checksum

    @extend_schema_field(ReportTextSerializer(many=True))
    def get_texts(self, obj) -> list[dict]:
        """The keepers' texts in the report's order of sections (the viewset prefetches them: a
        report's texts are read by whoever reads the report, ``ReportText.access``). Who wrote
        them only for those who read the report through a grant, not for its public readers."""
        order = {code: index for index, code in enumerate(Section.values)}
        texts = sorted((text for text in obj.texts.all() if text.body), key=lambda text: order[text.section])
        named = self._through_grant(obj)
        return ReportTextSerializer([{"section": text.section, "body": text.body, "changed_at": text.changed_at,
                                      "changed_by": str(text.changed_by) if named and text.changed_by else None}
                                     for text in texts], many=True).data

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_previous(self, obj) -> int | None:
        """The previous version's id; for a reader of published reports only, the latest earlier
        version that is published (an unpublished draft's id is not theirs to know)."""
        if obj.previous_id is None or self._through_grant(obj):
            return obj.previous_id
        if obj.previous.published_at is not None:
            return obj.previous_id
        return (ReportRequest.objects.published().filter(kind=obj.kind, scope_key=obj.scope_key, period=obj.period,
                                                         version__lt=obj.version)
                .order_by("-version").values_list("pk", flat=True).first())


class ReportRequestInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReportKind.choices)
    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all(), required=False)
    programme = serializers.SlugRelatedField(slug_field="slug", queryset=Programme.objects.all(), required=False)
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.all(), required=False)
    # The pattern alone decides (four digits), so a wrong period gets one message, not also
    # "no more than 4 characters" from a max_length.
    period = serializers.RegexField(r"^[0-9]{4}$", error_messages={
        "invalid": _("Geef een jaar op, bijvoorbeeld 2025.")})

    def validate_enterprise(self, value):
        if not Enterprise.objects.for_user(self.context["request"].user).filter(pk=value.pk).exists():
            raise serializers.ValidationError(_("Er is geen onderneming met dit nummer, of u heeft er geen toegang toe."))
        return value

    def validate(self, data):
        given = [key for key in ("organisation", "programme", "enterprise") if data.get(key)]
        if len(given) != 1:
            raise serializers.ValidationError({"organisation": [_("Geef precies één van organisation, programme of "
                                                                  "enterprise.")]})
        kind, scope = data["kind"], given[0]
        if (kind == ReportKind.IMPACT_STATEMENT) != (scope == "enterprise"):
            raise serializers.ValidationError({"kind": [_("Een impactverklaring hoort bij een onderneming, andere "
                                                          "rapporten bij een organisatie of programma.")]})
        if kind == ReportKind.PROGRAMME and scope != "programme":
            raise serializers.ValidationError({"programme": [_("Een programmarapportage hoort bij een programma.")]})
        return data


class ReportViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """Report requests you may see. ``POST`` asks for one (202: made in the background; the same
    kind, scope, period and snapshot again returns the existing request, a newer snapshot of the
    period makes its next version); ``GET {id}/file/`` gives the PDF once done (409 before; 401
    without credentials: the public PDF is on the public page)."""

    queryset = ReportRequest.objects.select_related("organisation", "programme", "snapshot", "job", "approved_by",
                                                    "previous").prefetch_related(
        Prefetch("texts", queryset=ReportText.objects.select_related("changed_by")))
    serializer_class = ReportSerializer
    # Who reads a report through a grant (its checksum and previous version are the internal ones).
    row_permissions = (("download", "can_download"),)
    filterset_fields = ["kind", "status", "review_state", "period"]
    ordering_fields = ["created_at"]
    ordering = ["-created_at", "-id"]

    @extend_schema(request=ReportRequestInput, responses={202: ReportSerializer})
    def create(self, request, *args, **kwargs):
        data = ReportRequestInput(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        try:
            report, _created = services.report_request(user=request.user, **data.validated_data)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(_("U mag dit rapport niet aanvragen.")) from error
        report = self.get_queryset().get(pk=report.pk)
        return Response(self.get_serializer(report).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY,
                              409: OpenApiResponse(description=_("Het rapport is nog niet klaar."))})
    @action(detail=True, methods=["get"])
    def file(self, request, pk=None):
        """Download the report as PDF

        The report's PDF, including the internal appendix, for those who see the report through
        a grant. Answers 409 while the report is still being made."""
        report = access.get_object_or_404(request.user, self.get_queryset(), access.VIEW, pk=pk)  # 404 outside
        if not access.can(request.user, "download", report):
            # Visible (published) but the full file is never read through the public rule: a caller
            # without credentials is asked for them (401 with ``WWW-Authenticate``, from the first
            # authenticator), as every signed-in API answers; the public PDF is on the public page.
            if not request.user.is_authenticated:
                raise NotAuthenticated
            raise PermissionDenied
        if report.status != ReportStatus.DONE or not report.file:
            return Response({"detail": _("Het rapport is nog niet klaar."), "status": report.status},
                            status=status.HTTP_409_CONFLICT)
        # A draft with figures not for the caller's department: its department copy (as the page).
        file, name = services.report_file_for(report=report, user=request.user)
        if not file:
            raise Http404
        # A file missing from storage is a 404, not a 500 (``serve_private_file``).
        return serve_private_file(request.user, report, file.field.name, as_attachment=False, filename=name,
                                  content_type="application/pdf")


# --- reviews ----------------------------------------------------------------------------------


class ReviewSerializer(PortalModelSerializer):
    report = serializers.PrimaryKeyRelatedField(queryset=ReportRequest.objects.all())
    kind = serializers.ChoiceField(choices=ReviewKind.choices, default=ReviewKind.COMMENT)
    section = serializers.ChoiceField(choices=Section.choices, required=False, allow_blank=True)
    body = serializers.CharField(required=False, allow_blank=True, max_length=TEXT_MAX)
    outcome = serializers.ChoiceField(choices=Outcome.choices, required=False, allow_blank=True)
    votes_for = serializers.IntegerField(min_value=0, max_value=1000, required=False, allow_null=True)
    votes_against = serializers.IntegerField(min_value=0, max_value=1000, required=False, allow_null=True)
    votes_abstain = serializers.IntegerField(min_value=0, max_value=1000, required=False, allow_null=True)
    author = serializers.StringRelatedField(read_only=True, allow_null=True)
    review_state = serializers.ChoiceField(choices=ReviewState.choices, source="report.review_state", read_only=True)

    class Meta:
        model = Review
        fields = ["id", "report", "kind", "section", "body", "outcome", "votes_for", "votes_against",
                  "votes_abstain", "author", "created_at", "review_state"]
        read_only_fields = ["id", "author", "created_at", "review_state"]

    def validate_report(self, value):
        if not ReportRequest.objects.for_user(self.context["request"].user).filter(pk=value.pk).exists():
            raise serializers.ValidationError(_("Er is geen rapport met dit nummer, of u heeft er geen toegang toe."))
        return value

    def validate(self, data):
        if data.get("kind", ReviewKind.COMMENT) == ReviewKind.COMMENT:
            if not data.get("section"):
                raise serializers.ValidationError({"section": [_("Kies het onderdeel.")]})
            if not (data.get("body") or "").strip():
                raise serializers.ValidationError({"body": [_("Schrijf uw opmerking.")]})
        elif not data.get("outcome"):
            raise serializers.ValidationError({"outcome": [_("Kies het besluit.")]})
        elif data["outcome"] == Outcome.CHANGES_REQUESTED and not (data.get("body") or "").strip():
            # The service's rule, on the field the API names "body" (the service calls it "note").
            raise serializers.ValidationError({"body": [services.changes_need_a_note(data.get("report"))]})
        return data


class ReviewViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """Comments per section and the chair's decisions on reports you may see. ``POST`` a comment
    (``kind: comment``, ``section``, ``body``) or, as chair, the decision (``kind: decision``,
    ``outcome``, the vote where one was held)."""

    queryset = Review.objects.select_related("author", "report")
    serializer_class = ReviewSerializer
    filterset_fields = ["report", "kind"]
    ordering_fields = ["created_at"]  # not every serializer field (``body``, ``author``)
    ordering = ["created_at", "id"]

    def perform_create(self, serializer):
        data = serializer.validated_data
        user = self.request.user
        try:
            if data.get("kind") == ReviewKind.DECISION:
                review = services.review_decide(
                    report=data["report"], by=user, outcome=data["outcome"], note=data.get("body", ""),
                    votes_for=data.get("votes_for"), votes_against=data.get("votes_against"),
                    votes_abstain=data.get("votes_abstain"))
            else:
                review = services.review_comment(report=data["report"], by=user, section=data["section"],
                                                 body=data["body"])
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        except DjangoPermissionDenied as error:
            raise PermissionDenied(str(error) or None) from error
        serializer.instance = review
