"""FilterSets of contracts and realisations, shared by the lists and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enterprises.models import OfferingCategory
from impactportal.accounts.models import Organisation
from impactportal.ui.columns import YES_NO_CHOICE as YES_NO

from ..constants import ContractStatus, RealisationStatus
from ..models import Contract, Realisation

ALL = _("Alle")


class ContractFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"), max_length=100,
                                  help_text=_("Titel, leverancier of kenmerk"))
    organisation = django_filters.ModelChoiceFilter(
        empty_label=ALL, queryset=Organisation.objects.all(),
        to_field_name="slug", label=_("Opdrachtgever"))
    status = django_filters.ChoiceFilter(empty_label=ALL, choices=ContractStatus.choices, label=_("Status"))
    supplier = django_filters.NumberFilter(field_name="supplier_id", label=_("Leverancier (id)"))
    category = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=OfferingCategory.objects.all(),
                                                to_field_name="slug", label=_("Categorie"))
    award_year = django_filters.NumberFilter(field_name="award_date", lookup_expr="year", label=_("Gunningsjaar"),
                                             min_value=1900, max_value=2200)
    end_before = django_filters.DateFilter(field_name="end_date", lookup_expr="lte",
                                           label=_("Einddatum uiterlijk"))
    # The dashboards' "to verify" tiles link here (``dashboard_contracts.with_lines_to_verify``).
    to_verify = django_filters.BooleanFilter(method="filter_to_verify", widget=YES_NO,
                                             label=_("Realisaties te verifiëren"))

    class Meta:
        model = Contract
        fields = ["q", "organisation", "status", "supplier", "category", "award_year", "end_before", "to_verify"]

    def filter_to_verify(self, queryset, name, value):
        from ..dashboard_contracts import with_lines_to_verify

        if value is None:
            return queryset
        lines = with_lines_to_verify(queryset)
        return lines if value else queryset.exclude(pk__in=lines.values("pk"))

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(supplier_name__icontains=value)
                               | Q(reference__iexact=value))


class RealisationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(empty_label=ALL, choices=RealisationStatus.choices, label=_("Status"))
    block = django_filters.CharFilter(field_name="block__code", label=_("Bouwblok (code)"), max_length=60)
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Vanaf"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tot en met"))
    # A key filter (hidden on the page, a named chip there): an id outside the scope finds nothing.
    contract = django_filters.NumberFilter(field_name="contract_id", label=_("Contract (id)"))
    organisation = django_filters.ModelChoiceFilter(
        field_name="contract__organisation", empty_label=ALL, queryset=Organisation.objects.all(),
        to_field_name="slug", label=_("Opdrachtgever"))

    class Meta:
        model = Realisation
        fields = ["status", "block", "date_after", "date_before", "contract", "organisation"]
