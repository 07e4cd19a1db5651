from django.utils.translation import gettext_lazy as _

from impactportal import access, contributions
from impactportal.contributions import NavItem

MONITORING = _("Monitoring")  # the menu group of this app's pages
READERS = (access.BROKER, access.COLLEAGUE, access.STEERING)


class MonitoringConfig(contributions.PortalAppConfig):
    """Monitoring and reports (issue 14): indicator snapshots, targets, PDF reports, the steering group."""

    name = "monitoring"
    verbose_name = _("Monitoring en rapportage")
    navigation = [
        NavItem(_("Indicatoren"), "monitoring:dashboard", READERS, order=600, group=MONITORING),
        NavItem(_("Rapporten"), "monitoring:report-list", (*READERS, access.ENTREPRENEUR), order=601,
                group=MONITORING),
        NavItem(_("Stuurgroep"), "monitoring:steering", (access.STEERING,), order=602, group=MONITORING,
                personal=True),  # lists only the user's own steering groups
    ]
    seed_order = 900  # after every app whose figures it measures

    def seed_reference(self, *, ref):
        from .seeding import seed_reference

        return seed_reference(ref=ref)

    def dashboard_panels(self):
        from impactportal.contributions import Panel

        from .dashboard import steering_figures

        return [Panel(access.STEERING, "monitoring/dashboard_steering.html", steering_figures, order=10)]
