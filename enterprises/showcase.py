"""The public showcase (etalage): admitted, published enterprises, their offerings and their
valid certificates, for everyone including anonymous visitors."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render

from impactportal import access

from .filters import EnterpriseFilter
from .models import SHOWCASE, Certification, Enterprise, Offering

PAGE_SIZE = 24
# The filters visitors get; the others (admission status, KvK) are for the broker register.
PUBLIC_FILTERS = ["q", "theme", "sdg", "municipality", "category", "certification"]


def showcase_queryset(user):
    """Showcase rows with what a card shows, in a fixed number of queries per page. Certificates
    come from the access module too: visitors see verified, unexpired ones only."""
    certificates = access.scope(user, Certification.objects.filter(status__in=["verified", "expiring"]))
    return access.scope(user, Enterprise.objects.filter(SHOWCASE)).select_related("municipality").prefetch_related(
        "themes", Prefetch("certifications", queryset=certificates, to_attr="valid_certificates")
    )


def showcase(request):
    filterset = EnterpriseFilter(request.GET, queryset=showcase_queryset(request.user))
    results = filterset.qs.order_by("name", "pk") if filterset.is_valid() else Enterprise.objects.none()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset, "fields": [filterset.form[name] for name in PUBLIC_FILTERS], "page": page,
        "enterprises": page.object_list, "query": query.urlencode(),
        "is_filtered": any(request.GET.get(name) for name in PUBLIC_FILTERS),
    }
    template = "enterprises/partials/showcase_results.html" if request.htmx and not request.htmx.boosted \
        else "enterprises/showcase.html"
    return render(request, template, context)


def showcase_detail(request, pk):
    queryset = showcase_queryset(request.user).prefetch_related(
        "sdgs", Prefetch("offerings", queryset=Offering.objects.select_related("category")))
    enterprise = access.get_object_or_404(request.user, queryset.filter(SHOWCASE), access.VIEW, pk=pk)
    return render(request, "enterprises/showcase_detail.html", {"object": enterprise})
