from impactportal.api.viewsets import ScopedModelViewSet

from ..filters import BrokerTeamFilter, BudgetLineFilter, MandateFilter
from ..models import BrokerTeam, BudgetLine, Mandate
from .serializers import BrokerTeamSerializer, BudgetLineSerializer, MandateSerializer


class BrokerTeamViewSet(ScopedModelViewSet):
    queryset = BrokerTeam.objects.select_related("organisation")
    serializer_class = BrokerTeamSerializer
    filterset_class = BrokerTeamFilter
    ordering_fields = ["name", "created_at"]


class MandateViewSet(ScopedModelViewSet):
    queryset = Mandate.objects.select_related("team__organisation")
    serializer_class = MandateSerializer
    filterset_class = MandateFilter
    ordering_fields = ["valid_from"]


class BudgetLineViewSet(ScopedModelViewSet):
    queryset = BudgetLine.objects.select_related("organisation", "programme")
    serializer_class = BudgetLineSerializer
    filterset_class = BudgetLineFilter
    ordering_fields = ["year", "amount"]
