"""``/api/v1/helpdesk/cases/`` (+ ``{id}/messages/`` and actions) and ``/api/v1/knowledge/instruments/``.

Scoped exactly like the screens: the queryset comes from the access module, so an entrepreneur's
token lists only their own cases and the messages list never holds an internal note for them.
People appear by name only, never by e-mail address."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import Throttled
from rest_framework.response import Response

from brokers.constants import CaseCategory, CasePriority, CaseStatus
from brokers.filters import CaseFilter, InstrumentFilter
from brokers.models import Case, CaseMessage, ExternalReferral, KnowledgeInstrument
from enterprises.api.serializers import RepresentedEnterpriseField
from impactportal import access
from impactportal.accounts.constants import Department, OrganisationKind
from impactportal.accounts.models import Organisation
from impactportal.api.serializers import KnownFieldsOnly, PortalModelSerializer
from impactportal.api.viewsets import ActionMixin, ScopedReadOnlyViewSet, ScopedViewSetMixin
from impactportal.text import LONG_TEXT_MAX, TEXT_MAX

from . import services
from .services import CASE_RATE_GROUP


class PersonField(serializers.CharField):
    """A user as their display name (never username or e-mail)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, user):
        if user is None:
            return None
        # In the request's language, as the pages' ``person`` filter ("user 12" on an English request).
        return user.get_full_name() or str(_("gebruiker %(pk)s") % {"pk": user.pk})


class CaseSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True, default=None, allow_null=True)
    # Read-only model fields lose allow_blank; declared so the schema admits "" (not referred).
    # The last four are null for the entrepreneur's side (``to_representation``).
    referred_department = serializers.ChoiceField(choices=Department.choices, allow_blank=True, allow_null=True,
                                                  read_only=True)
    submitter = PersonField(allow_null=True)
    assigned_to = PersonField(allow_null=True)
    priority = serializers.ChoiceField(choices=CasePriority.choices, allow_null=True, read_only=True)
    resolution_due = serializers.DateTimeField(allow_null=True, read_only=True)
    is_overdue = serializers.BooleanField(allow_null=True, read_only=True)

    class Meta:
        model = Case
        fields = ["id", "organisation", "enterprise", "enterprise_name", "submitter", "category", "subject",
                  "description", "status", "priority", "assigned_to", "referred_department", "submitted_at",
                  "first_response_at", "first_response_due", "resolution_due", "resolved_at", "is_overdue",
                  "rating", "rating_comment", "language"]
        read_only_fields = fields
        extra_kwargs = {"language": {"help_text": "The language the question was written in: that of the request "
                                                  "that asked it (Accept-Language)."}}

    # How the municipality handles a question is the team's business: the entrepreneur's own case
    # page (partials/case_facts.html without ``staff``) shows none of it, and the API showed it all.
    STAFF_ONLY = ("priority", "assigned_to", "referred_department", "resolution_due", "is_overdue")

    def to_representation(self, case):
        data = super().to_representation(case)
        if self._for_requester():
            data.update(dict.fromkeys(self.STAFF_ONLY))
        return data

    def _for_requester(self) -> bool:
        """Decided once per response (a list asks for every row): the entrepreneur's side, who may
        ask questions; staff, who answer them, may not (``access.may_ask_helpdesk``)."""
        if "for_requester" not in self.context:
            request = self.context.get("request")
            self.context["for_requester"] = request is not None and access.may_ask_helpdesk(request.user)
        return self.context["for_requester"]


class CaseCreateSerializer(serializers.Serializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", required=False, allow_null=True,
        queryset=Organisation.objects.filter(kind=OrganisationKind.GEMEENTE, is_active=True),
        help_text=_("Gemeente (slug); leeg: de gemeente van de onderneming."))
    enterprise = RepresentedEnterpriseField(required=False, allow_null=True)
    category = serializers.ChoiceField(choices=CaseCategory.choices)
    subject = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=LONG_TEXT_MAX)

    def validate(self, attrs):
        if not attrs.get("organisation") and not attrs.get("enterprise"):
            raise serializers.ValidationError({"organisation": _("Kies de gemeente waaraan u de vraag stelt.")})
        return attrs


class MessageSerializer(PortalModelSerializer):
    author = PersonField(allow_null=True)

    class Meta:
        model = CaseMessage
        fields = ["id", "author", "body", "is_internal", "from_staff", "created_at", "language"]
        read_only_fields = fields
        extra_kwargs = {"language": {"help_text": "The language the message was written in: that of the request "
                                                  "that posted it (Accept-Language)."}}


class ExternalReferralSerializer(PortalModelSerializer):
    party = serializers.CharField(read_only=True)
    instrument_name = serializers.CharField(source="instrument.name", read_only=True, default=None, allow_null=True)
    instrument_name_en = serializers.CharField(
        source="instrument.name_en", read_only=True, default=None, allow_null=True,
        help_text="The knowledge-base entry's English name; empty: none yet, the Dutch applies.")
    referred_by = PersonField(allow_null=True)

    class Meta:
        model = ExternalReferral
        fields = ["id", "kind", "instrument", "instrument_name", "instrument_name_en", "party", "note", "referred_at", "referred_by",
                  "follow_up_on", "follow_up_done", "done_at", "outcome"]
        read_only_fields = fields


class MessageCreateSerializer(KnownFieldsOnly, serializers.Serializer):
    body = serializers.CharField(max_length=LONG_TEXT_MAX)
    is_internal = serializers.BooleanField(default=False)
    wait_for_entrepreneur = serializers.BooleanField(default=False)


class AssignSerializer(serializers.Serializer):
    assignee = serializers.PrimaryKeyRelatedField(queryset=get_user_model().objects.filter(is_active=True),
                                                  allow_null=True)


class ReferSerializer(serializers.Serializer):
    department = serializers.ChoiceField(choices=Department.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX)


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=CaseStatus.choices)


class RateSerializer(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX)


class ReopenSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=TEXT_MAX)


class CaseViewSet(ActionMixin, ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                  viewsets.GenericViewSet):
    """Helpdesk cases. State changes go through the case services (the same as the screens)."""

    queryset = Case.objects.select_related("organisation", "enterprise", "submitter", "assigned_to")
    serializer_class = CaseSerializer
    filterset_class = CaseFilter
    ordering_fields = ["submitted_at", "resolution_due", "status"]

    def _case(self):
        # Visible cases only (404 otherwise); whether the user may do the action is the service's call.
        return access.get_object_or_404(self.request.user, self.get_queryset(), access.VIEW, pk=self.kwargs["pk"])

    @extend_schema(request=CaseCreateSerializer, responses={201: CaseSerializer})
    def create(self, request, *args, **kwargs):
        # The same django-ratelimit bucket as the screen (views.requester.case_new, 20/h per
        # user): the API is no way around the submission limit.
        if is_ratelimited(request, group=CASE_RATE_GROUP, key="user_or_ip", rate="20/h",
                          method="POST", increment=True):
            raise Throttled
        serializer = CaseCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = services.case_submit(submitter=request.user, category=data["category"], subject=data["subject"],
                                    description=data["description"], organisation=data.get("organisation"),
                                    enterprise=data.get("enterprise"))
        return Response(CaseSerializer(case, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], responses=MessageSerializer(many=True), filters=False)
    @extend_schema(methods=["POST"], request=MessageCreateSerializer, responses={201: MessageSerializer})
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None)
    def messages(self, request, pk=None):
        """GET: the conversation of a question; the messages you may read, oldest first (internal
        notes only for staff). POST: reply to a question; send `body`, `is_internal: true` for a note
        only staff read and `wait_for_entrepreneur: true` to pause the service clock. Unknown fields
        are refused (400); answers 201 with the message."""
        case = self._case()
        if request.method == "GET":
            thread = CaseMessage.objects.for_user(request.user).filter(case=case).select_related("author")
            return Response(MessageSerializer(thread, many=True).data)
        serializer = MessageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.case_reply(case=case, author=request.user, body=serializer.validated_data["body"],
                                      internal=serializer.validated_data["is_internal"],
                                      wait_for_entrepreneur=serializer.validated_data["wait_for_entrepreneur"])
        return Response(MessageSerializer(message).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=ExternalReferralSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def referrals(self, request, pk=None):
        """Referrals of a question beyond the town hall

        Referrals to the labour-market desk, UWV, the Chamber of Commerce, a network partner or a
        knowledge institution, with their follow-up; staff of the municipality only (an empty
        list for the requester)."""
        case = self._case()
        rows = (ExternalReferral.objects.for_user(request.user).filter(case=case)
                .select_related("instrument", "referred_by"))
        return Response(ExternalReferralSerializer(rows, many=True).data)

    @extend_schema(request=AssignSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def assign(self, request, pk=None):
        """Assign a question to a broker

        Brokers of the question's municipality; `assignee` is a broker of that municipality or null."""
        return self.run_action("assign", AssignSerializer, lambda case, d: services.case_assign(
            case=case, assignee=d["assignee"], by=request.user))

    @extend_schema(request=ReferSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def refer(self, request, pk=None):
        """Refer a question to a department

        The department's colleagues then see and handle it; `note` is internal."""
        return self.run_action("refer", ReferSerializer, lambda case, d: services.case_refer(
            case=case, department=d["department"], note=d["note"], by=request.user))

    @extend_schema(request=StatusSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], url_path="status", filterset_class=None)
    def set_status(self, request, pk=None):
        """Change the status of a question

        Staff handling the question set its status (`status`); the entrepreneur who asked it is
        told when it is answered or closed."""
        return self.run_action(access.CHANGE, StatusSerializer, lambda case, d: services.case_set_status(
            case=case, status=d["status"], by=request.user))

    @extend_schema(request=RateSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def rate(self, request, pk=None):
        """Rate how a question was handled

        The entrepreneur who asked it, once it is answered or closed (`rating` 1-5)."""
        return self.run_action("respond", RateSerializer, lambda case, d: services.case_rate(
            case=case, rating=d["rating"], comment=d["comment"], by=request.user))

    @extend_schema(request=ReopenSerializer, responses=CaseSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def reopen(self, request, pk=None):
        """Reopen a closed question

        The entrepreneur who asked it, or staff of its municipality, reopen a closed question with
        a reason (`reason`); it goes back to the brokers."""
        return self.run_action(access.VIEW, ReopenSerializer, lambda case, d: services.case_reopen(
            case=case, reason=d["reason"], by=request.user))


class InstrumentSerializer(PortalModelSerializer):
    """An entry in Dutch with its English (``…_en``; empty: none yet, the Dutch applies), as the toolbox."""

    class Meta:
        model = KnowledgeInstrument
        fields = ["id", "name", "name_en", "kind", "region", "provider", "description", "description_en", "url"]


class InstrumentViewSet(ScopedReadOnlyViewSet):
    """The public knowledge base; ``?category=`` gives the suggestions for a helpdesk category."""

    api_summaries = {"list": "List the instruments of the knowledge base"}
    queryset = KnowledgeInstrument.objects.filter(is_active=True)
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilter
    ordering_fields = ["name", "kind"]
    ordering = ["kind", "name", "id"]
    page_language_ordering = ("name",)  # by the English name on an English request, as the screens
