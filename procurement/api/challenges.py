"""``/api/v1/procurement/challenges/`` (list and detail; published challenges are public, as on
the screens) with ``{id}/submissions/`` (list, or submit for an enterprise you represent),
``{id}/scores/`` (a juror's own scores), ``{id}/awards/`` (award part of the prize budget) and
``{id}/advance/`` (the next phase). Decimals are strings in euros; the rules live in
``services_challenges``."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.response import Response

from enterprises.api.serializers import RepresentedEnterpriseField
from impactportal import access
from impactportal.api.fields import OwnerSlugField
from impactportal.api.serializers import PortalModelSerializer
from impactportal.api.viewsets import ActionMixin, ScopedModelViewSet
from impactportal.text import TEXT_MAX

from .. import services_challenges as services
from ..filters.challenges import ChallengeFilter
from ..models import Award, Challenge, ChallengeCriterion, Submission


class CriterionSerializer(PortalModelSerializer):
    class Meta:
        model = ChallengeCriterion
        fields = ["id", "name", "weight"]


class AwardSerializer(PortalModelSerializer):
    enterprise_name = serializers.CharField(source="submission.enterprise.name", read_only=True)

    class Meta:
        model = Award
        fields = ["id", "submission", "enterprise_name", "amount", "decided_at"]


class CriterionInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    weight = serializers.IntegerField(min_value=1, max_value=100, default=1)


class ChallengeSerializer(PortalModelSerializer):
    organisation = OwnerSlugField(fixed=gettext_lazy("Een challenge blijft bij de organisatie die haar startte."))
    criteria = CriterionSerializer(many=True, read_only=True, source="visible_criteria")
    new_criteria = CriterionInputSerializer(
        many=True, write_only=True, required=False, max_length=20,
        help_text="On creation only: the assessment criteria and their weights (also editable on the screen "
                  "until submissions open).")
    awards = AwardSerializer(many=True, read_only=True, source="visible_awards")

    class Meta:
        model = Challenge
        fields = ["id", "organisation", "title", "problem", "prize_budget", "phase", "submission_deadline",
                  "is_published", "criteria", "new_criteria", "awards", "created_at"]
        read_only_fields = ["phase", "created_at"]

    def validate(self, attrs):
        if self.instance is not None and attrs.get("new_criteria"):
            raise serializers.ValidationError({"new_criteria": [_(
                "Criteria legt u bij het aanmaken vast; daarna op het scherm, zolang inzenden nog niet open is.")]})
        return attrs

    def save(self, **kwargs):
        data = dict(self.validated_data)
        criteria = [(c["name"], c["weight"]) for c in data.pop("new_criteria", [])]
        challenge = self.instance or Challenge()
        for name, value in data.items():
            setattr(challenge, name, value)
        self.instance = services.challenge_save(challenge=challenge, by=self.context["request"].user,
                                                criteria=criteria)
        return self.instance


class SelectSerializer(serializers.Serializer):
    submission = serializers.IntegerField()
    selected = serializers.BooleanField(default=True, help_text="false: not selected as a finalist.")


class SubmissionSerializer(PortalModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "challenge", "enterprise", "enterprise_name", "title", "summary", "status", "created_at"]
        read_only_fields = fields


class SubmissionCreateSerializer(serializers.Serializer):
    enterprise = RepresentedEnterpriseField()
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=TEXT_MAX)
    attachment = serializers.FileField(required=False, allow_null=True)


class ScoreLineSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    score = serializers.IntegerField(min_value=0, max_value=10)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ScoresSerializer(serializers.Serializer):
    submission = serializers.IntegerField()
    scores = ScoreLineSerializer(many=True, allow_empty=False)


class AwardCreateSerializer(serializers.Serializer):
    submission = serializers.IntegerField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class ChallengeViewSet(ActionMixin, ScopedModelViewSet):
    queryset = Challenge.objects.select_related("organisation")
    serializer_class = ChallengeSerializer
    filterset_class = ChallengeFilter
    ordering_fields = ["created_at", "prize_budget", "submission_deadline"]
    ordering = ["-created_at", "-pk"]

    def get_queryset(self):
        user = self.request.user
        # Criteria and awards as the user may see them (awards are public once awarded).
        return super().get_queryset().prefetch_related(
            Prefetch("criteria", queryset=access.scope(user, ChallengeCriterion), to_attr="visible_criteria"),
            Prefetch("awards", queryset=access.scope(user, Award).select_related("submission__enterprise"),
                     to_attr="visible_awards"))

    @extend_schema(exclude=True)
    def destroy(self, request, *args, **kwargs):
        """A challenge is not deleted (its submissions and awards are the record); outside the
        scope it is a 404 as for every method."""
        self.get_object()
        raise MethodNotAllowed(request.method, detail=_("Een challenge wordt niet verwijderd."))

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        created = self.get_queryset().get(pk=serializer.instance.pk)  # with its criteria, as the user sees them
        return Response(self.get_serializer(created).data, status=status.HTTP_201_CREATED)

    def _submission(self, challenge, pk):
        """A submission of this challenge the user may see (a field error otherwise)."""
        found = Submission.objects.for_user(self.request.user).filter(challenge=challenge, pk=pk).first()
        if found is None:
            raise serializers.ValidationError({"submission": [_("Onbekende inzending voor deze challenge.")]})
        return found

    @extend_schema(methods=["GET"], responses=SubmissionSerializer(many=True), filters=False)
    @extend_schema(methods=["POST"], request=SubmissionCreateSerializer, responses={201: SubmissionSerializer})
    @action(detail=True, methods=["get", "post"], filterset_class=None, pagination_class=None,
            serializer_class=SubmissionSerializer)
    def submissions(self, request, pk=None):
        """GET: the submissions you may see: all of them for the organisation and the jury, your
        own otherwise. POST: enter the challenge for an enterprise you represent, during the
        submissions phase; answers 201 with the submission."""
        if request.method == "GET":
            challenge = access.get_object_or_404(request.user, self.get_queryset(), access.VIEW, pk=pk)
            rows = (Submission.objects.for_user(request.user).filter(challenge=challenge)
                    .select_related("enterprise"))
            return Response(SubmissionSerializer(rows, many=True).data)
        return self.run_action("submit", SubmissionCreateSerializer, lambda obj, data: services.submission_submit(
            challenge=obj, enterprise=data["enterprise"], by=request.user, title=data["title"],
            summary=data["summary"], attachment=data.get("attachment")),
            output_serializer=SubmissionSerializer, response_status=status.HTTP_201_CREATED)

    @extend_schema(request=ScoresSerializer, responses=ChallengeSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def scores(self, request, pk=None):
        """Score a submission as a juror

        A juror records their own scores (0–10, with a comment, per criterion) for one submission
        during the selection phase; scoring again replaces the juror's earlier scores."""
        return self.run_action("score", ScoresSerializer, lambda obj, data: services.score_record(
            submission=self._submission(obj, data["submission"]), by=request.user,
            scores={line["criterion"]: (line["score"], line["comment"]) for line in data["scores"]}))

    @extend_schema(request=AwardCreateSerializer, responses={201: AwardSerializer})
    @action(detail=True, methods=["post"], filterset_class=None)
    def awards(self, request, pk=None):
        """Award part of the prize budget; refused (400 on ``amount``) when the awards would
        exceed it."""
        return self.run_action("award", AwardCreateSerializer, lambda obj, data: services.challenge_award(
            challenge=obj, submission=self._submission(obj, data["submission"]), amount=data["amount"],
            by=request.user), output_serializer=AwardSerializer, response_status=status.HTTP_201_CREATED)

    @extend_schema(request=SelectSerializer, responses=SubmissionSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def select(self, request, pk=None):
        """Select a finalist

        A broker of the organisation marks a submission as finalist (`selected: true`) or not
        during the selection phase."""
        return self.run_action(access.CHANGE, SelectSerializer, lambda obj, data: services.submission_select(
            submission=self._submission(obj, data["submission"]), by=request.user, selected=data["selected"]),
            output_serializer=SubmissionSerializer)

    @extend_schema(request=None, responses=ChallengeSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def advance(self, request, pk=None):
        """Move the challenge to its next phase

        A broker of the organisation moves the challenge on (submissions, selection, awarding,
        closed). Takes no body; answers 400 when the challenge cannot move on yet."""
        return self.run_action(access.CHANGE, None, lambda obj, data: services.challenge_advance(
            challenge=obj, by=request.user))
