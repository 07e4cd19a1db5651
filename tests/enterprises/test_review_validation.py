"""Validation after the second user review: every problem of an enterprise at once, counts that
need a headcount, and contact moments that record what happened (not what is planned)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from enterprises.models import ContactMoment

pytestmark = pytest.mark.django_db


def errors_of(obj) -> dict:
    with pytest.raises(ValidationError) as caught:
        obj.full_clean()
    return caught.value.message_dict


def test_an_enterprise_reports_the_counts_and_the_founding_year_together(enterprise_haarlem):
    """The founding year 2099 was reported only after the counts were fixed."""
    enterprise_haarlem.headcount, enterprise_haarlem.disadvantaged_count = 3, 7
    enterprise_haarlem.founding_year = timezone.localdate().year + 73
    assert {"disadvantaged_count", "founding_year"} <= set(errors_of(enterprise_haarlem))


def test_employees_with_a_distance_need_a_headcount(enterprise_haarlem):
    """"— (waarvan 7 met afstand tot de arbeidsmarkt)" was saved without a headcount."""
    enterprise_haarlem.headcount, enterprise_haarlem.disadvantaged_count = None, 7
    assert "7" in errors_of(enterprise_haarlem)["headcount"][0]
    enterprise_haarlem.headcount = 12
    enterprise_haarlem.full_clean()


@pytest.mark.parametrize(("days", "refused"), [(1, True), (3650, True), (0, False), (-30, False)])
def test_a_contact_moment_cannot_lie_ahead(haarlem, enterprise_haarlem, broker_haarlem, days, refused):
    moment = ContactMoment(organisation=haarlem, enterprise=enterprise_haarlem, owner=broker_haarlem,
                           kind="conversation", subject="Intake", date=timezone.localdate() + dt.timedelta(days=days))
    if refused:
        assert "date" in errors_of(moment)
    else:
        moment.full_clean()


@pytest.mark.parametrize(("address", "postcode", "city", "written"), [
    ("Oudeweg 12", "2031 CC", "Haarlem", "Oudeweg 12, 2031 CC Haarlem"),
    ("", "2011 AB", "", "2011 AB"),  # read ", 2011 AB"
    ("Oudeweg 12", "", "Haarlem", "Oudeweg 12, Haarlem"),
    ("", "", "", ""),
])
def test_the_address_is_written_with_the_parts_that_are_filled_in(enterprise_haarlem, address, postcode, city,
                                                                   written):
    enterprise_haarlem.address, enterprise_haarlem.postcode, enterprise_haarlem.city = address, postcode, city
    assert enterprise_haarlem.postal_address == written


def test_a_stored_contact_moment_with_a_later_date_stays_editable(haarlem, enterprise_haarlem, broker_haarlem):
    later = timezone.localdate() + dt.timedelta(days=30)
    moment = ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, owner=broker_haarlem,
                                          kind="conversation", subject="Intake", date=later)
    moment.subject = "Intake, verslag bijgewerkt"
    moment.full_clean()  # its date stays: editable
    moment.date = later + dt.timedelta(days=1)
    assert "date" in errors_of(moment)


def test_an_enterprise_stored_without_a_headcount_stays_editable(enterprise_haarlem):
    type(enterprise_haarlem).objects.filter(pk=enterprise_haarlem.pk).update(headcount=None, disadvantaged_count=7)
    enterprise_haarlem.refresh_from_db()
    enterprise_haarlem.description = "Nieuwe omschrijving"
    enterprise_haarlem.full_clean()  # its counts stay as stored
    enterprise_haarlem.disadvantaged_count = 8
    assert "headcount" in errors_of(enterprise_haarlem)
