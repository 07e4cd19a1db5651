"""``/api/v1/bottlenecks/``: the bottleneck and best-practice register, scoped like the screens
(own organisation; shared ones for the programme's participants and steering group), filtered by
the list's FilterSet. ``POST {id}/share/`` shares with a programme, ``POST {id}/endorse/`` says
"we see this too" for one of the caller's organisations, ``POST {id}/respond/`` records the
steering group's response. Writes go through ``services_bottlenecks``."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action

from brokers.models import Case
from enterprises.models import ContactMoment
from impactportal import access
from impactportal.accounts.models import Organisation, Programme
from impactportal.api.fields import OwnerSlugField
from impactportal.api.serializers import ModelCleanSerializer, PortalModelSerializer
from impactportal.api.viewsets import ActionMixin, HiddenBeforeMethodMixin, ScopedViewSetMixin, as_api_error
from impactportal.text import TEXT_MAX

from .. import services_bottlenecks as services
from ..filters import BottleneckFilter
from ..models_bottlenecks import COUNT_MAX, Bottleneck, BottleneckEndorsement
from ..views_bottlenecks import BOTTLENECKS, with_totals


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A link to a row the caller may see (a helpdesk case, a contact moment); others are 'not found'."""

    def get_queryset(self):
        return self.queryset.model.objects.for_user(self.context["request"].user)


class EndorsementSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = BottleneckEndorsement
        fields = ["id", "bottleneck", "organisation", "cases", "enterprises", "note", "at"]
        read_only_fields = fields


class BottleneckSerializer(ModelCleanSerializer):
    organisation = OwnerSlugField(fixed=_("De organisatie van een knelpunt verandert niet."))
    case = ScopedPrimaryKeyField(queryset=Case.objects.all(), required=False, allow_null=True)
    contact_moment = ScopedPrimaryKeyField(queryset=ContactMoment.objects.all(), required=False, allow_null=True)
    shared_with = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    seen_by = serializers.IntegerField(read_only=True, help_text=_("Organisaties die het zien: de eigen en wie "
                                                                   "'wij zien dit ook' gaf."))
    cases_total = serializers.IntegerField(read_only=True)
    enterprises_total = serializers.IntegerField(read_only=True)
    responded_by = serializers.StringRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Bottleneck
        fields = ["id", "organisation", "kind", "theme", "level", "ministry", "title", "description",
                  "affected_cases", "affected_enterprises", "case", "contact_moment", "status", "status_date",
                  "agenda_where", "agenda_on", "agenda_by", "shared_with", "shared_at", "seen_by", "cases_total",
                  "enterprises_total", "response_text", "response_date", "responded_by", "responded_at",
                  "created_at", "updated_at"]
        read_only_fields = ["status", "status_date", "agenda_where", "agenda_on", "agenda_by", "shared_at",
                            "response_text", "response_date", "responded_by", "responded_at", "created_at",
                            "updated_at"]


class ShareSerializer(serializers.Serializer):
    programme = serializers.SlugRelatedField(slug_field="slug", queryset=Programme.objects.all())


class EndorserSerializer(serializers.Serializer):
    """The organisation of ``EndorseSerializer`` alone: read first, for the authority check."""

    organisation = serializers.SlugRelatedField(slug_field="slug", queryset=Organisation.objects.all(),
                                                help_text=_("Uw organisatie, deelnemer van het programma."))


class EndorseSerializer(EndorserSerializer):
    cases = serializers.IntegerField(min_value=0, max_value=COUNT_MAX[0].limit_value, default=0)
    enterprises = serializers.IntegerField(min_value=0, max_value=COUNT_MAX[0].limit_value, default=0)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX)


class RespondSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=TEXT_MAX, help_text=_("Wat de stuurgroep besloot of adviseert."))
    date = serializers.DateField(help_text=_("De datum van de vergadering."))


class BottleneckViewSet(HiddenBeforeMethodMixin, ActionMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Bottlenecks and best practices. Create under an organisation you work for (``organisation``
    slug); ``status`` changes on the page of the bottleneck."""

    queryset = with_totals(BOTTLENECKS)
    serializer_class = BottleneckSerializer
    filterset_class = BottleneckFilter
    ordering_fields = ["created_at", "status_date", "title"]
    ordering = ["-created_at", "-pk"]

    def perform_create(self, serializer):
        try:
            with transaction.atomic():
                obj = services.bottleneck_create(bottleneck=Bottleneck(**serializer.validated_data),
                                                 by=self.request.user)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        serializer.instance = self.get_queryset().get(pk=obj.pk)

    def perform_update(self, serializer):
        try:
            with transaction.atomic():
                services.bottleneck_update(bottleneck=self.changed_row(serializer), by=self.request.user)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        self.reload(serializer)

    @extend_schema(request=ShareSerializer, responses=BottleneckSerializer)
    @action(detail=True, methods=["post"])
    def share(self, request, pk=None):
        """Share a bottleneck with a programme

        Shares the bottleneck with a programme its organisation takes part in (such as the City
        Deal), so the programme's members and steering group see it. `programme` is the programme's
        slug."""
        return self.run_action("share", ShareSerializer, lambda obj, data: services.bottleneck_share(
            bottleneck=obj, programme=data["programme"], by=request.user))

    @extend_schema(request=EndorseSerializer, responses={201: EndorsementSerializer})
    @action(detail=True, methods=["post"])
    def endorse(self, request, pk=None):
        """Endorse a bottleneck for your organisation

        Tells the programme that your organisation runs into the same bottleneck, with your own
        counts of the cases and enterprises it affects. Each organisation can endorse a bottleneck
        once; answers 201 with the endorsement."""
        # On whose behalf the caller speaks is decided before the counts are read (403), and
        # before the rules about the organisation's own signal or earlier endorsement, which
        # would tell another municipality's broker what that organisation did. The service checks
        # again on the locked row.
        bottleneck = access.get_object_or_404(request.user, self.get_queryset(), "endorse", pk=pk)
        endorser = EndorserSerializer(data=request.data, context=self.get_serializer_context())
        endorser.is_valid(raise_exception=True)
        organisation = endorser.validated_data["organisation"]
        if not services.speaks_for(bottleneck, request.user).filter(pk=organisation.pk).exists():
            raise exceptions.PermissionDenied(services.cannot_speak_for(bottleneck, organisation))
        return self.run_action("endorse", EndorseSerializer, lambda obj, data: services.bottleneck_endorse(
            bottleneck=obj, by=request.user, **data), output_serializer=EndorsementSerializer,
            response_status=status.HTTP_201_CREATED)

    @extend_schema(request=RespondSerializer, responses=BottleneckSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request, pk=None):
        """Record the steering group's response

        For a bottleneck that was shared with the programme and is on its steering group's agenda:
        the steering group's decision and response, which the organisation that reported it sees."""
        return self.run_action("respond", RespondSerializer, lambda obj, data: services.steering_respond(
            bottleneck=obj, by=request.user, **data))
