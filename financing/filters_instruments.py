"""FilterSets of instruments, financing needs and impact funds, shared by the lists and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enterprises.models import ImpactTheme

from .models import ComponentStatus, FinancingNeed, ImpactFund, Instrument, InstrumentKind

ALL = _("Alle")


class InstrumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"), max_length=100,
                                  help_text=_("Naam, verstrekker of voorwaarden"))
    kind = django_filters.ChoiceFilter(empty_label=ALL, choices=InstrumentKind.choices, label=_("Soort"))
    amount = django_filters.NumberFilter(method="fits_amount", label=_("Bedrag dat ik zoek (€)"), min_value=0,
                                         max_value=10**12)

    class Meta:
        model = Instrument
        fields = ["q", "kind", "amount"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(provider__icontains=value)
                               | Q(conditions__icontains=value) | Q(description__icontains=value)
                               | Q(name_en__icontains=value) | Q(provider_en__icontains=value)
                               | Q(conditions_en__icontains=value) | Q(description_en__icontains=value))

    def fits_amount(self, queryset, name, value):
        """Instruments whose usual range includes the amount (an open end fits everything)."""
        return queryset.filter((Q(amount_min__isnull=True) | Q(amount_min__lte=value))
                               & (Q(amount_max__isnull=True) | Q(amount_max__gte=value)))


class NeedFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"), max_length=100,
                                  help_text=_("Doel of onderneming"))
    status = django_filters.ChoiceFilter(empty_label=ALL, choices=ComponentStatus.choices, method="with_status",
                                         label=_("Met een onderdeel met status"))
    kind = django_filters.ChoiceFilter(empty_label=ALL, choices=InstrumentKind.choices, method="with_kind",
                                       label=_("Met een instrument van soort"))
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("Onderneming (id)"))

    class Meta:
        model = FinancingNeed
        fields = ["q", "status", "kind", "enterprise"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(purpose__icontains=value) | Q(enterprise__name__icontains=value))

    def with_status(self, queryset, name, value):
        return queryset.filter(pk__in=FinancingNeed.objects.filter(components__status=value).values("pk"))

    def with_kind(self, queryset, name, value):
        return queryset.filter(pk__in=FinancingNeed.objects.filter(components__instrument__kind=value).values("pk"))


class FundFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Naam"), max_length=100)
    theme = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=ImpactTheme.objects.all(), to_field_name="slug",
                                             field_name="impact_focus", distinct=True, label=_("Impactthema"))

    class Meta:
        model = ImpactFund
        fields = ["q", "theme"]
