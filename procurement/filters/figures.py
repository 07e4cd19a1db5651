"""The FilterSet of supplier payments, shared by the payments list and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _

from impactportal.filters import OrganisationFilter
from impactportal.ui.columns import YES_NO_CHOICE as YES_NO

from ..models import SupplierPayment


class SupplierPaymentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken op leverancier of KvK-nummer"))
    organisation = OrganisationFilter()
    year = django_filters.NumberFilter(method="filter_year", label=_("Jaar"), min_value=2000, max_value=2100)
    matched = django_filters.BooleanFilter(field_name="enterprise", lookup_expr="isnull", exclude=True, widget=YES_NO,
                                           label=_("Gevonden in het register"))
    # The payments the figures call "bij impactondernemingen" (``figures.AT_IMPACT_ENTERPRISE``): to an
    # admitted enterprise of the register, not every register match. The dashboard tile lands here.
    impact_enterprise = django_filters.BooleanFilter(method="filter_impact_enterprise", widget=YES_NO,
                                                     label=_("Bij een toegelaten impactonderneming"))
    cost_category = django_filters.CharFilter(label=_("Kostensoort"), max_length=100)
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Vanaf"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tot en met"))
    batch = django_filters.NumberFilter(field_name="batch_id", label=_("Import (id)"))

    class Meta:
        model = SupplierPayment
        fields = ["q", "organisation", "year", "matched", "impact_enterprise", "cost_category", "date_after",
                  "date_before", "batch"]

    def search(self, queryset, name, value):
        digits = value.strip()
        if digits.isascii() and digits.isdigit():
            return queryset.filter(supplier_kvk__startswith=digits)
        return queryset.filter(supplier_name__icontains=value)

    def filter_impact_enterprise(self, queryset, name, value):
        from ..figures import AT_IMPACT_ENTERPRISE

        return queryset.filter(AT_IMPACT_ENTERPRISE) if value else queryset.exclude(AT_IMPACT_ENTERPRISE)

    def filter_year(self, queryset, name, value):
        # A range, not __year: the (organisation, date) index serves it.
        year = int(value)
        return queryset.filter(date__gte=f"{year}-01-01", date__lte=f"{year}-12-31")
