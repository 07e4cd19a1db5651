"""Audit trail: every create/update/delete of a domain model is logged by django-auditlog
(who, when, what changed). Apps call ``register_app`` in ``ready()``; the actor comes from
auditlog's middleware for requests and from ``acting_as`` for tasks and commands."""

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType

# Fields never copied into the audit log (secrets, or noise that changes on every login).
EXCLUDED_FIELDS = ["password", "last_login"]

acting_as = set_actor  # context manager: ``with acting_as(user): ...`` in tasks and commands


def register_app(app_config) -> None:
    for model in app_config.get_models():
        if getattr(model, "audit", True) and not auditlog.contains(model):
            # Reverse relations (an enterprise's memberships, offerings…) are not fields of the
            # row; auditlog would log them as "None" on every create.
            reverse = [f.name for f in model._meta.get_fields() if f.auto_created and not f.concrete]
            auditlog.register(model, exclude_fields=EXCLUDED_FIELDS + reverse)


def history_for(obj, limit: int = 50):
    """The newest audit entries of one object, for its detail page and API."""
    content_type = ContentType.objects.get_for_model(type(obj))
    return (
        LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk))
        .select_related("actor")
        .order_by("-timestamp")[:limit]
    )
