"""Dashboard panels: the entrepreneur's financing needs with their coverage, and the steering
group's read-only fund figures (declared in apps.py)."""

from django.db.models import Prefetch
from django.urls import reverse

from impactportal import access

from . import services_instruments as services
from .models import FinancingNeed, ImpactFund, Investment, MixComponent

PANEL_SIZE = 5


def entrepreneur_needs(user):
    """Needs of the enterprises the user represents (not every need a broker could see)."""
    own = access.enterprise_ids(user)
    needs = list(FinancingNeed.objects.for_user(user).filter(enterprise__in=own).select_related("enterprise")
                 .prefetch_related(Prefetch("components", queryset=MixComponent.objects.order_by("id")))
                 .order_by("-created_at", "-id")[:PANEL_SIZE])
    rows = [{"need": need, "coverage": services.need_coverage(need, need.components.all())} for need in needs]
    return {"rows": rows, "list_url": reverse("financing:need-list"), "create_url": reverse("financing:need-create"),
            "catalogue_url": reverse("financing:instrument-list")}


def steering_funds(user):
    funds = (access.scope(user, ImpactFund.objects.select_related("region"), "figures")
             .prefetch_related(Prefetch("investments",
                                        queryset=Investment.objects.prefetch_related("repayments", "impact_reports")))
             .order_by("name", "id")[:PANEL_SIZE])
    rows = [{"fund": fund, "figures": services.fund_portfolio(fund, fund.investments.all())} for fund in funds]
    return {"rows": rows, "figures_url": reverse("financing:fund-figures")}
