"""Undoing the end of a letting while the property is allocated to another enterprise at the same
moment (``services_realestate.reopen_letting`` and ``allocate``): both lock the property's row
first, so one waits for the other and re-checks what the first left. The property never ends up
with two current lettings."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecosystem import services_realestate as services
from ecosystem.models import Allocation
from ecosystem.models_realestate import CURRENT
from tests import factories as f
from tests.ecosystem.test_letting_end_22 import allocate

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(3))
def test_undo_and_a_new_allocation_at_once_leave_one_current_letting(race, haarlem, enterprise_haarlem,
                                                                     broker_haarlem, monkeypatch, attempt):
    day, real = dt.date(2026, 9, 15), timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, *args, **kwargs: (
        day if value is None else real(value, *args, **kwargs)))
    prop = f.property_of(haarlem, name="Werkplaats Ripperda", available_from=dt.date(2026, 1, 1))
    first = allocate(prop, f.space_request_of(enterprise_haarlem, purpose="Fietswerkplaats"), broker_haarlem)
    services.end_letting(allocation=first, by=broker_haarlem, ended_on=dt.date(2026, 9, 1), reason="vergissing")
    newcomer = f.space_request_of(f.EnterpriseFactory(name="Kringloop Schalkwijk", municipality=haarlem),
                                  purpose="Kringloopwinkel", start_date=dt.date(2026, 10, 1))

    def act(i):
        by = type(broker_haarlem).objects.get(pk=broker_haarlem.pk)
        if i == 0:
            return services.reopen_letting(allocation=Allocation.objects.get(pk=first.pk), by=by).pk
        return allocate(prop, newcomer, by, start_date=dt.date(2026, 10, 1)).pk

    results = race(2, act)
    assert sum(ok for ok, _ in results) == 1, results
    assert all(isinstance(error, ValidationError) for ok, error in results if not ok), results
    assert Allocation.objects.filter(CURRENT, property=prop).count() == 1
