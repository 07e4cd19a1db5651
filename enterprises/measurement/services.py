"""Saving an enterprise's impact measurement: atomic, audited, on the locked enterprise row after
checking the acting user may keep its measurement (its municipality's brokers, its entrepreneurs)."""

from django.db import transaction

from impactportal import access
from impactportal.audit import acting_as

from .models import ImpactMeasurement


@transaction.atomic
def measurement_save(*, enterprise, by, measurement, indicators=(), deleted=()) -> ImpactMeasurement:
    """Store ``measurement`` (new or changed) with its ``indicators`` (instances to save) and
    remove the ``deleted`` ones. Each figure is what the enterprise declares; nothing is verified."""
    enterprise = access.require_locked(by, "impact", enterprise)
    with acting_as(by):
        measurement.enterprise = enterprise
        measurement.updated_by = by
        measurement.full_clean()
        measurement.save()
        for indicator in deleted:
            if indicator.pk and indicator.measurement_id == measurement.pk:
                indicator.delete()
        for order, indicator in enumerate(indicators):
            indicator.measurement = measurement
            indicator.order = order
            indicator.full_clean()
            indicator.save()
    return measurement
