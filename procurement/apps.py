from django.utils.translation import gettext_lazy as _

from impactportal import contributions


class ProcurementConfig(contributions.PortalAppConfig):
    name = "procurement"
    verbose_name = _("Inkoop en social return")
    navigation = []
    seed_order = 200  # after the register: contracts and requests refer to enterprises
