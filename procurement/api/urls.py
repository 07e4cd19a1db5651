from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Everything under /api/v1/procurement/… (fixed once landed, see the procurement issue); each part
# registers its viewsets in its own section.
# --- rule sets ---
# --- contracts, realisations, contacts ---
# --- purchase requests and challenges ---
from . import challenges as _challenges  # noqa: E402
from . import requests as _requests  # noqa: E402

router.register("procurement/requests", _requests.PurchaseRequestViewSet, basename="procurement-requests")
router.register("procurement/responses", _requests.ResponseViewSet, basename="procurement-responses")
router.register("procurement/challenges", _challenges.ChallengeViewSet, basename="procurement-challenges")
# --- figures and payments ---
