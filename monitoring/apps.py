from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring en rapportage")

    def ready(self):
        from impactportal import audit

        audit.register_app(self)
