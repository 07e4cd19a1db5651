from rest_framework.routers import DefaultRouter

from ..helpdesk import api as helpdesk
from . import views

router = DefaultRouter()
router.register("broker-teams", views.BrokerTeamViewSet)
router.register("mandates", views.MandateViewSet)
router.register("budget-lines", views.BudgetLineViewSet)
router.register("helpdesk/cases", helpdesk.CaseViewSet, basename="helpdesk-case")
router.register("knowledge/instruments", helpdesk.InstrumentViewSet, basename="knowledge-instrument")

# --- the team workspace (issue 13) ---
from . import toolbox  # noqa: E402

router.register("toolbox/modules", toolbox.ModuleViewSet, basename="toolbox-module")
router.register("toolbox/answers", toolbox.AnswerViewSet, basename="toolbox-answer")
router.register("brokers/teams", toolbox.TeamViewSet, basename="brokers-team")
router.register("brokers/actions", toolbox.ActionViewSet, basename="brokers-action")
router.register("brokers/spending", toolbox.SpendingViewSet, basename="brokers-spending")
