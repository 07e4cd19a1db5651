from django.utils.translation import gettext_lazy as _

from impactportal import access, contributions
from impactportal.contributions import STAFF, NavItem, Panel

ECOSYSTEM = _("Ecosysteem")  # the menu group of this app's staff pages
VASTGOED = _("Vastgoed")  # properties, space requests and allocations

class EcosystemConfig(contributions.PortalAppConfig):
    """The smallest complete example of what an app contributes (see impactportal.contributions)."""

    name = "ecosystem"
    verbose_name = _("Ecosysteem en vastgoed")
    navigation = [
        NavItem(_("Regionale afspraken"), "ecosystem:agreement-list", STAFF, order=300, group=ECOSYSTEM),
        NavItem(_("Ecosysteemkaarten"), "ecosystem:map-list", STAFF, order=301, group=ECOSYSTEM),
        NavItem(_("Impactcoalities"), "ecosystem:coalition-list", STAFF, order=302, group=ECOSYSTEM),
        NavItem(_("Regionale samenwerking"), "ecosystem:collaboration-overview", STAFF, order=303, group=ECOSYSTEM),
        NavItem(_("Knelpunten"), "ecosystem:bottleneck-list", STAFF, order=304, group=ECOSYSTEM),
        NavItem(_("Knelpunten City Deal"), "ecosystem:bottleneck-overview", (access.STEERING,), order=305),
        NavItem(_("Panden"), "ecosystem:property-list", order=306, group=VASTGOED),
        # Staff whose access reaches the rows: brokers and the real-estate colleagues, not inkoop.
        NavItem(_("Ruimtevragen"), "ecosystem:space-request-list", (*STAFF, access.ENTREPRENEUR), order=307,
                group=VASTGOED, model="ecosystem.SpaceRequest"),
        NavItem(_("Toewijzingen"), "ecosystem:allocation-list", STAFF, order=308, group=VASTGOED,
                model="ecosystem.Allocation"),
        NavItem(_("Partijen"), "ecosystem:party-list", order=310, group=ECOSYSTEM),
        NavItem(_("Bijeenkomsten"), "ecosystem:event-list", order=311, group=ECOSYSTEM),
    ]
    seed_order = 300

    def ready(self):
        super().ready()
        from impactportal.ui.cache import bump_on_change

        from .models import Party

        # The home page (cached for visitors) counts each programme's published parties.
        bump_on_change("home", Party, Party.programmes.through)

    def dashboard_panels(self):
        from .dashboard import realestate_figures

        # The real-estate colleague's own work (only colleagues whose access reaches vastgoed's rows).
        return [Panel(access.COLLEAGUE, "ecosystem/dashboard/realestate.html", realestate_figures, order=11,
                      model="ecosystem.SpaceRequest")]

    def seed_reference(self, *, ref):
        from .seeding import seed_parties

        return seed_parties(ref=ref)
