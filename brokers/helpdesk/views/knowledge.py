"""The public knowledge base of instruments for impact entrepreneurs."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse

from brokers.constants import InstrumentKind
from brokers.filters import InstrumentFilter
from brokers.models import KnowledgeInstrument
from financing.filters_instruments import InstrumentFilter as FinancingFilter
from financing.models import Instrument as FinancingInstrument
from impactportal import access
from impactportal.text import in_page_order
from impactportal.ui import generic


class InstrumentList(generic.ScopedListView):
    """Cards grouped by kind, no export. Invalid filter values are left out, not fatal."""

    public = True
    queryset = KnowledgeInstrument.objects.filter(is_active=True)
    filterset_class = InstrumentFilter
    strict = False
    table_class = None
    paginate_by = 100
    template_name = "brokers/knowledge/list.html"
    partial_template_name = "brokers/knowledge/partials/results.html"

    def get_queryset(self):
        # By kind, then by name as the page shows it (the English on English pages).
        return in_page_order(super().get_queryset(), "kind")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kinds = dict(InstrumentKind.choices)
        groups = {}
        for item in context["page_obj"]:
            groups.setdefault(kinds[item.kind], []).append(item)
        context["groups"] = groups
        # Asking is the entrepreneur's (a visitor is shown the way in); staff answer in their inbox.
        context["may_ask"] = access.may_ask_helpdesk(self.request.user)
        context.update(financing_matches(self.request))
        return context


FINANCING_MATCHES = 5


def financing_matches(request) -> dict:
    """The financing instruments catalogue (the financing app) searched for the same words: loans,
    funds, Qredits and crowdfunding are there, not in the knowledge base, whose search for "lening"
    said "Niets gevonden". The first few as links, and the catalogue's page with the search."""
    query = (request.GET.get("q") or "").strip()
    if not query:
        return {}
    found = FinancingFilter({"q": query}, queryset=in_page_order(
        access.scope(request.user, FinancingInstrument.objects.filter(is_active=True)), "kind"))
    rows = found.qs if found.is_valid() else FinancingInstrument.objects.none()
    return {"financing_query": query, "financing_count": rows.count(),
            "financing_matches": list(rows[:FINANCING_MATCHES]),
            "financing_url": f"{reverse('financing:instrument-list')}?{urlencode({'q': query})}"}


def instrument_detail(request, pk):
    instrument = access.get_object_or_404(request.user, KnowledgeInstrument.objects.filter(is_active=True), pk=pk)
    related = in_page_order(KnowledgeInstrument.objects.filter(kind=instrument.kind, is_active=True).exclude(pk=pk))[:6]
    return render(request, "brokers/knowledge/detail.html", {"object": instrument, "related": related,
                                                             "may_ask": access.may_ask_helpdesk(request.user)})
