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
        from . import audit, filters
        from .api.fields import use_plain_messages
        from .ui import tables

        audit.register_app(self)
        use_plain_messages()
        tables.install()
        filters.install()
        self._connect_caches()

    @staticmethod
    def _connect_caches():
        """The home page (cached for visitors with the showcase) also counts municipalities and
        lists programmes with their participants; the core's reference lists fill drop-downs;
        every dashboard shows figures of every app; every page header the unread count."""
        from .accounts.models import Organisation, Programme, Region
        from .models import Notification
        from .ui import dashboard
        from .ui.cache import bump_on_change
        from .ui.context_processors import UNREAD_NAMESPACE
        from .ui.widgets import cache_choices_of

        bump_on_change("home", Organisation, Programme, Programme.participants.through)
        cache_choices_of(Organisation, Region)  # municipality and region drop-downs on every list
        dashboard.connect_cache()
        bump_on_change(UNREAD_NAMESPACE, Notification)  # the unread count in every page's header
