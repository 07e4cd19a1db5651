"""The FilterSet of SROI rule sets, shared by the list screen and the API."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from impactportal.accounts.models import Organisation, Region
from impactportal.ui.columns import YES_NO_CHOICE as YES_NO

from ..constants import BlockKind
from ..models import Block, RuleSet

ALL = _("Alle")


def owner_options():
    """Organisations and regions that own a rule set, by slug (``?owner=utrecht``)."""
    organisations = Organisation.objects.filter(sroi_rule_sets__isnull=False).distinct().values_list("slug", "name")
    regions = Region.objects.filter(sroi_rule_sets__isnull=False).distinct().values_list("slug", "name")
    return sorted({*organisations, *regions}, key=lambda option: option[1])


class RuleSetFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken op naam"))
    owner = django_filters.ChoiceFilter(choices=owner_options, empty_label=ALL, method="filter_owner",
                                        label=_("Eigenaar"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Geldig op"),
                                         help_text=_("Alleen regelingen die op deze datum gelden."))
    kind = django_filters.ChoiceFilter(choices=BlockKind.choices, empty_label=ALL, method="filter_kind",
                                       label=_("Met bouwblok van de soort"))
    is_example = django_filters.BooleanFilter(label=_("Voorbeeldtabel"), widget=YES_NO)

    class Meta:
        model = RuleSet
        fields = ["q", "owner", "valid_on", "kind", "is_example"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name__icontains=value) if value else queryset

    def filter_owner(self, queryset, name, value: str):
        return queryset.filter(Q(organisation__slug=value) | Q(region__slug=value))

    def filter_valid_on(self, queryset, name, value):
        return queryset.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=value), valid_from__lte=value)

    def filter_kind(self, queryset, name, value: str):
        return queryset.filter(Exists(Block.objects.filter(rule_set=OuterRef("pk"), kind=value)))
