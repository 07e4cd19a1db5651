"""Table of match-making meetings."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import MoneyColumn

from ..models import MatchMeeting


class MatchMeetingTable(tables.Table):
    date = tables.DateColumn(format="SHORT_DATE_FORMAT", linkify=("procurement:meeting-detail", [tables.A("pk")]))
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Onderneming"), order_by=("enterprise__name",))
    contract = tables.Column(accessor="contract__title", verbose_name=_("Contract"), order_by=("contract__title",))
    supplier = tables.Column(accessor="contract__supplier_name", verbose_name=_("Leverancier"),
                             order_by=("contract__supplier_name",))
    agreed_amount = MoneyColumn(verbose_name=_("Afgesproken bedrag"))
    organisation = tables.Column(accessor="contract__organisation__name", verbose_name=_("Opdrachtgever"),
                                 order_by=("contract__organisation__name",))

    class Meta:
        model = MatchMeeting
        fields = ["date", "enterprise", "contract", "supplier", "outcome", "agreed_amount", "follow_up_on",
                  "organisation"]
