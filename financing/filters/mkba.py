"""The FilterSet of MKBA analyses, shared by the list and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from enterprises.filters import ALL
from impactportal.accounts.models import Organisation

from ..models import AnalysisKind, MkbaAnalysis


class AnalysisFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    kind = django_filters.ChoiceFilter(empty_label=ALL, choices=AnalysisKind.choices, label=_("Soort analyse"))
    organisation = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Organisation.objects.all(),
                                                    to_field_name="slug", label=_("Organisatie"))
    enterprise = django_filters.NumberFilter(field_name="enterprise", label=_("Onderneming (nummer)"))
    sroi_contract = django_filters.NumberFilter(field_name="sroi_contract", label=_("SROI-contract (nummer)"))
    is_shared = django_filters.BooleanFilter(label=_("Gedeeld met de onderneming"))

    class Meta:
        model = MkbaAnalysis
        fields = ["q", "kind", "organisation", "enterprise", "sroi_contract", "is_shared"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(title__icontains=value) | Q(enterprise__name__icontains=value))
