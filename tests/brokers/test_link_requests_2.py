"""Link requests (koppelverzoeken), second round: a refused decision is shown where the broker
took it, and "Mijn onderneming" tells an entrepreneur whose only relation to an enterprise is a
link request what it waits for (or why it was rejected) and what they can do."""

import pytest
from django.conf import settings
from django.urls import reverse

from brokers.helpdesk import signup
from brokers.models import EnterpriseLinkRequest
from enterprises.constants import AdmissionStatus
from impactportal.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db

NO_REASON = "Geef een reden voor de afwijzing: de ondernemer krijgt die te lezen."
WAITS = "Uw verzoek om uw account aan Spaarne Schoon BV te koppelen wacht op bevestiging door de gemeente"


@pytest.fixture
def registered(haarlem):
    return f.EnterpriseFactory(
        municipality=haarlem,
        kvk_number="87654321",
        name="Spaarne Schoon BV",
        admission_status=AdmissionStatus.ADMITTED,
    )


@pytest.fixture
def newcomer():
    return f.UserFactory(username="koppelaar", first_name="Vreemde", last_name="Snuffelaar")


@pytest.fixture
def link(newcomer, registered):
    assert signup.link_enterprise(user=newcomer, kvk_number=registered.kvk_number) == signup.REQUESTED
    return EnterpriseLinkRequest.objects.get(user=newcomer)


def _card(html, link):
    """The link request's card (its decision form) on a page."""
    return html.split(f'id="link-request-{link.pk}"', 1)[1].split("</form>", 1)[0]


# --- 1. A rejection without a reason, sent from the enterprise's page -------------------------


def test_a_rejection_without_a_reason_is_refused_on_the_enterprise_page(
    login, broker_haarlem, registered, link
):
    broker = login(broker_haarlem)
    url = reverse("helpdesk:link-request-decide", args=[link.pk])
    response = broker.post(url, {"decision": "reject", "reason": "   ", "return_to": "enterprise"})
    assert response.status_code == 400
    # The enterprise's page again (not the list of requests), with the error at the request's form.
    assert "enterprises/enterprise_detail.html" in [t.name for t in response.templates]
    assert "brokers/helpdesk/link_requests.html" not in [t.name for t in response.templates]
    html = response.content.decode()
    assert response.context["object"] == registered and 'id="link-requests"' in html
    assert "Het besluit is niet vastgelegd:" in html.split('id="link-requests"', 1)[1]
    card = _card(html, link)
    assert NO_REASON in card and 'aria-invalid="true"' in card and "utrecht-form-field--invalid" in card
    # The form sends the broker back to the panel when it is refused again.
    assert f'action="{url}#link-requests"' in card and 'name="return_to" value="enterprise"' in card
    # Nothing changed.
    link.refresh_from_db()
    assert link.status == "pending" and not link.decided_by and link.reason == ""
    assert not Membership.objects.filter(user=link.user).exists()
    assert not link.user.notifications.exists()
    # The error is in the reader's language.
    broker.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = broker.post(url, {"decision": "reject", "return_to": "enterprise"})
    assert english.status_code == 400
    assert "Give a reason for the rejection: the entrepreneur will read it." in _card(
        english.content.decode(), link
    )


def test_what_was_typed_stays_and_a_decided_request_is_said_on_the_enterprise_page(
    login, broker_haarlem, registered, link
):
    broker = login(broker_haarlem)
    url = reverse("helpdesk:link-request-decide", args=[link.pk])
    # An invalid decision keeps the reason typed.
    response = broker.post(url, {"decision": "maybe", "reason": "Onbekend", "return_to": "enterprise"})
    assert response.status_code == 400 and response.context["object"] == registered
    assert ">Onbekend</textarea>" in _card(response.content.decode(), link)
    # Decided meanwhile by a colleague: the page says so, though the request has left the panel.
    signup.decide_link_request(link_request=link, approve=True, by=broker_haarlem)
    response = broker.post(url, {"decision": "approve", "return_to": "enterprise"})
    assert response.status_code == 400 and response.context["object"] == registered
    html = response.content.decode()
    assert "Over dit verzoek is al besloten." in html.split('id="link-requests"', 1)[1]


def test_the_list_page_shows_the_error_at_the_request_it_was_sent_from(login, broker_haarlem, link):
    response = login(broker_haarlem).post(
        reverse("helpdesk:link-request-decide", args=[link.pk]), {"decision": "reject", "reason": ""}
    )
    assert response.status_code == 400
    assert "brokers/helpdesk/link_requests.html" in [t.name for t in response.templates]
    assert NO_REASON in _card(response.content.decode(), link)
    link.refresh_from_db()
    assert link.status == "pending"


def test_return_to_shows_no_enterprise_page_to_others(login, broker_amersfoort, link, registered):
    url = reverse("helpdesk:link-request-decide", args=[link.pk])
    assert (
        login(broker_amersfoort).post(url, {"decision": "reject", "return_to": "enterprise"}).status_code
        == 404
    )
    response = login(link.user).post(url, {"decision": "reject", "return_to": "enterprise"})
    assert response.status_code == 403 and registered.name not in response.content.decode()


# --- 2. "Mijn onderneming" with a link request -------------------------------------------------


def test_a_pending_request_is_explained_on_my_enterprise(login, link, registered, broker_haarlem):
    # With a broker of the enterprise's municipality to confirm it (without one the page says nobody can).
    client = login(link.user)
    response = client.get(reverse("enterprises:mine"))
    assert response.status_code == 200
    html = response.content.decode()
    assert WAITS in html and "de makelaars van de gemeente van de onderneming" in html
    assert "geen toegang tot de gegevens van de onderneming" in html
    assert reverse("helpdesk:case-new") in html and reverse("helpdesk:my-cases") in html
    # Not an empty list that invites registering the enterprise, which is in the register already.
    assert (
        "U heeft nog geen onderneming in het register" not in html and 'id="self-register-link"' not in html
    )
    # The request gives no access: no link to the enterprise, its page stays closed.
    assert reverse("enterprises:mine-detail", args=[registered.pk]) not in html
    assert reverse("enterprises:detail", args=[registered.pk]) not in html
    assert client.get(reverse("enterprises:mine-detail", args=[registered.pk])).status_code == 404
    assert not Membership.objects.filter(user=link.user).exists()


def test_a_rejected_request_says_why_and_what_to_do(login, broker_haarlem, link, registered):
    signup.decide_link_request(
        link_request=link, approve=False, by=broker_haarlem, reason="Niet bekend bij ons"
    )
    client = login(link.user)
    html = client.get(reverse("enterprises:mine")).content.decode()
    assert "De gemeente heeft uw verzoek om uw account aan Spaarne Schoon BV te koppelen afgewezen." in html
    assert "Niet bekend bij ons" in html and WAITS not in html
    assert reverse("helpdesk:link-enterprise") in html and reverse("helpdesk:case-new") in html
    assert reverse("enterprises:mine-detail", args=[registered.pk]) not in html
    assert client.get(reverse("enterprises:mine-detail", args=[registered.pk])).status_code == 404
    # A new request for the same enterprise waits again: the old rejection is no longer shown.
    assert signup.link_enterprise(user=link.user, kvk_number=registered.kvk_number) == signup.REQUESTED
    html = client.get(reverse("enterprises:mine")).content.decode()
    assert WAITS in html and "Niet bekend bij ons" not in html


def test_my_enterprise_goes_to_the_one_enterprise_and_tells_a_waiting_request_there(
    login, ondernemer_1, enterprise_haarlem, registered, broker_haarlem
):
    assert signup.link_enterprise(user=ondernemer_1, kvk_number=registered.kvk_number) == signup.REQUESTED
    client = login(ondernemer_1)
    response = client.get(reverse("enterprises:mine"))
    assert response.status_code == 302
    assert response.url == reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])
    assert WAITS in client.get(response.url).content.decode()
