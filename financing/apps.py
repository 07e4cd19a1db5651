from django.utils.translation import gettext_lazy as _

from impactportal import access, contributions
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
        NavItem(_("Uitkomstcontracten"), "financing:outcome-contract-list",
                (access.BROKER, access.ENTREPRENEUR), order=470),
        NavItem(_("SIB-haalbaarheid"), "financing:feasibility-list", (access.BROKER,), order=475),
        # --- instruments, financing mix, impact funds ---
        NavItem(_("Financieringsinstrumenten"), "financing:instrument-list", order=170),
        NavItem(_("Financieringsbehoeften"), "financing:need-list", (access.BROKER, access.ENTREPRENEUR), order=470),
        NavItem(_("Impactfondsen"), "financing:fund-list", (access.BROKER,), order=475),
        NavItem(_("Fondscijfers"), "financing:fund-figures", (access.STEERING,), order=480),
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
        from impactportal import access

        from .dashboard_instruments import entrepreneur_needs, steering_funds

        panels.append(Panel(access.ENTREPRENEUR, "financing/instruments/dashboard_entrepreneur.html",
                            entrepreneur_needs, order=35))
        panels.append(Panel(access.STEERING, "financing/funds/dashboard_steering.html", steering_funds, order=50))
        return panels
