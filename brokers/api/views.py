from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction

from impactportal.api.viewsets import ScopedModelViewSet, as_api_error

from ..filters import BrokerTeamFilter, BudgetLineFilter, MandateFilter
from ..models import BrokerTeam, BudgetLine, Mandate
from ..workspace.services import budget_line_save
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

    def perform_update(self, serializer):
        """Checked again on the locked line (``budget_line_save``), as the form is."""
        try:
            with transaction.atomic():
                self.lock(serializer)  # the line as it is now, with the fields sent
                serializer.instance = budget_line_save(line=serializer.build_instance(serializer.validated_data))
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        self.reload(serializer)
