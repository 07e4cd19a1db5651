"""``/api/v1/``: one router composed of the routers the apps declare (``AppConfig.api_router``)."""

from csp.decorators import csp_update
from django.urls import path
from django.utils import translation
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from impactportal.accounts.api.views import MeView
from impactportal.contributions import api_routers

from .auth import ObtainTokenView

router = DefaultRouter()  # its browsable root lists every resource of every app
for app_router in api_routers():
    router.registry.extend(app_router.registry)


class SchemaView(SpectacularAPIView):
    """The schema in English, whatever the request's language: its summaries and descriptions are
    written in English for client developers, and the labels and choices it takes from the models
    (Dutch by default) made a Dutch request's schema half of each. The API's answers and error
    messages still follow ``Accept-Language``."""

    def _get_schema_response(self, request):
        with translation.override("en"):
            response = super()._get_schema_response(request)
        response["Content-Language"] = "en"
        return response


urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("me/", MeView.as_view(), name="api-me"),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    # Swagger UI sets inline styles from its own script; allow them on this page only.
    path("docs/", csp_update({"style-src": ["'unsafe-inline'"]})(
        SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    *router.urls,
]
