"""Celery tasks of procurement: thin wrappers that call services (see ``services`` and the part modules)."""

from celery import shared_task  # noqa: F401

# --- contracts, realisations, contacts ---

# --- matching and meetings (certificate lapse warnings) ---

# --- purchase requests and challenges ---

# --- figures and payments ---
