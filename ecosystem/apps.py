from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EcosystemConfig(AppConfig):
    name = "ecosystem"
    verbose_name = _("Ecosysteem en vastgoed")

    def ready(self):
        from impactportal import audit

        audit.register_app(self)
