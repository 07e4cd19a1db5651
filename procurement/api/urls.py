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
# --- figures and payments ---
