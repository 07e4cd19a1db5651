import django_filters
from django.utils.translation import gettext_lazy as _

from impactportal.accounts.constants import PartyCategory
from impactportal.accounts.models import Region

from .models import Party, RegionalAgreement


class PartyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Zoeken"))
    category = django_filters.ChoiceFilter(choices=PartyCategory.choices, label=_("Categorie"))
    programme = django_filters.CharFilter(field_name="programmes__slug", label=_("Programma"))

    class Meta:
        model = Party
        fields = ["q", "category", "programme"]


class RegionalAgreementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Zoeken"))
    region = django_filters.ModelChoiceFilter(
        field_name="region", to_field_name="slug", queryset=Region.objects.all(), label=_("Regio")
    )

    class Meta:
        model = RegionalAgreement
        fields = ["q", "region"]


# --- bottlenecks and best practices ---------------------------------------------------------

from django.db.models import Q  # noqa: E402

from enterprises.filters import ALL, YES_NO  # noqa: E402
from impactportal.accounts.models import Organisation, Programme  # noqa: E402

from .constants import BottleneckKind, BottleneckStatus, BottleneckTheme, SolvingLevel  # noqa: E402
from .models import Bottleneck  # noqa: E402


class BottleneckFilter(django_filters.FilterSet):
    """Shared by the register list, its export and ``/api/v1/bottlenecks/``."""

    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    kind = django_filters.ChoiceFilter(empty_label=ALL, choices=BottleneckKind.choices, label=_("Soort"))
    theme = django_filters.ChoiceFilter(empty_label=ALL, choices=BottleneckTheme.choices, label=_("Thema"))
    level = django_filters.ChoiceFilter(empty_label=ALL, choices=SolvingLevel.choices, label=_("Op te lossen door"))
    status = django_filters.ChoiceFilter(empty_label=ALL, choices=BottleneckStatus.choices, label=_("Status"))
    shared = django_filters.BooleanFilter(field_name="shared_with", lookup_expr="isnull", exclude=True, widget=YES_NO,
                                          label=_("Gedeeld"))
    programme = django_filters.ModelChoiceFilter(field_name="shared_with", empty_label=ALL, to_field_name="slug",
                                                 queryset=Programme.objects.all(), label=_("Gedeeld met"))
    organisation = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Organisation.objects.all(),
                                                    to_field_name="slug", label=_("Organisatie"))

    class Meta:
        model = Bottleneck
        fields = ["q", "kind", "theme", "level", "status", "shared", "programme", "organisation"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))
