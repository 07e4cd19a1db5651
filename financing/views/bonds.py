"""Social impact bonds (payers, investors, cash flows), the SIB feasibility check and the
open-data download."""

from decimal import Decimal

from django.contrib import messages
from django.db.models import Sum
from django.http import HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from impactportal import access
from impactportal.ui import generic

from .. import open_data
from .. import outcomes as rules
from .. import services_outcomes as services
from ..filters_outcomes import FeasibilityFilter
from ..forms.outcomes import BondCashFlowForm, BondForm, BondInvestorForm, BondPayerForm, FeasibilityForm
from ..models import CashFlowKind, CashFlowStatus, FeasibilityCheck, OutcomeContract, SocialImpactBond
from ..tables_outcomes import FeasibilityCheckTable

ZERO = Decimal("0.00")


class BondCreate(generic.ScopedChildCreateView):
    parent_model = OutcomeContract
    form_class = BondForm
    parent_field = "contract"

    success_message = gettext_lazy("De social impact bond is vastgelegd. Voeg investeerders en kasstromen toe.")

    def get(self, request, *args, **kwargs):
        return self._existing(request) or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._existing(request) or super().post(request, *args, **kwargs)

    def _existing(self, request):
        """A contract has one bond (``SocialImpactBond.contract`` is one-to-one): its "new" page
        leads to the bond there is, with a word why, not to a form that can only be refused."""
        bond = SocialImpactBond.objects.filter(contract=self.parent).first()
        if bond is None:
            return None
        messages.info(request, _("Dit contract heeft al een social impact bond."))
        return redirect(bond.get_absolute_url())

    def success_url(self, obj):
        return obj.get_absolute_url()


class PayerCreate(generic.ScopedChildCreateView):
    parent_model = SocialImpactBond
    parent_queryset = SocialImpactBond.objects.select_related("contract")
    form_class = BondPayerForm
    parent_field = "bond"

    success_message = gettext_lazy("De betaler is toegevoegd.")

    def save(self, form):
        return services.payer_add(payer=form.instance, by=self.request.user)


class InvestorCreate(generic.ScopedChildCreateView):
    parent_model = SocialImpactBond
    form_class = BondInvestorForm
    parent_field = "bond"

    success_message = gettext_lazy("De investeerder is toegevoegd.")

    def save(self, form):
        return services.investor_add(investor=form.instance, by=self.request.user)


class CashFlowCreate(generic.ScopedChildCreateView):
    parent_model = SocialImpactBond
    form_class = BondCashFlowForm
    parent_field = "bond"

    success_message = gettext_lazy("De kasstroom is toegevoegd.")

    def form_kwargs(self):
        return {**super().form_kwargs(), "bond": self.parent}

    def save(self, form):
        return services.cash_flow_add(cash_flow=form.instance, by=self.request.user)


class BondDetail(generic.ScopedDetailView):
    queryset = SocialImpactBond.objects.select_related("contract__organisation", "contract__provider")
    template_name = "financing/outcomes/bond_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bond, user = self.object, self.request.user
        flows = list(access.scope(user, bond.cash_flows.select_related("investor")))
        investors = list(access.scope(user, bond.investors.all()))
        # Totals per kind, planned and realised apart: the cash flows are recorded by hand beside
        # the contract, so the page must say which money has moved and which is a forecast.
        labels = dict(CashFlowKind.choices)
        totals = {}
        for flow in flows:
            row = totals.setdefault(flow.kind, {"label": labels[flow.kind], "planned": ZERO, "realised": ZERO})
            row["realised" if flow.status == CashFlowStatus.REALISED else "planned"] += flow.amount
        realised_outcomes = totals.get(CashFlowKind.OUTCOME_PAYMENT, {}).get("realised", ZERO)
        # What the contract actually paid for verified claims: the source the recorded outcome
        # payments must agree with.
        contract_paid = bond.contract.payments.aggregate(total=Sum("amount"))["total"] or ZERO
        context.update(
            payers=list(access.scope(user, bond.payers.select_related("organisation"))),
            investors=investors,
            committed=sum((i.committed_capital for i in investors), 0),
            flows=flows,
            totals=[totals[kind] for kind, _label in CashFlowKind.choices if kind in totals],
            contract_paid=contract_paid,
            outcomes_disagree=realised_outcomes != contract_paid,
            chart=cash_flow_chart(flows),
        )
        return context


def cash_flow_chart(flows) -> dict:
    """The bond's cash flows as bars per month (the table's "m-Y"): two flows of one month make
    one bar, whichever day each names. Per kind, the realised money and the forecast are separate
    series, as in the totals table: a forecast stacked on what has moved read as money moved."""
    months = sorted({(f.period.year, f.period.month) for f in flows})
    position = {month: index for index, month in enumerate(months)}
    series = {(kind, status): [0.0] * len(months)
              for kind, _label in CashFlowKind.choices for status, _name in CashFlowStatus.choices}
    for flow in flows:
        status = CashFlowStatus.REALISED if flow.status == CashFlowStatus.REALISED else CashFlowStatus.PLANNED
        series[(flow.kind, status)][position[(flow.period.year, flow.period.month)]] += float(flow.amount)
    # What has moved first, then the forecasts: the chart script colours the series in turn, so
    # the (at most five) realised kinds never share a colour.
    datasets = []
    for status, name in ((CashFlowStatus.REALISED, _("gerealiseerd")), (CashFlowStatus.PLANNED, _("gepland"))):
        for kind, label in CashFlowKind.choices:
            if any(series[(kind, status)]):
                datasets.append({"label": f"{label} ({name})", "data": series[(kind, status)]})
    return {"labels": [f"{month:02d}-{year}" for year, month in months], "datasets": datasets}


# --- feasibility check ----------------------------------------------------------------------


class FeasibilityList(generic.ScopedListView):
    model = FeasibilityCheck
    table_class = None
    export_table_class = FeasibilityCheckTable
    filterset_class = FeasibilityFilter
    create_url_name = "financing:feasibility-create"
    template_name = "financing/outcomes/feasibility_list.html"
    roles = (access.BROKER,)

    def get_queryset(self):
        return super().get_queryset().select_related("organisation", "contract")


class FeasibilityCreate(generic.ScopedCreateView):
    model = FeasibilityCheck
    form_class = FeasibilityForm
    template_name = "financing/outcomes/feasibility_form.html"

    def save(self, form):
        return services.feasibility_save(check=form.instance, by=self.request.user)

    def get_success_message(self, form):
        return _("De toets is vastgelegd: %(conclusion)s.") % {"conclusion": self.object.get_conclusion_display()}


class FeasibilityDetail(generic.ScopedDetailView):
    queryset = FeasibilityCheck.objects.select_related("organisation", "contract")
    template_name = "financing/outcomes/feasibility_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        check = self.object
        # Reasons in the reader's language, from the stored answers (the same rules as on saving).
        result = rules.feasibility({name: getattr(check, name) for name in rules.QUESTION_NAMES})
        context["answers"] = [(q, getattr(check, f"get_{q.name}_display")()) for q in rules.QUESTIONS]
        context["reasons"] = result.reasons
        return context


class OpenData(View):
    """The open-data export as a JSON download (the same document as ``/api/v1/financing/open-data/``):
    published contracts only, the same for everyone, so no login."""

    def get(self, request):
        # Built once and cached until a contract (or anything else it shows) changes; compact JSON.
        body, etag = open_data.cached_json()
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="uitkomstcontracten-open-data.json"'
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=open_data.BROWSER_MAX_AGE)
        return response
