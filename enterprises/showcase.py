"""The public showcase (etalage): admitted, published enterprises, their offerings and their
valid certificates, for everyone including anonymous visitors."""

from django.db.models import Prefetch
from django.shortcuts import render

from impactportal import access
from impactportal.ui import cache, generic

from .filters import EnterpriseFilter
from .models import SHOWCASE, VERIFIED_CERTIFICATES, Certification, Enterprise, Offering

PAGE_SIZE = 24
# The filters visitors get; the others (admission status, KvK) are for the broker register.
PUBLIC_FILTERS = ["q", "theme", "sdg", "municipality", "category", "certification"]


def showcase_queryset(user):
    """Showcase rows with what a card shows, in a fixed number of queries per page. Certificates
    come from the access module too: visitors see verified, unexpired ones only."""
    # Not past its end date either: until the night's run moves it to "expired" (or when a run
    # failed) the status alone showed an expired certificate as valid, which the filter
    # "Certificaat" (``EnterpriseFilter.filter_certification``) already left out.
    certificates = access.scope(user, Certification.objects.filter(VERIFIED_CERTIFICATES).valid())
    # The showcase is the public list, the same for everyone: SHOWCASE is the public part of the
    # enterprises' access policy, and every other grant (an entrepreneur's own enterprises) could
    # only add rows SHOWCASE leaves out again. Scoping by the user added an OR to every count
    # (134 ms nationally) that changed nothing; an own unpublished enterprise is under "Mijn onderneming".
    return Enterprise.objects.filter(SHOWCASE).select_related("municipality").prefetch_related(
        "themes", Prefetch("certifications", queryset=certificates, to_attr="valid_certificates")
    )


class Showcase(generic.ScopedListView):
    """Cards, not a table; no export. Invalid filters give an empty result with a message."""

    public = True
    model = Enterprise
    filterset_class = EnterpriseFilter
    table_class = None
    context_object_name = "enterprises"
    paginate_by = PAGE_SIZE
    template_name = "enterprises/showcase.html"
    partial_template_name = "enterprises/partials/showcase_results.html"

    def get_queryset(self):
        return showcase_queryset(self.request.user).order_by("name", "pk")

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        filterset.public_list = True  # every visitor gets every municipality (``impactportal.filters``)
        return filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fields"] = [context["filter"].form[name] for name in PUBLIC_FILTERS]
        context["may_register"] = access.may_register_enterprise(self.request.user)
        return context


def showcase_detail(request, pk):
    queryset = showcase_queryset(request.user).prefetch_related(
        "sdgs", Prefetch("offerings", queryset=Offering.objects.select_related("category")))
    enterprise = access.get_object_or_404(request.user, queryset.filter(SHOWCASE), access.VIEW, pk=pk)
    from .measurement.views import impact_context

    return render(request, "enterprises/showcase_detail.html",
                  {"object": enterprise, "impact": impact_context(request.user, enterprise, public=True)})


def connect_cache_invalidation():
    """Anything a showcase page shows changes the showcase's cache version (``impactportal.ui.cache``)."""
    from .models import ImpactIndicator, ImpactMeasurement, ImpactTheme, OfferingCategory, Sdg

    cache.bump_on_change("showcase", Enterprise, Offering, Certification, ImpactTheme, OfferingCategory, Sdg,
                         ImpactMeasurement, ImpactIndicator, Enterprise.themes.through, Enterprise.sdgs.through)
