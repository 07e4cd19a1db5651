"""The inbox's late badge names the deadline that passed: only a late first response said "te laat"
under "Uiterlijk opgelost", as if the resolution were late."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from brokers.models import Case

pytestmark = pytest.mark.django_db


def _badges(page: str, case_pk: int) -> list[str]:
    row = re.search(rf'<tr[^>]*>(?:(?!</tr>).)*value="{case_pk}"(?:(?!</tr>).)*</tr>', page, re.S).group(0)
    return re.findall(r'portal-badge--alert">([^<]*)<', row)


def test_late_first_response_is_not_called_a_late_resolution(login, broker_haarlem, make_case, ondernemer_1,
                                                              enterprise_haarlem):
    now = timezone.now()
    first_late = make_case(ondernemer_1, enterprise_haarlem, subject="Eerste reactie te laat")
    Case.objects.filter(pk=first_late.pk).update(first_response_at=None, first_response_due=now - dt.timedelta(hours=3),
                                                 resolution_due=now + dt.timedelta(days=5))
    resolution_late = make_case(ondernemer_1, enterprise_haarlem, subject="Oplossing te laat")
    Case.objects.filter(pk=resolution_late.pk).update(first_response_at=now - dt.timedelta(days=9),
                                                      first_response_due=now - dt.timedelta(days=8),
                                                      resolution_due=now - dt.timedelta(days=1))
    on_time = make_case(ondernemer_1, enterprise_haarlem, subject="Op tijd")
    Case.objects.filter(pk=on_time.pk).update(first_response_due=now + dt.timedelta(hours=3),
                                              resolution_due=now + dt.timedelta(days=5))

    page = login(broker_haarlem).get(reverse("helpdesk:inbox")).content.decode()

    assert _badges(page, first_late.pk) == ["eerste reactie te laat"]
    assert _badges(page, resolution_late.pk) == ["te laat"]
    assert _badges(page, on_time.pk) == []
