from django.shortcuts import render

from impactportal import access

from .filters import EnterpriseFilter
from .models import SHOWCASE, Enterprise


def showcase(request):
    """Public showcase (etalage): admitted, published enterprises. The enterprise-register
    issue extends this with themes, SDGs, certificates and offerings."""
    queryset = access.scope(request.user, Enterprise.objects.filter(SHOWCASE).select_related("municipality"))
    filterset = EnterpriseFilter(request.GET, queryset=queryset)
    enterprises = filterset.qs[:50] if filterset.is_valid() else queryset.none()
    return render(request, "enterprises/showcase.html", {"filter": filterset, "enterprises": enterprises})
