import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import MoneyColumn

from ..models import Challenge
from .requests import YES_NO


class ChallengeTable(tables.Table):
    title = tables.LinkColumn("procurement:challenge-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"),
                                 order_by=("organisation__name", "-created_at"))
    prize_budget = MoneyColumn(verbose_name=_("Prijzengeld"))
    is_published = tables.BooleanColumn(verbose_name=_("Gepubliceerd"), yesno=YES_NO)

    class Meta:
        model = Challenge
        fields = ["title", "organisation", "phase", "prize_budget", "submission_deadline", "is_published"]
