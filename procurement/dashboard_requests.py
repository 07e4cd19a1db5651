"""The entrepreneur's dashboard panel: open purchase requests in the categories their
enterprises offer (declared in apps.py)."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from enterprises.models import Enterprise, Offering

from .constants import RequestStatus
from .models import PurchaseRequest

PANEL_SIZE = 5


def fitting_requests(user):
    own = Enterprise.objects.for_user(user, "represent").values("pk")
    fits = Offering.objects.filter(enterprise__in=own, category=OuterRef("category"))
    requests = (PurchaseRequest.objects.for_user(user)
                .filter(Exists(fits), status=RequestStatus.OPEN, deadline__gte=timezone.localdate())
                .select_related("organisation", "category").order_by("deadline", "pk"))
    return {"requests": list(requests[:PANEL_SIZE]), "list_url": reverse("procurement:request-public-list")}
