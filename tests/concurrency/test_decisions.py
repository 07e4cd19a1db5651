"""Simultaneous decisions on one row: exactly one wins, the others see its outcome (issue 15
item 1). Each service locks its row and re-checks status and grant inside the transaction."""

import pytest
from django.core.exceptions import ValidationError

from brokers.constants import LinkRequestStatus
from brokers.helpdesk import signup
from brokers.models import EnterpriseLinkRequest
from enterprises import services
from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal.accounts.models import Membership
from impactportal.models import Notification
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_eight_decisions_on_one_link_request(race, enterprise_haarlem, ondernemer_1, broker_haarlem):
    requester = f.UserFactory(username="nieuwe-eigenaar")
    link = EnterpriseLinkRequest.objects.create(user=requester, enterprise=enterprise_haarlem)

    def decide(i):
        return signup.decide_link_request(link_request=link, approve=(i == 0), by=broker_haarlem,
                                          reason="Niet bekend bij de onderneming").status

    results = race(8, decide)
    winners = [r for ok, r in results if ok]
    losers = [r for ok, r in results if not ok]
    assert len(winners) == 1, results
    assert all(isinstance(e, ValidationError) for e in losers)
    link.refresh_from_db()
    has_membership = Membership.objects.filter(user=requester, enterprise=enterprise_haarlem).exists()
    assert (link.status == LinkRequestStatus.APPROVED) == has_membership
    assert Notification.objects.filter(recipient=requester).count() == 1


def test_simultaneous_admission_decisions(race, enterprise_haarlem, broker_haarlem):
    Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(admission_status=AdmissionStatus.UNDER_REVIEW)
    second = f.broker(enterprise_haarlem.municipality, "makelaar-2")

    def decide(i):
        return services.admission_decide(enterprise=enterprise_haarlem, by=(broker_haarlem, second)[i % 2],
                                         admit=i % 2 == 0, reasons="" if i % 2 == 0 else "Geen impactdoel").pk

    results = race(6, decide)
    assert sum(ok for ok, _ in results) == 1, results
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.admission_status in (AdmissionStatus.ADMITTED, AdmissionStatus.REJECTED)
