from impactportal.api.viewsets import ScopedModelViewSet, ScopedReadOnlyViewSet

from ..filters import PartyFilter, RegionalAgreementFilter
from ..models import Party, RegionalAgreement
from .serializers import PartySerializer, RegionalAgreementSerializer


class PartyViewSet(ScopedReadOnlyViewSet):
    queryset = Party.objects.select_related("organisation")
    serializer_class = PartySerializer
    filterset_class = PartyFilter
    ordering_fields = ["name", "category"]


class RegionalAgreementViewSet(ScopedModelViewSet):
    queryset = RegionalAgreement.objects.select_related("region")
    serializer_class = RegionalAgreementSerializer
    filterset_class = RegionalAgreementFilter
    ordering_fields = ["title", "start_date"]
