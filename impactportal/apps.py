from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactportalConfig(AppConfig):
    name = "impactportal"
    verbose_name = _("Impactportaal")

    def ready(self):
        from . import audit

        audit.register_app(self)
