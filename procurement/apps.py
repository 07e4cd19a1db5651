from django.utils.translation import gettext_lazy as _

from impactportal import contributions
from impactportal.contributions import NavItem, Panel  # noqa: F401


class ProcurementConfig(contributions.PortalAppConfig):
    name = "procurement"
    verbose_name = _("Inkoop en social return")
    navigation = [
        # --- rule sets ---
        # --- contracts, realisations, contacts ---
        # --- matching and meetings ---
        # --- purchase requests and challenges ---
        # --- figures and payments ---
        NavItem(_("Inkoopcijfers"), "procurement:figures", contributions.STAFF, order=460),
    ]
    seed_order = 200  # after the register: contracts and requests refer to enterprises

    def seed_reference(self, *, ref):
        from .seeding import seed_reference

        return seed_reference(ref=ref)

    def dashboard_panels(self):
        panels = []
        # --- contracts, realisations, contacts ---
        # --- purchase requests and challenges ---
        # --- figures and payments ---
        from . import dashboard_figures

        panels.append(Panel("broker", "procurement/figures/dashboard_broker.html", dashboard_figures.broker_panel,
                            order=60))
        return panels
