from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("parties", views.PartyViewSet)
router.register("regional-agreements", views.RegionalAgreementViewSet)
# --- bottlenecks and best practices ---
from .bottlenecks import BottleneckViewSet  # noqa: E402

router.register("bottlenecks", BottleneckViewSet, basename="bottleneck")
# --- ecosystem map, coalitions, collaboration, real estate, events (issue 12) ---
from .realestate import (  # noqa: E402
    AllocationViewSet,
    CoalitionViewSet,
    CollaborationViewSet,
    EcosystemMapViewSet,
    EventViewSet,
    PropertyViewSet,
    SpaceRequestViewSet,
)

# Under /api/v1/ecosystem/ as issue 12 names them; /api/v1/parties/ stays for existing clients.
router.register("ecosystem/parties", views.PartyViewSet, basename="ecosystem-party")
router.register("ecosystem/maps", EcosystemMapViewSet, basename="ecosystem-map")
router.register("ecosystem/coalitions", CoalitionViewSet, basename="ecosystem-coalition")
router.register("ecosystem/collaborations", CollaborationViewSet, basename="ecosystem-collaboration")
router.register("ecosystem/properties", PropertyViewSet, basename="ecosystem-property")
router.register("ecosystem/space-requests", SpaceRequestViewSet, basename="ecosystem-space-request")
router.register("ecosystem/allocations", AllocationViewSet, basename="ecosystem-allocation")
router.register("ecosystem/events", EventViewSet, basename="ecosystem-event")
