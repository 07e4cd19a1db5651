from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Everything under /api/v1/financing/… (fixed once landed, see the financing issue); each part
# registers its viewsets in its own section.
# --- MKBA analyses ---
# --- outcome contracts, claims, payments, social impact bonds, open data ---
from . import outcomes as _outcomes  # noqa: E402

router.register("financing/outcome-contracts", _outcomes.OutcomeContractViewSet, basename="financing-outcome-contracts")
router.register("financing/claims", _outcomes.ClaimViewSet, basename="financing-claims")
router.register("financing/payments", _outcomes.PaymentViewSet, basename="financing-payments")
# GET /api/v1/financing/open-data/ (an action, not a list of rows: one document)
router.register("financing", _outcomes.OpenDataViewSet, basename="financing-open-data")
# --- instruments, financing mix, impact funds ---
