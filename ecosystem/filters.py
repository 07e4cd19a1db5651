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
