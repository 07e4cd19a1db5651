from rest_framework.routers import DefaultRouter

from . import rule_sets

router = DefaultRouter()
# Everything under /api/v1/procurement/… (fixed once landed, see the procurement issue); each part
# registers its viewsets in its own section.
# --- rule sets ---
router.register("procurement/rule-sets", rule_sets.RuleSetViewSet, basename="procurement-rule-sets")
# --- contracts, realisations, contacts ---
# --- purchase requests and challenges ---
# --- figures and payments ---
