"""``/api/v1/``: one router composed of the routers of every app."""

from csp.decorators import csp_update
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from brokers.api.urls import router as brokers_router
from ecosystem.api.urls import router as ecosystem_router
from enterprises.api.urls import router as enterprises_router
from impactportal.accounts.api.urls import router as accounts_router
from impactportal.accounts.api.views import MeView

from .auth import ObtainTokenView


class PortalRouter(DefaultRouter):
    """The browsable root lists every resource of every app."""


router = PortalRouter()
for app_router in (accounts_router, brokers_router, enterprises_router, ecosystem_router):
    router.registry.extend(app_router.registry)

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("me/", MeView.as_view(), name="api-me"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI sets inline styles from its own script; allow them on this page only.
    path("docs/", csp_update({"style-src": ["'unsafe-inline'"]})(
        SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    *router.urls,
]
