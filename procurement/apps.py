from django.utils.translation import gettext_lazy as _

from impactportal import access, contributions
from impactportal.contributions import NavItem, Panel  # noqa: F401

# One menu group for social return and the purchase requests, in the order they are needed: the
# staff's contracts first, the rule sets last; the open questions to the market (for everyone) after
# them, so that a visitor sees these first.
PROCUREMENT = _("Inkoop")
# The procurement rows bound to a department (inkoop): a colleague's procurement tiles show to those
# whose access reaches them (``Panel.model``).
PROCUREMENT_DEPARTMENT = "procurement.SupplierPayment"

class ProcurementConfig(contributions.PortalAppConfig):
    name = "procurement"
    verbose_name = _("Inkoop en social return")
    navigation = [
        # --- contracts, realisations, contacts ---
        NavItem(_("SROI-contracten"), "procurement:contract-list", contributions.SROI_STAFF, order=150,
                group=PROCUREMENT),
        NavItem(_("Mijn SROI-contracten"), "procurement:my-contracts", (access.ENTREPRENEUR, contributions.NO_ROLE),
                order=151, group=PROCUREMENT),
        # --- matching and meetings ---
        NavItem(_("Matchgesprekken"), "procurement:meeting-list", contributions.STAFF, order=152, group=PROCUREMENT),
        # --- purchase requests and challenges ---
        # Every request in every status, with its responses: the staff who post them.
        NavItem(_("Inkoopvragen beheren"), "procurement:request-list", contributions.STAFF, order=153,
                group=PROCUREMENT),
        # --- figures and payments ---
        NavItem(_("Inkoopcijfers"), "procurement:figures", contributions.SROI_STAFF, order=154, group=PROCUREMENT),
        # Brokers and the colleagues of the payments' department (inkoop), as the pages allow.
        NavItem(_("Betalingen aan leveranciers"), "procurement:payment-list", contributions.STAFF, order=155,
                group=PROCUREMENT, model="procurement.SupplierPayment"),
        # --- rule sets ---
        NavItem(_("SROI-regelingen"), "procurement:rule-set-list", contributions.SROI_STAFF, order=156,
                group=PROCUREMENT),
        # --- purchase requests and challenges: the public market, for everyone ---
        NavItem(_("Inkoopvragen"), "procurement:request-public-list", order=160, group=PROCUREMENT),
        NavItem(_("Impactchallenges"), "procurement:challenge-list", order=165, group=PROCUREMENT),
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
            broker_to_verify,
            colleague_behind_schedule,
            colleague_to_verify,
            regional_behind_schedule,
            regional_to_verify,
        )

        panels.append(Panel(access.BROKER, "procurement/contracts/dashboard_to_verify.html", broker_to_verify,
                            order=39))
        panels.append(Panel(access.BROKER, "procurement/contracts/dashboard_broker.html", behind_schedule, order=40))
        panels.append(Panel(access.SROI_COORDINATOR, "procurement/contracts/dashboard_to_verify.html",
                            regional_to_verify, order=30))
        panels.append(Panel(access.SROI_COORDINATOR, "procurement/contracts/dashboard_broker.html",
                            regional_behind_schedule, order=40))
        # A procurement colleague follows the organisation's contracts: behind schedule, reported
        # and not yet verified. Only the colleagues whose access reaches the procurement
        # department's rows (inkoop): a real-estate colleague cannot act on contracts.
        panels.append(Panel(access.COLLEAGUE, "procurement/contracts/dashboard_broker.html",
                            colleague_behind_schedule, order=12, model=PROCUREMENT_DEPARTMENT))
        panels.append(Panel(access.COLLEAGUE, "procurement/contracts/dashboard_to_verify.html",
                            colleague_to_verify, order=13, model=PROCUREMENT_DEPARTMENT))
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
                            dashboard_figures.colleague_payments, order=14, model=PROCUREMENT_DEPARTMENT))
        return panels
