"""Linking an account to an enterprise in the register needs the municipality's confirmation.

A KvK number is public: a stranger who signed up with the number of an enterprise a broker had
registered became its entrepreneur (edit and publish the profile, see its SROI contracts, move it
to another municipality) and nobody was told. Now the sign-up asks the brokers of the
enterprise's municipality, who approve or reject (with a reason) on the enterprise's page."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from brokers.helpdesk import signup
from brokers.models import EnterpriseLinkRequest
from enterprises.constants import AdmissionStatus
from enterprises.models import Enterprise
from impactportal.accounts.models import Membership
from tests import factories as f
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db

FORM = {"first_name": "Vreemde", "last_name": "Snuffelaar", "email": "vreemd@example.org",
        "password1": "Een-lang-wachtwoord-2026", "password2": "Een-lang-wachtwoord-2026"}
PENDING = "Uw verzoek om uw account aan {} te koppelen wacht op bevestiging door de gemeente"


@pytest.fixture
def registered(haarlem, broker_haarlem):
    """An enterprise a broker registered and admitted: it has no entrepreneur yet."""
    enterprise = f.EnterpriseFactory(municipality=haarlem, kvk_number="87654321", name="Spaarne Schoon BV",
                                     admission_status=AdmissionStatus.ADMITTED)
    pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise,
                rule_set=pf.rule_set(organisation=haarlem))
    return enterprise


def _sign_up_and_verify(client, capture, kvk_number):
    with capture(execute=True):
        client.post(reverse("helpdesk:signup"), {**FORM, "kvk_number": kvk_number})
    link = re.search(r"http://\S+/aanmelden/bevestigen/\S+/", mail.outbox[-1].body).group(0)
    with capture(execute=True):
        return client.post(link.split("8000", 1)[1], {"password": FORM["password1"]}, follow=True)


def test_the_takeover_by_kvk_number_gives_no_access(client, registered, broker_haarlem, broker_amersfoort,
                                                    django_capture_on_commit_callbacks):
    page = _sign_up_and_verify(client, django_capture_on_commit_callbacks, registered.kvk_number)
    html = page.content.decode()
    assert "Uw account is gekoppeld" not in html and PENDING.format("Spaarne Schoon BV") in html
    stranger = EnterpriseLinkRequest.objects.get().user
    assert not Membership.objects.filter(user=stranger).exists()
    # No way into the enterprise: not its page, not its profile form, not its contracts.
    assert client.get(reverse("enterprises:mine-detail", args=[registered.pk])).status_code == 404
    assert client.get(reverse("enterprises:enterprise-update", args=[registered.pk])).status_code in (403, 404)
    contracts = client.get(reverse("procurement:my-contracts"))
    assert contracts.status_code == 200 and list(contracts.context["table"].data) == []
    # "Mijn onderneming" and the dashboard say what they wait for.
    assert PENDING.format("Spaarne Schoon BV") in client.get(reverse("enterprises:mine")).content.decode()
    assert PENDING.format("Spaarne Schoon BV") in client.get(reverse("dashboard")).content.decode()
    # The municipality's brokers are told, with a link to the enterprise's page; others are not.
    note = broker_haarlem.notifications.get(subject="Koppelverzoek voor Spaarne Schoon BV")
    assert note.url == reverse("enterprises:detail", args=[registered.pk]) + "#link-requests"
    assert any(m.to == [broker_haarlem.email] and "Koppelverzoek" in m.subject for m in mail.outbox)
    assert not broker_amersfoort.notifications.exists()


def test_a_request_says_the_same_whether_or_not_the_enterprise_has_an_owner(login, enterprise_haarlem, ondernemer_1,
                                                                            registered):
    """The answer names the enterprise (as the request does) but no longer tells whether
    somebody owns it already."""
    newcomer = f.UserFactory(username="nieuw")
    texts = []
    for enterprise in (enterprise_haarlem, registered):
        response = login(newcomer).post(reverse("helpdesk:link-enterprise"), {"kvk_number": enterprise.kvk_number},
                                        follow=True)
        texts.append(response.content.decode().replace(enterprise.name, "NAAM"))
    assert "al een eigenaar" not in texts[0] and PENDING.format("NAAM") in texts[0]
    assert PENDING.format("NAAM") in texts[1]
    assert not Membership.objects.filter(user=newcomer).exists()


def test_the_broker_approves_on_the_enterprise_page(client, login, registered, broker_haarlem,
                                                    django_capture_on_commit_callbacks):
    _sign_up_and_verify(client, django_capture_on_commit_callbacks, registered.kvk_number)
    link = EnterpriseLinkRequest.objects.get()
    broker = login(broker_haarlem)
    page = broker.get(reverse("enterprises:detail", args=[registered.pk])).content.decode()
    assert 'id="link-requests"' in page and "Vreemde Snuffelaar" in page
    assert reverse("helpdesk:link-request-decide", args=[link.pk]) in page
    dashboard = broker.get(reverse("dashboard")).content.decode()
    tile = dashboard.split('data-figure="link-requests"')[1].split("</a>")[0]
    assert '<span class="portal-figure">1</span>' in tile
    with django_capture_on_commit_callbacks(execute=True):
        response = broker.post(reverse("helpdesk:link-request-decide", args=[link.pk]),
                               {"decision": "approve", "return_to": "enterprise"})
    assert response.status_code == 302
    assert response.url == reverse("enterprises:detail", args=[registered.pk]) + "#link-requests"
    link.refresh_from_db()
    assert link.status == "approved" and link.decided_by == broker_haarlem and link.decided_at
    assert Membership.objects.filter(user=link.user, enterprise=registered, role="entrepreneur").exists()
    assert link.user.notifications.filter(subject="Uw koppelverzoek is bevestigd").exists()
    # The panel is gone; the entrepreneur now reaches the enterprise.
    assert 'id="link-requests"' not in broker.get(reverse("enterprises:detail", args=[registered.pk])).content.decode()
    assert login(link.user).get(reverse("enterprises:mine-detail", args=[registered.pk])).status_code == 200
    # Every change is in the audit trail.
    from auditlog.models import LogEntry
    entries = LogEntry.objects.get_for_object(link)
    assert entries.count() == 2 and entries.filter(actor=broker_haarlem).exists()


def test_the_broker_rejects_with_a_reason(client, login, registered, broker_haarlem,
                                          django_capture_on_commit_callbacks):
    _sign_up_and_verify(client, django_capture_on_commit_callbacks, registered.kvk_number)
    link = EnterpriseLinkRequest.objects.get()
    broker = login(broker_haarlem)
    url = reverse("helpdesk:link-request-decide", args=[link.pk])
    # A rejection without a reason is refused: the entrepreneur is to read why.
    assert broker.post(url, {"decision": "reject"}).status_code == 400
    link.refresh_from_db()
    assert link.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        assert broker.post(url, {"decision": "reject", "reason": "Niet bekend bij de onderneming"}).status_code == 302
    link.refresh_from_db()
    assert link.status == "rejected" and link.reason == "Niet bekend bij de onderneming"
    assert not Membership.objects.filter(user=link.user).exists()
    note = link.user.notifications.get(subject="Uw koppelverzoek is afgewezen")
    assert "Niet bekend bij de onderneming" in note.body
    # The account stays without an enterprise, and still reaches the helpdesk.
    requester = login(link.user)
    assert requester.get(reverse("enterprises:mine-detail", args=[registered.pk])).status_code == 404
    my_cases = requester.get(reverse("helpdesk:my-cases"))
    assert my_cases.status_code == 200 and "Niet bekend bij de onderneming" in my_cases.content.decode()
    assert PENDING.format("Spaarne Schoon BV") not in my_cases.content.decode()


def test_only_the_municipalitys_brokers_decide(client, login, registered, broker_amersfoort,
                                               django_capture_on_commit_callbacks):
    _sign_up_and_verify(client, django_capture_on_commit_callbacks, registered.kvk_number)
    link = EnterpriseLinkRequest.objects.get()
    url = reverse("helpdesk:link-request-decide", args=[link.pk])
    assert login(broker_amersfoort).post(url, {"decision": "approve"}).status_code == 404
    # The requester may see their request but not decide it.
    assert login(link.user).post(url, {"decision": "approve"}).status_code == 403
    with pytest.raises(PermissionDenied):  # the service checks again, whoever calls it
        signup.decide_link_request(link_request=link, approve=True, by=link.user)
    link.refresh_from_db()
    assert link.status == "pending" and not Membership.objects.filter(user=link.user).exists()


def test_a_second_decision_changes_nothing(client, login, registered, broker_haarlem,
                                           django_capture_on_commit_callbacks):
    _sign_up_and_verify(client, django_capture_on_commit_callbacks, registered.kvk_number)
    link = EnterpriseLinkRequest.objects.get()
    signup.decide_link_request(link_request=link, approve=True, by=broker_haarlem)
    stale = EnterpriseLinkRequest.objects.get(pk=link.pk)
    stale.status = "pending"  # a copy read before the first decision
    with pytest.raises(ValidationError):
        signup.decide_link_request(link_request=stale, approve=True, by=broker_haarlem)
    with pytest.raises(ValidationError):
        signup.decide_link_request(link_request=stale, approve=False, by=broker_haarlem, reason="Toch niet")
    link.refresh_from_db()
    assert link.status == "approved"
    assert Membership.objects.filter(user=link.user, enterprise=registered).count() == 1
    response = login(broker_haarlem).post(reverse("helpdesk:link-request-decide", args=[link.pk]),
                                          {"decision": "approve"})
    assert response.status_code == 400 and "al besloten" in response.content.decode()


def test_a_new_kvk_number_is_registered_by_the_entrepreneur_as_before(client, haarlem,
                                                                      django_capture_on_commit_callbacks):
    """Unknown at sign-up: the answer offers the registration, and whoever registers the
    enterprise becomes its entrepreneur at once (no request)."""
    page = _sign_up_and_verify(client, django_capture_on_commit_callbacks, "11223344")
    html = page.content.decode()
    assert "Er staat geen onderneming met dit KvK-nummer in het register." in html
    assert reverse("enterprises:self-register") in html
    assert not EnterpriseLinkRequest.objects.exists()
    response = client.post(reverse("enterprises:self-register"), {
        "name": "Nieuw Bedrijf", "kvk_number": "11223344", "municipality": haarlem.pk,
        "enterprise_type": "impact_first"})
    enterprise = Enterprise.objects.filter(kvk_number="11223344").first()
    assert enterprise is not None, response.content.decode()[:2000]
    assert Membership.objects.filter(user__email="vreemd@example.org", enterprise=enterprise,
                                     role="entrepreneur").exists()
    assert not EnterpriseLinkRequest.objects.exists()


def test_an_entrepreneur_linking_a_second_enterprise_reads_that_it_waits(login, ondernemer_1, enterprise_haarlem,
                                                                         registered):
    client = login(ondernemer_1)
    assert client.post(reverse("helpdesk:link-enterprise"), {"kvk_number": registered.kvk_number}).status_code == 302
    assert not Membership.objects.filter(user=ondernemer_1, enterprise=registered).exists()
    assert PENDING.format("Spaarne Schoon BV") in client.get(reverse("dashboard")).content.decode()
    # "Mijn onderneming" goes to the one own enterprise as before; its page tells the waiting request.
    mine = client.get(reverse("enterprises:mine"), follow=True)
    assert mine.redirect_chain[-1][0] == reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])
    assert PENDING.format("Spaarne Schoon BV") in mine.content.decode()
