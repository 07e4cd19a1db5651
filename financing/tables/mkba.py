import django_tables2 as tables
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import MoneyColumn

from ..models import MkbaAnalysis


class FigureColumn(MoneyColumn):
    """A calculated figure (estimate) of the analysis, from its prefetched indicators."""

    def __init__(self, figure, **kwargs):
        self.figure = figure
        super().__init__(accessor="pk", orderable=False, **kwargs)

    def render(self, value, record):
        return super().render(getattr(record.result, self.figure))

    def value(self, value, record):
        return getattr(record.result, self.figure)


class AnalysisTable(tables.Table):
    title = tables.LinkColumn("financing:mkba-detail", args=[tables.A("pk")])
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Onderneming"), default="—")
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))
    total_impact = FigureColumn("total_impact", verbose_name=_("Impact (geschat)"))
    present_value = FigureColumn("present_value", verbose_name=_("Contante waarde baten (geschat)"))
    costs = MoneyColumn(verbose_name=_("Kosten"))
    benefit_cost_ratio = tables.Column(accessor="pk", orderable=False, verbose_name=_("Baten/kosten (geschat)"),
                                       attrs={"td": {"class": "numeric"}, "th": {"class": "numeric"}})
    updated_at = tables.DateColumn(verbose_name=_("Bijgewerkt"), format="SHORT_DATE_FORMAT")

    class Meta:
        model = MkbaAnalysis
        fields = ["title", "kind", "enterprise", "organisation", "total_impact", "present_value", "costs",
                  "benefit_cost_ratio", "is_shared", "updated_at"]
        sequence = fields

    def render_benefit_cost_ratio(self, record):
        ratio = record.result.benefit_cost_ratio
        return "—" if ratio is None else number_format(ratio, 2, force_grouping=True)

    def value_benefit_cost_ratio(self, record):
        return record.result.benefit_cost_ratio
