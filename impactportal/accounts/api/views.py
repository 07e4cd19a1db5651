import django_filters
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from impactportal.api.viewsets import ScopedReadOnlyViewSet

from ..constants import OrganisationKind
from ..models import Organisation, Programme, Region
from .serializers import MeSerializer, OrganisationSerializer, ProgrammeSerializer, RegionSerializer


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Zoeken op naam"))

    class Meta:
        model = Organisation
        fields = ["kind", "q"]


class OrganisationViewSet(ScopedReadOnlyViewSet):
    queryset = Organisation.objects.filter(is_active=True)
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilter
    lookup_field = "slug"


class RegionViewSet(ScopedReadOnlyViewSet):
    queryset = Region.objects.prefetch_related("members")
    serializer_class = RegionSerializer
    lookup_field = "slug"
    filterset_fields: list = []
    ordering_fields = ["name"]  # not ``members``: one row per member (the backend refuses it too)


class ProgrammeViewSet(ScopedReadOnlyViewSet):
    queryset = Programme.objects.select_related("lead_organisation").prefetch_related("phases", "tracks")
    serializer_class = ProgrammeSerializer
    lookup_field = "slug"
    filterset_fields: list = []
    ordering_fields = ["name", "start_date", "end_date"]  # not ``phases``, ``tracks``: to-many


class MeView(APIView):
    """The signed-in user and their roles."""

    api_summary = "Who you are"
    api_description = ("Your user name and your roles per organisation, programme or enterprise; `is_admin` on a "
                       "membership: you are a functional administrator of that organisation (you manage its staff). "
                       "Only accepted memberships are listed: a pending invitation gives no role. `language`: "
                       "the language of the mails the portal sends you (`nl`, `en`; empty: none chosen, so the "
                       "portal's default, Dutch); read-only here, set on the account page or by the language "
                       "switch while signed in.")

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        # The memberships come with their organisations (``access.memberships``, one query); the
        # steering memberships' programmes in one more, not one per programme.
        prefetch_related_objects(request.user.held_memberships(), "programme")
        return Response(MeSerializer(request.user).data)
