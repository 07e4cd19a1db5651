from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinancingConfig(AppConfig):
    name = "financing"
    verbose_name = _("Financiering")

    def ready(self):
        from impactportal import audit

        audit.register_app(self)
