"""``/api/v1/toolbox/`` and the workspace API: modules of the current edition (public content),
the organisation's answers (``POST {"question", "value"}`` creates or updates, returned with its
history), ``/api/v1/brokers/teams/``, ``/api/v1/brokers/actions/`` and ``/api/v1/brokers/spending/``.
Everything is scoped through the access module; writes go through the services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from impactportal import access
from impactportal.accounts.models import Organisation
from impactportal.api.fields import ChangeableField, OwnerSlugField
from impactportal.api.serializers import ModelCleanSerializer, PortalModelSerializer
from impactportal.api.viewsets import ScopedModelViewSet, ScopedViewSetMixin, as_api_error

from ..constants import LINKABLE_MODELS
from ..filters import ActionFilter, AnswerFilter, BrokerTeamFilter, SpendingFilter
from ..models import (
    Action,
    ActionLine,
    Answer,
    AnswerVersion,
    BrokerTeam,
    BudgetLine,
    Module,
    Question,
    Spending,
    TeamMember,
    TeamPartner,
)
from ..models.links import linkable_model
from ..toolbox import services as toolbox_services
from ..toolbox.progress import organisation_for
from ..workspace import services as workspace_services
from .serializers import BrokerTeamSerializer

# --- toolbox content ---------------------------------------------------------------------------
CONTENT_LANGUAGES = ["nl", "en"]  # the language a text is given in (ContentLanguageEnum in the schema)


class QuestionSerializer(PortalModelSerializer):
    """A question in Dutch with its English (``…_en``, empty: none yet; the Dutch applies)."""

    options = serializers.JSONField(read_only=True, help_text=_(
        "Keuzes, checklistpunten of tabelkolommen. Een antwoord geeft de Nederlandse optie, ook in het Engels; "
        "een tabelkolom heeft ook zijn Engelse kop (label_en)."))
    options_en = serializers.ListField(child=serializers.CharField(), read_only=True, help_text=_(
        "De Engelse tekst van elke keuze of elk checklistpunt, in de volgorde van options (leeg: geen)."))

    class Meta:
        model = Question
        fields = ["id", "key", "kind", "text", "text_en", "help_text", "help_text_en", "options", "options_en",
                  "source_key"]
        read_only_fields = fields


class ReadingTipSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True, help_text=_(
        "De titel in de taal van het verzoek: Engels bij Accept-Language: en als er een Engelse titel is, "
        "anders Nederlands."))
    url = serializers.CharField(read_only=True, help_text=_("Het adres van de bron."))
    lang = serializers.ChoiceField(choices=CONTENT_LANGUAGES, read_only=True, help_text=_(
        "De taal waarin de titel staat (nl wanneer er geen Engelse titel is)."))


@extend_schema_field({"type": "string", "enum": CONTENT_LANGUAGES})
class LanguageOfField(serializers.Field):
    """The language a module's ``field`` is given in (``Bilingual.language_of``, as the page's ``lang``)."""

    def __init__(self, field: str, **kwargs):
        self.shown_field = field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, module):
        return module.language_of(self.shown_field)


class ModuleSerializer(PortalModelSerializer):
    theme = serializers.CharField(source="theme.title", read_only=True)
    theme_en = serializers.CharField(source="theme.title_en", read_only=True)
    theme_number = serializers.IntegerField(source="theme.number", read_only=True)
    edition = serializers.CharField(source="edition.code", read_only=True)
    learning_goals = serializers.ListField(child=serializers.CharField(), read_only=True)
    learning_goals_en = serializers.ListField(child=serializers.CharField(), read_only=True)
    # The texts the module page and the PDF show, in the request's language (Accept-Language), each
    # through the page's own helper: English where there is English, else the Dutch.
    explanation = serializers.CharField(source="page_explanation", read_only=True, help_text=_(
        "De uitleg van de module in de taal van het verzoek (Accept-Language: nl of en); in het Engels de "
        "Nederlandse tekst wanneer er nog geen Engelse is. Leeg: geen uitleg."))
    explanation_lang = LanguageOfField("explanation", help_text=_(
        "De taal waarin explanation staat: en, of nl wanneer er geen Engelse tekst is."))
    practice_examples = serializers.CharField(source="page_practice_examples", read_only=True, help_text=_(
        "De praktijkvoorbeelden in de taal van het verzoek, met dezelfde terugval op het Nederlands. Leeg: geen."))
    practice_examples_lang = LanguageOfField("practice_examples", help_text=_(
        "De taal waarin practice_examples staat: en, of nl wanneer er geen Engelse tekst is."))
    reading_tips = ReadingTipSerializer(source="page_reading_tips", many=True, read_only=True, help_text=_(
        "Leestips: titel in de taal van het verzoek (met terugval op het Nederlands), adres en taal van de titel."))
    questions = QuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Module
        fields = ["id", "number", "theme", "theme_en", "theme_number", "edition", "title", "title_en",
                  "learning_goals", "learning_goals_en", "explanation", "explanation_lang", "practice_examples",
                  "practice_examples_lang", "reading_tips", "questions"]
        read_only_fields = fields


class ModuleViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """The thirteen modules of the current edition with their questions (public content)."""

    api_summaries = {"list": "List the toolbox modules", "retrieve": "Show one toolbox module"}
    api_description = (
        "The modules of the current edition of the toolbox \"Makelaar met Mandaat\" (public: no sign-in needed), "
        "with what the module page and its PDF show: theme, learning goals, explanation, practice examples, "
        "reading tips and the questions with their options or table columns.\n\n"
        "`title`, `theme`, `learning_goals` and the questions are given in Dutch with their English next to "
        "them (`…_en`; empty: no English yet). `explanation`, `practice_examples` and the reading tips' `title` "
        "follow the request's `Accept-Language` (`nl`, the default, or `en`): in English where the module has an "
        "English text, else in Dutch, as on the English pages; `explanation_lang`, `practice_examples_lang` and "
        "each reading tip's `lang` say which language a text is in.")

    queryset = (Module.objects.filter(edition__is_current=True).select_related("theme", "edition")
                .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("order", "pk"))))
    serializer_class = ModuleSerializer
    lookup_field = "number"
    lookup_value_regex = r"\d+"
    ordering_fields = ["number"]
    ordering = ["number"]
    pagination_class = None


# --- answers -----------------------------------------------------------------------------------
class AnswerVersionSerializer(PortalModelSerializer):
    value = serializers.JSONField(allow_null=True, read_only=True)
    changed_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = AnswerVersion
        fields = ["value", "status", "is_reset", "changed_at", "changed_by"]
        read_only_fields = fields


class AnswerSerializer(PortalModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    question = serializers.PrimaryKeyRelatedField(read_only=True)
    value = serializers.JSONField(allow_null=True, read_only=True)
    saved_value = serializers.JSONField(allow_null=True, read_only=True)
    updated_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    history = AnswerVersionSerializer(source="versions", many=True, read_only=True)

    class Meta:
        model = Answer
        fields = ["id", "organisation", "question", "value", "status", "saved_value", "is_answered", "updated_at",
                  "updated_by", "history"]
        read_only_fields = fields


@extend_schema_field(OpenApiTypes.ANY)
class AnyValueField(serializers.JSONField):
    pass


class AnswerInputSerializer(serializers.Serializer):
    question = serializers.PrimaryKeyRelatedField(queryset=Question.objects.filter(module__edition__is_current=True),
                                                  help_text=_("Een vraag van de huidige editie."))
    value = AnyValueField(allow_null=True, help_text=_(
        "open: tekst · yes_no: true/false · choice: een optie · multiple/checklist: lijst van opties · "
        "table: lijst van rijen {kolom: tekst}"))
    draft = serializers.BooleanField(default=False, help_text=_("Als concept bewaren (niet als laatst opgeslagen)."))
    organisation = serializers.SlugField(required=False, help_text=_("Standaard: uw eigen organisatie."))


class AnswerOwnerSerializer(serializers.Serializer):
    """The organisation of ``AnswerInputSerializer`` alone: read first, for the authority check."""

    organisation = serializers.SlugField(required=False)


class AnswerViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The toolbox answers of the organisations you work for, each with its history."""

    queryset = (Answer.objects.select_related("organisation", "updated_by")
                .prefetch_related(Prefetch("versions", queryset=AnswerVersion.objects.select_related("changed_by"))))
    serializer_class = AnswerSerializer
    filterset_class = AnswerFilter
    ordering_fields = ["updated_at"]
    ordering = ["question__module__number", "question__order", "pk"]

    @extend_schema(request=AnswerInputSerializer, responses={201: AnswerSerializer, 200: AnswerSerializer})
    def create(self, request, *args, **kwargs):
        # Who may answer, and for which organisation, is decided before the answer is read: a
        # steering member or an entrepreneur got "you do not work for this organisation" (400)
        # for a body without one, and a broker learnt the question rules of another organisation.
        if not access.may(request.user, access.CHANGE, Answer):
            self.permission_denied(request, message=_("Uw rol mag de vragen van de toolbox niet beantwoorden."))
        organisation = self._organisation(request)
        data = AnswerInputSerializer(data=request.data, context=self.get_serializer_context())
        data.is_valid(raise_exception=True)
        data = data.validated_data
        existed = Answer.objects.filter(organisation=organisation, question=data["question"]).exists()
        try:
            answer = toolbox_services.answer_save(organisation=organisation, question=data["question"],
                                                  value=data["value"], by=request.user, draft=data["draft"])
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        answer = self.get_queryset().get(pk=answer.pk)
        return Response(AnswerSerializer(answer, context=self.get_serializer_context()).data,
                        status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)

    def _organisation(self, request):
        """The organisation the answer is for (default: the user's own): unknown is a field error,
        one the user may not answer for is 403."""
        owner = AnswerOwnerSerializer(data=request.data)
        owner.is_valid(raise_exception=True)
        slug = owner.validated_data.get("organisation")
        if slug and not access.scope(request.user, Organisation).filter(slug=slug).exists():
            raise serializers.ValidationError(
                {"organisation": [_("Onbekende organisatie '{value}'.").format(value=slug)]})
        try:
            organisation = organisation_for(request.user, slug)
        except Http404:
            organisation = None
        if organisation is None or not access.owner_choices(request.user, Answer, access.CHANGE).filter(
                pk=organisation.pk).exists():
            self.permission_denied(request, message=_("U mag de antwoorden van deze organisatie niet wijzigen."))
        return organisation


# --- teams -------------------------------------------------------------------------------------
class TeamMemberSerializer(PortalModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)
    qualities = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = TeamMember
        fields = ["id", "name", "role", "department", "qualities"]
        read_only_fields = fields


class TeamPartnerSerializer(PortalModelSerializer):
    party = serializers.CharField(source="party.name", read_only=True)

    class Meta:
        model = TeamPartner
        fields = ["id", "party", "relation", "description"]
        read_only_fields = fields


class TeamWorkspaceSerializer(BrokerTeamSerializer):
    members = TeamMemberSerializer(many=True, read_only=True)
    partners = TeamPartnerSerializer(many=True, read_only=True)

    class Meta(BrokerTeamSerializer.Meta):
        fields = [*BrokerTeamSerializer.Meta.fields, "innovation_path", "path_stage", "members", "partners"]


class TeamViewSet(ScopedModelViewSet):
    """Broker teams with members, partners and the innovation path."""

    queryset = BrokerTeam.objects.select_related("organisation").prefetch_related(
        Prefetch("members", queryset=TeamMember.objects.select_related("user")),
        Prefetch("partners", queryset=TeamPartner.objects.select_related("party")))
    serializer_class = TeamWorkspaceSerializer
    filterset_class = BrokerTeamFilter
    ordering_fields = ["name", "created_at"]


# --- actions -----------------------------------------------------------------------------------
class ActionSerializer(ModelCleanSerializer):
    line = ChangeableField(queryset=ActionLine.objects.all())
    organisation = serializers.SlugRelatedField(source="line.programme.organisation", slug_field="slug",
                                                read_only=True)
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    links = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = ["id", "line", "organisation", "title", "description", "owner", "owner_name", "due_date", "status",
                  "module_number", "completed_on", "links", "created_at"]
        read_only_fields = ["completed_on", "created_at"]

    @extend_schema_field({"type": "array", "items": {"type": "object", "properties": {
        "model": {"type": "string", "enum": list(LINKABLE_MODELS)}, "id": {"type": "integer"}}}})
    def get_links(self, obj):
        return [{"model": link.link_model, "id": link.link_id} for link in obj.links.all()]


class ActionViewSet(ScopedModelViewSet):
    queryset = Action.objects.select_related("line__programme__organisation", "owner").prefetch_related("links")
    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    ordering_fields = ["due_date", "created_at"]
    ordering = ["due_date", "pk"]

    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save(completed_on=workspace_services.completed_on(serializer.validated_data.get("status", "")))

    def perform_update(self, serializer):
        with transaction.atomic():
            action = self.lock(serializer)  # its status as it is now decides the completion date
            status = serializer.validated_data.get("status")
            extra = {}
            if status is not None and status != action.status:
                extra["completed_on"] = workspace_services.completed_on(status)
            serializer.save(**extra)
        self.reload(serializer)


# --- spending ----------------------------------------------------------------------------------
class SpendingSerializer(ModelCleanSerializer):
    organisation = OwnerSlugField()
    budget_line = ChangeableField(queryset=BudgetLine.objects.all(), required=False, allow_null=True)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, coerce_to_string=True)
    link_model = serializers.ChoiceField(choices=[("", "—"), *[(m, m) for m in LINKABLE_MODELS]], required=False,
                                         allow_blank=True)
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Spending
        fields = ["id", "organisation", "budget_line", "paying_programme", "kind", "date", "description", "amount",
                  "link_model", "link_id", "overspend_decision", "decided_by", "recorded_by", "created_at"]
        read_only_fields = ["created_at"]

    def validate_amount(self, amount):
        if amount is not None and amount <= 0:  # as the form (``PositiveAmountForm``): €0,00 is no spending
            raise serializers.ValidationError(_("Vul een bedrag groter dan nul in."))
        return amount

    def validate(self, attrs):
        """A linked object the user may see, as the form's picker offers: another municipality's
        private contract was accepted by its number (and a number nobody has was refused
        differently, which told whether such a row exists)."""
        attrs = super().validate(attrs)
        model, pk = linkable_model(attrs.get("link_model") or ""), attrs.get("link_id")
        if model is not None and pk is not None and not access.scope(self.context["request"].user, model) \
                .filter(pk=pk).exists():
            raise serializers.ValidationError({"link_id": _("Dit object bestaat niet.")})
        return attrs


class SpendingViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    """Commitments and spending. Beyond what remains on the budget line: 400, unless
    ``overspend_decision`` records a broker's decision."""

    queryset = Spending.objects.select_related("organisation", "budget_line", "decided_by", "recorded_by")
    serializer_class = SpendingSerializer
    filterset_class = SpendingFilter
    ordering_fields = ["date", "amount"]
    ordering = ["-date", "-pk"]

    def perform_create(self, serializer):
        try:
            obj = workspace_services.spending_record(spending=Spending(**serializer.validated_data),
                                                     by=self.request.user)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        serializer.instance = self.get_queryset().get(pk=obj.pk)
