from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from impactportal import access
from impactportal.contributions import NavItem, Panel


class AccountsConfig(AppConfig):
    name = "impactportal.accounts"
    label = "accounts"
    verbose_name = _("Accounts en organisaties")
    # An organisation's functional administrators manage its staff here (``staff_views``): a link
    # next to their name in the page header, not one more entry of the main menu.
    navigation = [NavItem(pgettext_lazy("staff of an organisation", "Medewerkers"), "staff:member-list",
                          (access.FUNCTIONAL_ADMIN,), order=700, account=True)]

    def ready(self):
        from impactportal import audit

        audit.register_app(self)
        from . import two_factor

        two_factor.ready()
        from . import oidc

        oidc.ready()

    def api_router(self):
        from .api.urls import router

        return router

    def dashboard_panels(self):
        from .dashboard import steering_programmes

        return [Panel(access.STEERING, "accounts/dashboard/steering.html", steering_programmes, card=False)]
