from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("broker-teams", views.BrokerTeamViewSet)
router.register("mandates", views.MandateViewSet)
router.register("budget-lines", views.BudgetLineViewSet)
