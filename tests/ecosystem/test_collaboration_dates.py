"""A regional collaboration and its agreements, edited in the admin only, get the date rules the
other ecosystem models have: a start or a signing not in the future, no date before 1990 (a typo
of the year), an agreement not valid until a day before it was signed. Through ``full_clean``, as
the admin validates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecosystem.models_coalitions import Collaboration, CollaborationAgreement

pytestmark = pytest.mark.django_db

FUTURE_START = "Deze startdatum ligt in de toekomst. Kies vandaag of een eerdere datum."
FUTURE_SIGNING = "Deze datum van ondertekening ligt in de toekomst. Kies vandaag of een eerdere datum."
BEFORE_1990 = "Vul een datum in vanaf 01-01-1990; controleer het jaar."
# Named with the fields' labels as the admin shows them ("Getekend op", capitalised).
BEFORE_SIGNING = "'Geldig tot en met' ligt vóór 'Getekend op'. Kies een datum op of na de datum van ondertekening."


def errors(obj) -> dict:
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    return error.value.message_dict


@pytest.fixture
def collaboration(region):
    return Collaboration.objects.create(region=region, theme="sroi_rules", title="SROI Zuid-Kennemerland")


def test_a_collaboration_has_not_started_in_the_future_nor_before_1990(region):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert errors(Collaboration(region=region, theme="sroi_rules", title="S", started_on=tomorrow)) == {
        "started_on": [FUTURE_START]}
    assert errors(Collaboration(region=region, theme="sroi_rules", title="S", started_on=dt.date(1989, 12, 31))) == {
        "started_on": [BEFORE_1990]}
    for day in (timezone.localdate(), dt.date(1990, 1, 1), None):
        Collaboration(region=region, theme="sroi_rules", title="S", started_on=day).full_clean()


def test_an_agreement_is_not_signed_in_the_future_nor_before_1990(collaboration):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert errors(CollaborationAgreement(collaboration=collaboration, title="A", signed_on=tomorrow)) == {
        "signed_on": [FUTURE_SIGNING]}
    assert errors(CollaborationAgreement(collaboration=collaboration, title="A", signed_on=dt.date(202, 4, 4))) == {
        "signed_on": [BEFORE_1990]}
    assert errors(CollaborationAgreement(collaboration=collaboration, title="A", valid_until=dt.date(1800, 1, 1))) \
        == {"valid_until": [BEFORE_1990]}
    CollaborationAgreement(collaboration=collaboration, title="A", signed_on=timezone.localdate()).full_clean()


def test_an_agreement_is_valid_from_its_signing_on(collaboration):
    signed = dt.date(2024, 4, 4)
    agreement = CollaborationAgreement(collaboration=collaboration, title="A", signed_on=signed,
                                       valid_until=signed - dt.timedelta(days=1))
    assert errors(agreement) == {"valid_until": [BEFORE_SIGNING]}
    for until in (signed, dt.date(2099, 12, 31)):  # valid until a day in the future is what it is for
        CollaborationAgreement(collaboration=collaboration, title="A", signed_on=signed, valid_until=until).full_clean()
    # Either date alone is fine.
    CollaborationAgreement(collaboration=collaboration, title="A", valid_until=dt.date(2030, 1, 1)).full_clean()
    CollaborationAgreement(collaboration=collaboration, title="A", signed_on=signed).full_clean()
