"""FilterSets of issue 12, shared by the lists and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.filters import ALL, YES_NO
from impactportal.accounts.models import Organisation, Region

from .constants import CollaborationTheme, Domain, EventKind, Procedure, PropertyType, SpaceRequestStatus
from .models_coalitions import Coalition, Collaboration
from .models_events import Event
from .models_maps import EcosystemMap
from .models_realestate import CURRENT, FREE, Allocation, Property, SpaceRequest


def on_offer(today) -> Q:
    """A property still on offer: not let now (no current allocation) and its availability not ended before ``today``
    (the list's filter ``available`` and the real-estate colleague's dashboard tile)."""
    return FREE & (Q(available_until__isnull=True) | Q(available_until__gte=today))

ORGANISATION = {"empty_label": ALL, "queryset": Organisation.objects.all(), "to_field_name": "slug", "label": _("Organisatie")}


class PropertyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    property_type = django_filters.ChoiceFilter(empty_label=ALL, choices=PropertyType.choices, label=_("Soort"))
    # Part of the name, in any case: "Haarlem" or "noord" finds "Haarlem-Noord".
    area = django_filters.CharFilter(field_name="area", lookup_expr="icontains", label=_("Wijk of plaats"))
    organisation = django_filters.ModelChoiceFilter(**ORGANISATION)
    min_floor_area = django_filters.NumberFilter(field_name="floor_area", lookup_expr="gte", label=_("Minimaal m²"))
    is_published = django_filters.BooleanFilter(widget=YES_NO, label=_("Gepubliceerd"))
    available = django_filters.BooleanFilter(method="filter_available", widget=YES_NO, label=_("Beschikbaar"))

    class Meta:
        model = Property
        fields = ["q", "property_type", "area", "organisation", "min_floor_area", "is_published", "available"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not getattr(getattr(self.request, "user", None), "is_authenticated", False):
            # Visitors see published properties only: "published: no" could only find nothing.
            del self.filters["is_published"]

    def filter_available(self, queryset, name, value):
        if value is None:
            return queryset
        offer = on_offer(timezone.localdate())
        return queryset.filter(offer if value else ~offer)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value) | Q(area__icontains=value))


class SpaceRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(empty_label=ALL, choices=SpaceRequestStatus.choices, label=_("Status"))
    property_type = django_filters.ChoiceFilter(empty_label=ALL, choices=PropertyType.choices, label=_("Soort"))
    organisation = django_filters.ModelChoiceFilter(**ORGANISATION)

    class Meta:
        model = SpaceRequest
        fields = ["status", "property_type", "organisation"]


LETTING_STATES = [("current", _("Lopend")), ("ended", _("Beëindigd"))]


class AllocationFilter(django_filters.FilterSet):
    procedure = django_filters.ChoiceFilter(empty_label=ALL, choices=Procedure.choices, label=_("Procedure"))
    area = django_filters.CharFilter(field_name="property__area", lookup_expr="icontains", label=_("Wijk of plaats"))
    organisation = django_filters.ModelChoiceFilter(**ORGANISATION)
    start_from = django_filters.DateFilter(field_name="start_date", lookup_expr="gte", label=_("Ingang vanaf"))
    # Key filters (hidden on the page, a named chip there): an id outside the scope finds nothing.
    property = django_filters.NumberFilter(field_name="property_id", label=_("Pand (id)"))
    space_request = django_filters.NumberFilter(field_name="space_request_id", label=_("Ruimtevraag (id)"))
    # Current lettings (no end yet) or ended ones (``Allocation.ended_on``); empty: both.
    letting = django_filters.ChoiceFilter(empty_label=ALL, choices=LETTING_STATES, method="filter_letting",
                                          label=_("Verhuur"))

    class Meta:
        model = Allocation
        fields = ["procedure", "area", "organisation", "start_from", "letting", "property", "space_request"]

    def filter_letting(self, queryset, name, value):
        if value == "current":
            return queryset.filter(CURRENT)
        if value == "ended":
            return queryset.exclude(CURRENT)
        return queryset


class EcosystemMapFilter(django_filters.FilterSet):
    organisation = django_filters.ModelChoiceFilter(**ORGANISATION)
    region = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Region.objects.all(), to_field_name="slug",
                                              label=_("Regio"))

    class Meta:
        model = EcosystemMap
        fields = ["organisation", "region"]


class CoalitionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Zoeken"))
    organisation = django_filters.ModelChoiceFilter(**ORGANISATION)

    class Meta:
        model = Coalition
        fields = ["q", "organisation"]


class CollaborationFilter(django_filters.FilterSet):
    theme = django_filters.ChoiceFilter(empty_label=ALL, choices=CollaborationTheme.choices, label=_("Thema"))
    region = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Region.objects.all(), to_field_name="slug",
                                              label=_("Regio"))

    class Meta:
        model = Collaboration
        fields = ["theme", "region"]


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(empty_label=ALL, choices=EventKind.choices, label=_("Soort"))
    organisation = django_filters.ModelChoiceFilter(**ORGANISATION)

    class Meta:
        model = Event
        fields = ["kind", "organisation"]


DOMAINS = Domain
