from impactportal.api.viewsets import ScopedModelViewSet

from ..filters import EnterpriseFilter
from ..models import Enterprise
from .serializers import EnterpriseSerializer


class EnterpriseViewSet(ScopedModelViewSet):
    queryset = Enterprise.objects.select_related("municipality")
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilter
    ordering_fields = ["name", "created_at"]
