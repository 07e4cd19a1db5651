from rest_framework.routers import DefaultRouter

from ..helpdesk import api as helpdesk
from . import views

router = DefaultRouter()
router.register("broker-teams", views.BrokerTeamViewSet)
router.register("mandates", views.MandateViewSet)
router.register("budget-lines", views.BudgetLineViewSet)
router.register("helpdesk/cases", helpdesk.CaseViewSet, basename="helpdesk-case")
router.register("knowledge/instruments", helpdesk.InstrumentViewSet, basename="knowledge-instrument")
