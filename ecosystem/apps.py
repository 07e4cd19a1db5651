from django.utils.translation import gettext_lazy as _

from impactportal import access, contributions
from impactportal.contributions import STAFF, NavItem

ECOSYSTEM = _("Ecosysteem")  # the menu group of this app's staff pages

class EcosystemConfig(contributions.PortalAppConfig):
    """The smallest complete example of what an app contributes (see impactportal.contributions)."""

    name = "ecosystem"
    verbose_name = _("Ecosysteem en vastgoed")
    navigation = [
        NavItem(_("Regionale afspraken"), "ecosystem:agreement-list", STAFF, order=300, group=ECOSYSTEM),
        NavItem(_("Knelpunten"), "ecosystem:bottleneck-list", STAFF, order=304, group=ECOSYSTEM),
        NavItem(_("Knelpunten City Deal"), "ecosystem:bottleneck-overview", (access.STEERING,), order=305),
        NavItem(_("Partijen"), "ecosystem:party-list", order=310, group=ECOSYSTEM),
    ]
    seed_order = 300

    def seed_reference(self, *, ref):
        from .seeding import seed_parties

        return seed_parties(ref=ref)
