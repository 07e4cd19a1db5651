from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("parties", views.PartyViewSet)
router.register("regional-agreements", views.RegionalAgreementViewSet)
# --- bottlenecks and best practices ---
from .bottlenecks import BottleneckViewSet  # noqa: E402

router.register("bottlenecks", BottleneckViewSet, basename="bottleneck")
