from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "impactportal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self):
        from impactportal import audit

        audit.register_app(self)
