"""Regressions the suite must catch (issue 15 item 11): an internal note's attachment saved as
public, and an entrepreneur deciding link requests."""

import pytest
from django.http import Http404
from django.urls import reverse

from brokers.helpdesk import services, signup
from brokers.models import CaseAttachment, EnterpriseLinkRequest
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership
from tests import factories as f

from .conftest import pdf

pytestmark = pytest.mark.django_db


def test_attachment_of_an_internal_note_is_internal_and_hidden_from_the_entrepreneur(
    login, api, case_haarlem, broker_haarlem, ondernemer_1
):
    client = login(broker_haarlem)
    response = client.post(reverse("helpdesk:case-reply", args=[case_haarlem.pk]),
                           {"body": "Alleen voor ons", "is_internal": "on", "attachment": pdf("intern.pdf")})
    assert response.status_code == 302
    attachment = CaseAttachment.objects.get(case=case_haarlem, message__is_internal=True)
    assert attachment.is_internal is True
    url = reverse("helpdesk:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 200  # staff still download it
    # The entrepreneur: 404 on the download, no trace on their page or in the API thread.
    own = login(ondernemer_1)
    assert own.get(url).status_code == 404
    page = own.get(reverse("helpdesk:my-case", args=[case_haarlem.pk])).content.decode()
    assert url not in page and "Alleen voor ons" not in page
    thread = api(ondernemer_1).get(f"/api/v1/helpdesk/cases/{case_haarlem.pk}/messages/").json()
    assert "Alleen voor ons" not in str(thread) and all(m["is_internal"] is False for m in thread)


def test_attachment_of_a_public_reply_is_public(login, case_haarlem, broker_haarlem, ondernemer_1):
    services.case_reply(case=case_haarlem, author=broker_haarlem, body="Zie bijlage", files=[pdf("antwoord.pdf")])
    attachment = CaseAttachment.objects.get(case=case_haarlem, message__body="Zie bijlage")
    assert attachment.is_internal is False
    assert login(ondernemer_1).get(reverse("helpdesk:attachment", args=[attachment.pk])).status_code == 200


@pytest.fixture
def link_request(enterprise_haarlem):
    return EnterpriseLinkRequest.objects.create(user=f.UserFactory(username="aanvrager"), enterprise=enterprise_haarlem)


@pytest.mark.parametrize("decider", ["ondernemer_1", "ondernemer_2", "inkoper_haarlem", "broker_amersfoort",
                                     "stuurgroep"])
def test_only_brokers_of_the_municipality_decide_link_requests(request, link_request, decider):
    user = request.getfixturevalue(decider)
    with pytest.raises(Http404):  # the request is outside their view: the service answers 404
        signup.decide_link_request(link_request=link_request, approve=True, by=user)
    link_request.refresh_from_db()
    assert link_request.status == "pending" and link_request.decided_by is None
    assert not Membership.objects.filter(user=link_request.user, role=Role.ENTREPRENEUR).exists()


def test_broker_of_the_municipality_decides_link_request(link_request, broker_haarlem):
    signup.decide_link_request(link_request=link_request, approve=True, by=broker_haarlem)
    link_request.refresh_from_db()
    assert link_request.decided_by == broker_haarlem
    assert Membership.objects.filter(user=link_request.user, role=Role.ENTREPRENEUR,
                                     enterprise=link_request.enterprise).exists()
