"""The contract's ``matches`` endpoint, mixed into the contracts viewset (``api/contracts.py``)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from impactportal import access
from impactportal.api.fields import AsciiIntegerField

from .. import services_matching


class MatchesQuerySerializer(serializers.Serializer):
    limit = AsciiIntegerField(required=False, default=20, min_value=1, max_value=services_matching.MAX_LIMIT,
                              help_text="How many enterprises at most (1 to 100, default 20).",
                                     error_messages={"invalid": _("Geef een geheel getal van 1 tot en met 100.")})


class ReasonSerializer(serializers.Serializer):
    component = serializers.CharField()
    label = serializers.CharField()
    points = serializers.DecimalField(max_digits=4, decimal_places=3)
    text = serializers.CharField()


class MatchSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField(source="enterprise_id")
    name = serializers.CharField()
    score = serializers.DecimalField(max_digits=4, decimal_places=3)
    reasons = ReasonSerializer(many=True)


class MatchesActionMixin:
    """Adds ``GET /api/v1/procurement/contracts/{id}/matches/?limit=N``: the enterprises that can
    help fulfil the contract's remaining obligation, best first (``limit`` 1–100, default 20).
    Needs the contract's grant "match": 404 outside the view scope, 403 without the grant."""

    @extend_schema(parameters=[MatchesQuerySerializer], responses=MatchSerializer(many=True), filters=False)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def matches(self, request, pk=None):
        """Enterprises that can help fulfil the remaining obligation

        Ranked by a score from 0 to 1 with the reason for each part of it (offering, location,
        whether purchases count, certificates valid through the contract's end, capacity).
        Enterprises whose purchases would not count are left out."""
        contract = access.get_object_or_404(
            request.user, self.get_queryset().select_related("category"), "match", pk=pk)
        query = MatchesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = services_matching.matches_for(contract, user=request.user, limit=query.validated_data["limit"])
        return Response(MatchSerializer(found, many=True).data)
