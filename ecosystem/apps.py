from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from impactportal.contributions import STAFF, NavItem


class EcosystemConfig(AppConfig):
    """The smallest complete example of what an app contributes (see impactportal.contributions)."""

    name = "ecosystem"
    verbose_name = _("Ecosysteem en vastgoed")
    navigation = [
        NavItem(_("Regionale afspraken"), "ecosystem:agreement-list", STAFF, order=300),
        NavItem(_("Partijen"), "ecosystem:party-list", order=310),
    ]
    seed_order = 300

    def ready(self):
        from impactportal import audit

        audit.register_app(self)

    def api_router(self):
        from .api.urls import router

        return router

    def seed_reference(self, *, ref):
        from .seeding import seed_parties

        return seed_parties(ref=ref)

    def seed_demo(self, *, size, ref, stdout):
        from .seeding import seed

        return seed(size=size, ref=ref, stdout=stdout)
