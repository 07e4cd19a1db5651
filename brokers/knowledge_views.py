"""The public knowledge base of instruments for impact entrepreneurs."""

from django.core.paginator import Paginator
from django.shortcuts import render

from impactportal import access

from .constants import InstrumentKind
from .filters import InstrumentFilter
from .models import Instrument


def instrument_list(request):
    queryset = access.scope(request.user, Instrument.objects.filter(is_active=True))
    filterset = InstrumentFilter(request.GET or None, queryset=queryset, request=request)
    items = filterset.qs if filterset.is_bound and filterset.is_valid() else queryset
    page = Paginator(items.order_by("kind", "name"), 100).get_page(request.GET.get("page"))
    kinds = dict(InstrumentKind.choices)
    groups = {}
    for item in page:
        groups.setdefault(kinds[item.kind], []).append(item)
    template = "brokers/knowledge/partials/results.html" if request.htmx else "brokers/knowledge/list.html"
    return render(request, template, {"filter": filterset, "groups": groups, "page": page})


def instrument_detail(request, pk):
    instrument = access.get_object_or_404(request.user, Instrument.objects.filter(is_active=True), pk=pk)
    related = Instrument.objects.filter(kind=instrument.kind, is_active=True).exclude(pk=pk)[:6]
    return render(request, "brokers/knowledge/detail.html", {"object": instrument, "related": related})
