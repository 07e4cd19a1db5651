"""FilterSets of outcome contracts, claims and payments, shared by the lists and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from enterprises.filters import YES_NO
from impactportal.accounts.models import Organisation

from .models import ClaimStatus, Conclusion, FeasibilityCheck, OutcomeClaim, OutcomeContract, OutcomePayment

ALL = _("Alle")


class OutcomeContractFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"), max_length=100,
                                  help_text=_("Titel, aanbieder, doelgroep of kenmerk"))
    organisation = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Organisation.objects.all(),
                                                    to_field_name="slug", label=pgettext_lazy("uitkomstcontract", "Opdrachtgever"))
    provider = django_filters.NumberFilter(field_name="provider_id", label=_("Aanbieder (id)"))
    is_published = django_filters.BooleanFilter(widget=YES_NO, label=_("Gepubliceerd als open data"))
    start_year = django_filters.NumberFilter(field_name="start_date", lookup_expr="year", label=_("Startjaar"),
                                             min_value=1900, max_value=2200)

    class Meta:
        model = OutcomeContract
        fields = ["q", "organisation", "provider", "is_published", "start_year"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(provider__name__icontains=value)
                               | Q(target_group__icontains=value) | Q(reference__iexact=value))


class OutcomeClaimFilter(django_filters.FilterSet):
    contract = django_filters.NumberFilter(field_name="contract_id", label=_("Uitkomstcontract (id)"))
    status = django_filters.ChoiceFilter(empty_label=ALL, choices=ClaimStatus.choices, label=_("Status"))

    class Meta:
        model = OutcomeClaim
        fields = ["contract", "status"]


class OutcomePaymentFilter(django_filters.FilterSet):
    contract = django_filters.NumberFilter(field_name="contract_id", label=_("Uitkomstcontract (id)"))
    paid_year = django_filters.NumberFilter(field_name="paid_at", lookup_expr="year", label=_("Betaaljaar"),
                                            min_value=1900, max_value=2200)

    class Meta:
        model = OutcomePayment
        fields = ["contract", "paid_year"]


class FeasibilityFilter(django_filters.FilterSet):
    conclusion = django_filters.ChoiceFilter(empty_label=ALL, choices=Conclusion.choices, label=_("Conclusie"))

    class Meta:
        model = FeasibilityCheck
        fields = ["conclusion"]
