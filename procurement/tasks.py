"""Celery tasks of procurement: thin wrappers that call services (see ``services`` and the part modules)."""

from celery import shared_task  # noqa: F401

# --- contracts, realisations, contacts ---


@shared_task
def refresh_contract_statuses(today: str | None = None) -> int:
    """Daily: statuses move with the calendar (a contract falls behind as time passes)."""
    import datetime as dt

    from django.utils import timezone

    from .services import refresh_statuses

    return refresh_statuses(today=dt.date.fromisoformat(today) if today else timezone.localdate())


# --- matching and meetings (certificate lapse warnings) ---

# --- purchase requests and challenges ---

# --- figures and payments ---
