import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constants import AdmissionStatus
from .models import Enterprise


class EnterpriseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    kvk_number = django_filters.CharFilter(label=_("KvK-nummer"))
    municipality = django_filters.CharFilter(field_name="municipality__slug", label=_("Gemeente"))
    admission_status = django_filters.ChoiceFilter(choices=AdmissionStatus.choices, label=_("Toelating"))

    class Meta:
        model = Enterprise
        fields = ["q", "kvk_number", "municipality", "admission_status"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(kvk_number=value.strip()))
