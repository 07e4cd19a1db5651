from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Everything under /api/v1/procurement/… (fixed once landed, see the procurement issue); each part
# registers its viewsets in its own section.
# --- rule sets ---
# --- contracts, realisations, contacts ---
# --- purchase requests and challenges ---
# --- figures and payments ---
from .figures import FiguresViewSet, SupplierPaymentViewSet  # noqa: E402

router.register("procurement", FiguresViewSet, basename="procurement-figures")
router.register("procurement/payments", SupplierPaymentViewSet, basename="procurement-payments")
