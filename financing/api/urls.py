from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Everything under /api/v1/financing/… (fixed once landed, see the financing issue); each part
# registers its viewsets in its own section.
# --- MKBA analyses ---
from . import mkba as _mkba  # noqa: E402

router.register("financing", _mkba.CalculationViewSet, basename="financing-calculation")  # POST financing/mkba/
router.register("financing/analyses", _mkba.AnalysisViewSet, basename="financing-analyses")
# --- outcome contracts, claims, payments, social impact bonds, open data ---
from . import outcomes as _outcomes  # noqa: E402

router.register("financing/outcome-contracts", _outcomes.OutcomeContractViewSet, basename="financing-outcome-contracts")
router.register("financing/claims", _outcomes.ClaimViewSet, basename="financing-claims")
router.register("financing/payments", _outcomes.PaymentViewSet, basename="financing-payments")
# GET /api/v1/financing/open-data/ (an action, not a list of rows: one document)
router.register("financing", _outcomes.OpenDataViewSet, basename="financing-open-data")
# --- instruments, financing mix, impact funds ---
from .instruments import FinancingInstrumentViewSet, FinancingNeedViewSet, ImpactFundViewSet  # noqa: E402

router.register("financing/instruments", FinancingInstrumentViewSet, basename="financing-instruments")
router.register("financing/needs", FinancingNeedViewSet, basename="financing-needs")
router.register("financing/funds", ImpactFundViewSet, basename="financing-funds")
