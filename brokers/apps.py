from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrokersConfig(AppConfig):
    name = "brokers"
    verbose_name = _("Makelaarsteams en ondernemersdienstverlening")

    def ready(self):
        from impactportal import audit

        audit.register_app(self)
