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
        self._cache_home_for_visitors()

    @staticmethod
    def _cache_home_for_visitors():
        """The home page (cached for visitors with the showcase) also counts municipalities and
        lists programmes with their participants."""
        from .accounts.models import Organisation, Programme
        from .ui.cache import bump_on_change

        bump_on_change("home", Organisation, Programme, Programme.participants.through)
