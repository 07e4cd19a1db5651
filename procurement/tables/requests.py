import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from impactportal.ui.columns import YES_NO, MoneyColumn

from ..models import PurchaseRequest, PurchaseResponse


class PurchaseRequestTable(tables.Table):
    title = tables.LinkColumn("procurement:request-detail", args=[tables.A("pk")])
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"),
                                 order_by=("organisation__name", "deadline"))
    # The category itself, not its name: a managed list shows its English name on English pages.
    category = tables.Column(accessor="category", verbose_name=_("Categorie"),
                             order_by=("category__name", "deadline"))
    budget_indication = MoneyColumn(verbose_name=_("Budgetindicatie"))
    is_reserved = tables.BooleanColumn(verbose_name=_("Voorbehouden"), yesno=YES_NO)

    class Meta:
        model = PurchaseRequest
        fields = ["title", "organisation", "category", "budget_indication", "deadline", "procedure", "is_reserved",
                  "status"]


class StaffPurchaseRequestTable(PurchaseRequestTable):
    responses = tables.Column(accessor="response_count", verbose_name=_("Reacties"), attrs={"td": {"class": "numeric"}})

    class Meta(PurchaseRequestTable.Meta):
        fields = [*PurchaseRequestTable.Meta.fields, "responses"]


class MyResponseTable(tables.Table):
    request = tables.Column(accessor="request__title", verbose_name=_("Inkoopvraag"), order_by=("request__title",))
    organisation = tables.Column(accessor="request__organisation__name", verbose_name=_("Organisatie"),
                                 order_by=("request__organisation__name", "request__title"))
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Onderneming"),
                               order_by=("enterprise__name",))
    quote_amount = MoneyColumn(verbose_name=_("Offerte (excl. btw)"))

    class Meta:
        model = PurchaseResponse
        fields = ["request", "organisation", "enterprise", "quote_amount", "status", "updated_at"]
