import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Party, RegionalAgreement


class PartyTable(tables.Table):
    website = tables.URLColumn()

    class Meta:
        model = Party
        fields = ["name", "category", "website"]


class RegionalAgreementTable(tables.Table):
    title = tables.LinkColumn("ecosystem:agreement-detail", args=[tables.A("pk")])
    region = tables.Column(accessor="region__name", verbose_name=_("Regio"))

    class Meta:
        model = RegionalAgreement
        fields = ["title", "region", "theme", "start_date"]
