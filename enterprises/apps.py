from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Impactondernemingen")

    def ready(self):
        from impactportal import audit

        audit.register_app(self)
