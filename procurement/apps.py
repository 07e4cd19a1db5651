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
        NavItem(_("Matchgesprekken"), "procurement:meeting-list", contributions.STAFF, order=420),
        # --- purchase requests and challenges ---
        # --- figures and payments ---
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
        # --- purchase requests and challenges ---
        # --- figures and payments ---
        return panels
