from django.utils.translation import gettext_lazy as _

from impactportal import access, contributions
from impactportal.contributions import NavItem, Panel  # noqa: F401

SOCIAL_RETURN = _("Social return")  # the menu group of this app's staff pages
# Purchase requests and challenges: the municipality's open questions to the market, for everyone.
MARKET = _("Opdrachten")

class ProcurementConfig(contributions.PortalAppConfig):
    name = "procurement"
    verbose_name = _("Inkoop en social return")
    navigation = [
        # --- rule sets ---
        NavItem(_("SROI-regelingen"), "procurement:rule-set-list", contributions.SROI_STAFF, order=400,
                group=SOCIAL_RETURN),
        # --- contracts, realisations, contacts ---
        NavItem(_("SROI-contracten"), "procurement:contract-list", contributions.SROI_STAFF, order=410,
                group=SOCIAL_RETURN),
        NavItem(_("Mijn SROI-contracten"), "procurement:my-contracts", (access.ENTREPRENEUR, contributions.NO_ROLE),
                order=415),
        # --- matching and meetings ---
        NavItem(_("Matchgesprekken"), "procurement:meeting-list", contributions.STAFF, order=420,
                group=SOCIAL_RETURN),
        # --- purchase requests and challenges ---
        NavItem(_("Inkoopvragen"), "procurement:request-public-list", order=160, group=MARKET),
        NavItem(_("Impactchallenges"), "procurement:challenge-list", order=165, group=MARKET),
        # Every request in every status, with its responses: the staff who post them.
        NavItem(_("Inkoopvragen beheren"), "procurement:request-list", contributions.STAFF, order=162, group=MARKET),
        # --- figures and payments ---
        NavItem(_("Inkoopcijfers"), "procurement:figures", contributions.SROI_STAFF, order=460, group=SOCIAL_RETURN),
        # Brokers and the colleagues of the payments' department (inkoop), as the pages allow.
        NavItem(_("Betalingen aan leveranciers"), "procurement:payment-list", contributions.STAFF, order=465,
                group=SOCIAL_RETURN, model="procurement.SupplierPayment"),
    ]
    seed_order = 200  # after the register: contracts and requests refer to enterprises

    def ready(self):
        super().ready()
        from enterprises.signals import certificates_checked

        from .services_matching import on_certificates_checked

        # SROI credit lapse warnings run right after the register's daily certificate job.
        certificates_checked.connect(on_certificates_checked, dispatch_uid="procurement-credit-lapses")

    def seed_reference(self, *, ref):
        from .seeding import seed_reference

        return seed_reference(ref=ref)

    def dashboard_panels(self):
        panels = []
        # --- contracts, realisations, contacts ---
        from .dashboard_contracts import (
            behind_schedule,
            colleague_behind_schedule,
            colleague_to_verify,
            regional_behind_schedule,
            regional_to_verify,
        )

        panels.append(Panel(access.BROKER, "procurement/contracts/dashboard_broker.html", behind_schedule, order=40))
        panels.append(Panel(access.SROI_COORDINATOR, "procurement/contracts/dashboard_to_verify.html",
                            regional_to_verify, order=30))
        panels.append(Panel(access.SROI_COORDINATOR, "procurement/contracts/dashboard_broker.html",
                            regional_behind_schedule, order=40))
        # A procurement (or other) colleague follows the organisation's contracts: behind schedule,
        # reported and not yet verified.
        panels.append(Panel(access.COLLEAGUE, "procurement/contracts/dashboard_broker.html",
                            colleague_behind_schedule, order=12))
        panels.append(Panel(access.COLLEAGUE, "procurement/contracts/dashboard_to_verify.html",
                            colleague_to_verify, order=13))
        # --- purchase requests and challenges ---
        from .dashboard_requests import fitting_requests

        panels.append(Panel(access.ENTREPRENEUR, "procurement/requests/dashboard.html", fitting_requests, order=30))
        # --- figures and payments ---
        from . import dashboard_figures

        panels.append(Panel("broker", "procurement/figures/dashboard_broker.html", dashboard_figures.broker_panel,
                            order=60))
        panels.append(Panel(access.SROI_COORDINATOR, "procurement/figures/dashboard_regional.html",
                            dashboard_figures.regional_panel, order=60))
        panels.append(Panel(access.COLLEAGUE, "procurement/figures/dashboard_payments.html",
                            dashboard_figures.colleague_payments, order=14))
        return panels
