from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .contributions import ALL_ROLES, ANONYMOUS, NavItem


class ImpactportalConfig(AppConfig):
    name = "impactportal"
    verbose_name = _("Impactportaal")
    navigation = [
        NavItem(_("Start"), "home", (ANONYMOUS,), order=0),
        NavItem(_("Dashboard"), "dashboard", ALL_ROLES, order=10),
    ]

    def ready(self):
        from . import audit
        from .api.fields import use_plain_messages
        from .ui import tables

        audit.register_app(self)
        use_plain_messages()
        tables.install()
