from django.utils.translation import gettext_lazy as _

from impactportal import access, contributions
from impactportal.contributions import NavItem, Panel  # noqa: F401

FINANCING = _("Financiering")  # the menu group of this app's pages


class FinancingConfig(contributions.PortalAppConfig):
    """Financing with impact (issue 11). Each part adds its menu items, dashboard panels and demo
    data in its own section below."""

    name = "financing"
    verbose_name = _("Financiering")
    # One menu group, in the order a broker works: needs and instruments, analyses, contracts,
    # funds. The group stands where its first item would.
    navigation = [
        # --- instruments, financing mix, impact funds ---
        NavItem(_("Financieringsbehoeften"), "financing:need-list", (access.BROKER, access.ENTREPRENEUR), order=470,
                group=FINANCING),
        NavItem(_("Financieringsinstrumenten"), "financing:instrument-list", order=471, group=FINANCING),
        # --- MKBA analyses ---
        NavItem(_("MKBA-analyses"), "financing:mkba-list", (*contributions.STAFF, access.ENTREPRENEUR), order=472,
                group=FINANCING),
        # --- outcome contracts, claims, payments, social impact bonds, open data ---
        NavItem(_("Uitkomstcontracten"), "financing:outcome-contract-list", (access.BROKER, access.ENTREPRENEUR),
                order=473, group=FINANCING),
        NavItem(_("SIB-haalbaarheid"), "financing:feasibility-list", (access.BROKER,), order=474, group=FINANCING),
        # --- instruments, financing mix, impact funds ---
        NavItem(_("Impactfondsen"), "financing:fund-list", (access.BROKER,), order=475, group=FINANCING),
        NavItem(_("Fondscijfers"), "financing:fund-figures", (access.STEERING,), order=480, group=FINANCING),
    ]
    seed_order = 250  # after the register and procurement: analyses refer to enterprises and contracts

    def ready(self):
        super().ready()
        from .open_data import connect_cache_invalidation

        connect_cache_invalidation()  # the open-data document is cached until a contract changes

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
