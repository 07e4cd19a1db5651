"""``/api/v1/procurement/challenges/`` (list and detail; published challenges are public, as on
the screens) with ``{id}/submissions/`` (list, or submit for an enterprise you represent),
``{id}/scores/`` (a juror's own scores), ``{id}/awards/`` (award part of the prize budget) and
``{id}/advance/`` (the next phase). Decimals are strings in euros; the rules live in
``services_challenges``."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from enterprises.models import Enterprise
from impactportal import access
from impactportal.api.viewsets import ActionMixin, ScopedReadOnlyViewSet
from impactportal.text import TEXT_MAX

from .. import services_challenges as services
from ..filters.challenges import ChallengeFilter
from ..models import Award, Challenge, ChallengeCriterion, Submission


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChallengeCriterion
        fields = ["id", "name", "weight"]


class AwardSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="submission.enterprise.name", read_only=True)

    class Meta:
        model = Award
        fields = ["id", "submission", "enterprise_name", "amount", "decided_at"]


class ChallengeSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True, source="visible_criteria")
    awards = AwardSerializer(many=True, read_only=True, source="visible_awards")

    class Meta:
        model = Challenge
        fields = ["id", "organisation", "title", "problem", "prize_budget", "phase", "submission_deadline",
                  "is_published", "criteria", "awards", "created_at"]
        read_only_fields = fields


class SubmissionSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = Submission
        fields = ["id", "challenge", "enterprise", "enterprise_name", "title", "summary", "status", "created_at"]
        read_only_fields = fields


class SubmissionCreateSerializer(serializers.Serializer):
    enterprise = serializers.PrimaryKeyRelatedField(queryset=Enterprise.objects.none())
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=TEXT_MAX)
    attachment = serializers.FileField(required=False, allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["enterprise"].queryset = Enterprise.objects.for_user(request.user, "represent")
        return fields


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


class ChallengeViewSet(ActionMixin, ScopedReadOnlyViewSet):
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
        """GET: the submissions you may see. POST: enter the challenge for an enterprise you
        represent, during the submissions phase."""
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
        """A juror's own scores (0–10 per criterion) for one submission."""
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

    @extend_schema(request=None, responses=ChallengeSerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def advance(self, request, pk=None):
        return self.run_action(access.CHANGE, None, lambda obj, data: services.challenge_advance(
            challenge=obj, by=request.user))
