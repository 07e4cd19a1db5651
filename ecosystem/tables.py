import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from .models import Party, RegionalAgreement


class PartyTable(tables.Table):
    name = tables.LinkColumn("ecosystem:party-detail", args=[tables.A("pk")])
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


# --- bottlenecks and best practices ---------------------------------------------------------

from .models import Bottleneck  # noqa: E402


class BottleneckTable(tables.Table):
    title = tables.LinkColumn("ecosystem:bottleneck-detail", args=[tables.A("pk")], verbose_name=_("Titel"))
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"),
                                 order_by=("organisation__name", "-created_at"))
    level = tables.Column(verbose_name=_("Op te lossen door"))
    shared_with = tables.Column(accessor="shared_with__name", verbose_name=_("Gedeeld met"), default="—",
                                order_by=("shared_with__name", "-created_at"))
    seen_by = tables.Column(accessor="seen_by", verbose_name=_("Gezien door (organisaties, incl. signalerende)"),
                            attrs={"td": {"class": "numeric"}})
    cases_total = tables.Column(accessor="cases_total", verbose_name=_("Casussen (totaal)"),
                                attrs={"td": {"class": "numeric"}})

    class Meta:
        model = Bottleneck
        fields = ["title", "kind", "theme", "level", "organisation", "status", "status_date", "shared_with",
                  "seen_by", "cases_total"]

    def render_level(self, record, value):
        if record.ministry:
            return f"{value} ({record.get_ministry_display()})"
        return value

    def value_level(self, record, value):
        return self.render_level(record, value)
