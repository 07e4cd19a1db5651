"""The FilterSet of MKBA analyses, shared by the list and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from enterprises.filters import ALL, YES_NO
from impactportal.accounts.models import Organisation

from ..models import AnalysisKind, MkbaAnalysis


class AnalysisFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    kind = django_filters.ChoiceFilter(empty_label=ALL, choices=AnalysisKind.choices, label=_("Soort analyse"))
    organisation = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Organisation.objects.all(),
                                                    to_field_name="slug", label=_("Organisatie"))
    # Filters on a row's key (``?enterprise=12``, from links and the API): hidden in the list's
    # form, which names the row instead (``impactportal.ui.key_filters``).
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("Onderneming (id)"))
    sroi_contract = django_filters.NumberFilter(field_name="sroi_contract_id", label=_("SROI-contract (id)"))
    # "Alle", "Ja", "Nee" as every yes/no filter (Django's own select says "Onbekend" when unset).
    is_shared = django_filters.BooleanFilter(widget=YES_NO, label=_("Gedeeld met de onderneming"))

    class Meta:
        model = MkbaAnalysis
        fields = ["q", "kind", "organisation", "enterprise", "sroi_contract", "is_shared"]

    def search(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(title__icontains=value) | Q(enterprise__name__icontains=value))
