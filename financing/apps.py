from django.utils.translation import gettext_lazy as _

from impactportal import contributions
from impactportal.contributions import NavItem, Panel  # noqa: F401


class FinancingConfig(contributions.PortalAppConfig):
    """Financing with impact (issue 11). Each part adds its menu items, dashboard panels and demo
    data in its own section below."""

    name = "financing"
    verbose_name = _("Financiering")
    navigation = [
        # --- MKBA analyses ---
        NavItem(_("MKBA-analyses"), "financing:mkba-list",
                (*contributions.STAFF, contributions.access.ENTREPRENEUR), order=500),
        # --- outcome contracts, claims, payments, social impact bonds, open data ---
        # --- instruments, financing mix, impact funds ---
    ]
    seed_order = 250  # after the register and procurement: analyses refer to enterprises and contracts

    def seed_reference(self, *, ref):
        from .seeding import seed_reference

        return seed_reference(ref=ref)

    def dashboard_panels(self):
        panels = []
        # --- MKBA analyses ---
        # --- outcome contracts, claims, payments, social impact bonds, open data ---
        # --- instruments, financing mix, impact funds ---
        return panels
