from rest_framework.routers import DefaultRouter

from . import rule_sets

router = DefaultRouter()
# Everything under /api/v1/procurement/… (fixed once landed, see the procurement issue); each part
# registers its viewsets in its own section.
# --- rule sets ---
router.register("procurement/rule-sets", rule_sets.RuleSetViewSet, basename="procurement-rule-sets")
# --- contracts, realisations, contacts ---
from .contracts import ContractViewSet, RealisationViewSet  # noqa: E402

router.register("procurement/contracts", ContractViewSet, basename="procurement-contracts")
router.register("procurement/realisations", RealisationViewSet, basename="procurement-realisations")
# --- purchase requests and challenges ---
from . import challenges as _challenges  # noqa: E402
from . import requests as _requests  # noqa: E402

router.register("procurement/requests", _requests.PurchaseRequestViewSet, basename="procurement-requests")
router.register("procurement/responses", _requests.ResponseViewSet, basename="procurement-responses")
router.register("procurement/challenges", _challenges.ChallengeViewSet, basename="procurement-challenges")
# --- figures and payments ---
from .figures import FiguresViewSet, SupplierPaymentViewSet  # noqa: E402

router.register("procurement", FiguresViewSet, basename="procurement-figures")
router.register("procurement/payments", SupplierPaymentViewSet, basename="procurement-payments")
