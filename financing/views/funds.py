"""Impact fund portfolios: brokers of the managing organisation (and of the members of the fund's
region) keep a fund, its investments, repayments and reported impact; the steering group of a
programme in which the managing organisation takes part reads the portfolio figures only."""

from django.db.models import Count, F, OuterRef, Prefetch, Subquery, Sum
from django.db.models.functions import Coalesce, Least
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic as django_generic

from impactportal import access
from impactportal.money import MONEY_FIELD, ZERO_EUROS
from impactportal.ui import generic
from impactportal.ui.actions import RoleRequiredMixin

from .. import services_instruments as services
from ..filters_instruments import FundFilter
from ..forms.instruments import FundForm, ImpactReportForm, InvestmentForm, RepaymentForm
from ..models import ImpactFund, ImpactReport, Investment, Repayment
from ..tables_instruments import FundTable


def fund_queryset():
    invested = (Investment.objects.filter(fund=OuterRef("pk")).order_by().values("fund")
                .annotate(total=Sum("amount")).values("total"))
    # Capital back per investment, at most its amount (``portfolio.portfolio``: beyond it is no
    # repayment but "overpaid"), so the list says what the fund's page and the API say.
    back = (Repayment.objects.filter(investment=OuterRef("pk")).order_by().values("investment")
            .annotate(total=Sum("amount")).values("total"))
    counted = Least(Coalesce(Subquery(back, output_field=MONEY_FIELD), ZERO_EUROS, output_field=MONEY_FIELD),
                    F("amount"), output_field=MONEY_FIELD)
    repaid = (Investment.objects.filter(fund=OuterRef("pk")).order_by().values("fund")
              .annotate(total=Sum(counted)).values("total"))
    return (ImpactFund.objects.select_related("organisation", "region")
            .annotate(invested_amount=Coalesce(Subquery(invested, output_field=MONEY_FIELD), ZERO_EUROS,
                                               output_field=MONEY_FIELD),
                      repaid_amount=Coalesce(Subquery(repaid, output_field=MONEY_FIELD), ZERO_EUROS,
                                             output_field=MONEY_FIELD),
                      investment_count=Count("investments", distinct=True)))


def investments_with_figures():
    return (Investment.objects.select_related("enterprise").prefetch_related("repayments", "impact_reports")
            .order_by("date", "id"))


def portfolio_labels():
    return (_("Afgelost"), _("Uitstaand"))


class FundList(generic.ScopedListView):
    queryset = fund_queryset()
    filterset_class = FundFilter
    table_class = FundTable
    create_url_name = "financing:fund-create"
    template_name = "financing/funds/fund_list.html"
    roles = (access.BROKER,)


class FundFormMixin:
    model = ImpactFund
    form_class = FundForm
    template_name = "financing/funds/fund_form.html"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["region"].queryset = access.owner_choices(self.request.user, ImpactFund, path="region")
        return form


class FundCreate(FundFormMixin, generic.ScopedCreateView):
    success_message = gettext_lazy("Het fonds %(object)s is vastgelegd.")


class FundUpdate(FundFormMixin, generic.ScopedUpdateView):
    success_message = gettext_lazy("Het fonds %(object)s is bijgewerkt.")


class FundDetail(generic.ScopedDetailView):
    queryset = ImpactFund.objects.select_related("organisation", "region").prefetch_related("impact_focus")
    template_name = "financing/funds/fund_detail.html"

    def get_object(self, queryset=None):
        """The fund's page shows its investments one by one (enterprises, terms, repayments): the
        fund's brokers only. The steering group reads the fund's name and totals on the figures
        page (the policy's ``figures`` action), so the fund exists for it: its page answers 403
        with where to go, not 404 as if there were no such fund."""
        try:
            return super().get_object(queryset)
        except Http404:
            figures = access.scope(self.request.user, self.base_queryset(), "figures")
            if figures.filter(pk=self.kwargs["pk"]).exists():
                raise access.RoleRequired(_(
                    "De pagina van een fonds, met de investeringen per onderneming, is voor de makelaars van het "
                    "fonds. De totalen van dit fonds staan op de pagina Fondscijfers.")) from None
            raise

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        investments = list(investments_with_figures().filter(fund=self.object))
        figures = services.fund_portfolio(self.object, investments)
        for investment in investments:
            investment.figures = figures.per_investment[investment.pk]
        context.update(investments=investments, figures=figures, chart=figures.chart(portfolio_labels()))
        return context


class FundFigures(RoleRequiredMixin, django_generic.TemplateView):
    """Read-only portfolio figures of the funds the user may read figures of (the steering
    group: funds managed by participants of its programme; brokers: their own funds)."""

    template_name = "financing/funds/fund_figures.html"
    roles = (access.BROKER, access.STEERING)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        visible = access.scope(user, ImpactFund.objects.select_related("organisation", "region"), "figures")
        funds = list(access.annotate_can(visible, user, access.VIEW, "may_open")
                     .prefetch_related("impact_focus",
                                       Prefetch("investments", queryset=investments_with_figures()))
                     .order_by("name", "id"))
        rows = []
        for fund in funds:
            figures = services.fund_portfolio(fund, fund.investments.all())
            rows.append({"fund": fund, "figures": figures, "chart": figures.chart(portfolio_labels()),
                         "chart_id": f"fund-chart-{fund.pk}",
                         "may_open": fund.may_open})
        context["rows"] = rows
        return context


class InvestmentCreate(generic.ScopedChildCreateView):
    parent_model = ImpactFund
    parent_field = "fund"
    form_class = InvestmentForm
    template_name = "financing/instruments/child_form.html"
    title = gettext_lazy("Investering vastleggen")

    def save(self, form):
        return services.investment_add(fund=self.parent, investment=form.instance, by=self.request.user)

    def success_url(self, obj):
        return obj.get_absolute_url()


class InvestmentDetail(generic.ScopedDetailView):
    queryset = Investment.objects.select_related("fund", "enterprise")
    template_name = "financing/funds/investment_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, investment = self.request.user, self.object
        repayments = list(Repayment.objects.for_user(user).filter(investment=investment).order_by("date", "id"))
        reports = list(ImpactReport.objects.for_user(user).filter(investment=investment)
                       .order_by("period_start", "id"))
        investment.repayments_list = repayments
        figures = services.fund_portfolio(investment.fund, [investment])
        context.update(repayments=repayments, reports=reports, figures=figures)
        return context


class InvestmentUpdate(generic.ScopedUpdateView):
    queryset = Investment.objects.select_related("fund", "enterprise")
    form_class = InvestmentForm
    template_name = "financing/instruments/child_form.html"
    success_message = gettext_lazy("De investering %(object)s is bijgewerkt.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(parent=self.object.fund, title=_("Investering wijzigen"),
                       cancel_url=self.object.get_absolute_url())
        return context


class RepaymentCreate(generic.ScopedChildCreateView):
    parent_model = Investment
    parent_field = "investment"
    form_class = RepaymentForm
    template_name = "financing/instruments/child_form.html"
    title = gettext_lazy("Aflossing vastleggen")

    def save(self, form):
        return services.repayment_add(investment=self.parent, repayment=form.instance, by=self.request.user)


class ImpactReportCreate(generic.ScopedChildCreateView):
    parent_model = Investment
    parent_field = "investment"
    form_class = ImpactReportForm
    template_name = "financing/instruments/child_form.html"
    title = gettext_lazy("Resultaat rapporteren")

    def save(self, form):
        return services.impact_report_add(investment=self.parent, report=form.instance, by=self.request.user)
