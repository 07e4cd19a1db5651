from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet)
router.register("regions", views.RegionViewSet)
router.register("programmes", views.ProgrammeViewSet)
