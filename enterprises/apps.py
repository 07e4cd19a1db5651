from django.utils.translation import gettext_lazy as _

from impactportal import access, contributions
from impactportal.contributions import DESK, HOME, NO_ROLE, NavItem, Panel

ENTREPRENEURS = _("Ondernemers")  # the menu group of the register, contact moments and showcase


class EnterprisesConfig(contributions.PortalAppConfig):
    name = "enterprises"
    verbose_name = _("Impactondernemingen")
    # One menu group for the desk's staff, the register first; a visitor, an entrepreneur or the
    # steering group sees only the showcase of it, and so the showcase itself.
    navigation = [
        NavItem(_("Register"), "enterprises:register", DESK, order=101, group=ENTREPRENEURS),
        NavItem(_("Contactmomenten"), "enterprises:contact-list", (access.BROKER, access.PARTNER), order=102,
                group=ENTREPRENEURS),
        NavItem(_("Etalage"), "etalage", order=103, group=ENTREPRENEURS),
        # Personal: the administrator represents no enterprise and may register none.
        NavItem(_("Mijn onderneming"), "enterprises:mine", (access.ENTREPRENEUR, NO_ROLE), order=130, personal=True),
    ]
    seed_order = 100  # the other apps' demo data refers to enterprises

    def ready(self):
        super().ready()
        from . import showcase

        showcase.connect_cache_invalidation()
        from impactportal.ui.widgets import cache_choices_of

        from .models import ImpactTheme, OfferingCategory, Sdg

        cache_choices_of(ImpactTheme, OfferingCategory, Sdg)

    def dashboard_panels(self):
        from . import dashboard

        return [
            Panel(HOME, "enterprises/dashboard/home_showcase.html", dashboard.showcase_count, order=10),
            Panel(access.BROKER, "enterprises/dashboard/broker.html", dashboard.broker_figures, order=10),
            Panel(access.BROKER, "enterprises/dashboard/follow_ups.html", dashboard.follow_ups, order=5),
            Panel(access.PARTNER, "enterprises/dashboard/follow_ups.html", dashboard.follow_ups, order=5),
            Panel(access.COLLEAGUE, "enterprises/dashboard/colleague.html", dashboard.colleague_showcase, order=20),
            Panel(access.ENTREPRENEUR, "enterprises/dashboard/entrepreneur.html", dashboard.own_enterprises,
                  order=10),
        ]
