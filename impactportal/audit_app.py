"""django-auditlog under a Dutch name in the admin (its own catalogue has no Dutch: "AUDIT LOG"
headed the Dutch admin). Installed as ``impactportal.audit_app.AuditlogConfig``; the app label,
its tables and its start-up stay auditlog's own."""

from auditlog.apps import AuditlogConfig as _AuditlogConfig
from django.utils.translation import gettext_lazy as _


class AuditlogConfig(_AuditlogConfig):
    verbose_name = _("Wijzigingslog")
