import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impactportal.filters import OrganisationFilter

from .constants import BudgetLineKind, TeamForm
from .models import BrokerTeam, BudgetLine, Mandate


class BrokerTeamFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    form = django_filters.ChoiceFilter(choices=TeamForm.choices, label=_("Vorm"))
    organisation = OrganisationFilter()

    class Meta:
        model = BrokerTeam
        fields = ["q", "form", "organisation"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(network_partner__icontains=value))


class MandateFilter(django_filters.FilterSet):
    team = django_filters.NumberFilter(field_name="team_id", label=_("Team"))

    class Meta:
        model = Mandate
        fields = ["team"]


class BudgetLineFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Jaar"))
    kind = django_filters.ChoiceFilter(choices=BudgetLineKind.choices, label=_("Programmalijn"))
    organisation = OrganisationFilter()

    class Meta:
        model = BudgetLine
        fields = ["year", "kind", "organisation"]
