from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("monitoring/indicators", views.IndicatorViewSet, basename="monitoring-indicator")
router.register("monitoring/snapshots", views.SnapshotViewSet, basename="monitoring-snapshot")
router.register("monitoring/reports", views.ReportViewSet, basename="monitoring-report")
router.register("monitoring/reviews", views.ReviewViewSet, basename="monitoring-review")
