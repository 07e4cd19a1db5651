"""Sign-up with e-mail verification, no account enumeration, rate limit, linking by KvK."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from brokers.helpdesk import signup
from brokers.models import EnterpriseLinkRequest
from impactportal.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db
User = get_user_model()

FORM = {"first_name": "Fatima", "last_name": "Ondernemer", "email": "fatima@example.org",
        "password1": "Een-lang-wachtwoord-2026", "password2": "Een-lang-wachtwoord-2026", "kvk_number": ""}


def _link_from_mail():
    return re.search(r"http://\S+/aanmelden/bevestigen/\S+/", mail.outbox[-1].body).group(0)


def _sign_up(client, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("helpdesk:signup"), {**FORM, **extra})


def test_signup_and_verification_flow(client, django_capture_on_commit_callbacks):
    response = _sign_up(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == reverse("helpdesk:signup-sent")
    user = User.objects.get(email="fatima@example.org")
    assert not user.is_active and not user.email_verified
    assert not client.login(username="fatima@example.org", password=FORM["password1"])
    path = _link_from_mail().split("8000", 1)[1]
    page = client.get(path)  # a GET (mail scanner) does not activate
    assert page.status_code == 200 and 'id="verify-submit"' in page.content.decode()
    user.refresh_from_db()
    assert not user.is_active
    response = client.post(path, {"password": FORM["password1"]})
    assert response.status_code == 302 and response.url == reverse("helpdesk:my-cases")
    user.refresh_from_db()
    assert user.is_active and user.email_verified
    my_cases = client.get(reverse("helpdesk:my-cases"))
    assert my_cases.status_code == 200 and "Mijn vragen" in my_cases.content.decode()


def test_signup_does_not_reveal_a_known_address(client, ondernemer_1, django_capture_on_commit_callbacks):
    known = _sign_up(client, django_capture_on_commit_callbacks, email=ondernemer_1.email.upper())
    fresh = _sign_up(client, django_capture_on_commit_callbacks, email="nieuw@example.org")
    assert known.status_code == fresh.status_code == 302 and known.url == fresh.url
    assert User.objects.filter(email__iexact=ondernemer_1.email).count() == 1
    notice, welcome = mail.outbox[-2], mail.outbox[-1]
    assert notice.to == [ondernemer_1.email] and "bevestigen" not in notice.body and "al een account" in notice.body
    assert welcome.to == ["nieuw@example.org"] and "/aanmelden/bevestigen/" in welcome.body


def test_bad_signup_input_gives_field_errors(client):
    response = client.post(reverse("helpdesk:signup"), {**FORM, "email": "geen-mail", "password2": "anders",
                                                        "kvk_number": "123"})
    assert response.status_code == 400
    content = response.content.decode()
    for field in ("email", "password2", "kvk_number"):
        assert f'href="#id_{field}"' in content
    weak = client.post(reverse("helpdesk:signup"), {**FORM, "password1": "12345", "password2": "12345"})
    assert weak.status_code == 400 and 'href="#id_password1"' in weak.content.decode()
    assert not User.objects.exists()


def test_invalid_or_tampered_token(client):
    assert client.get(reverse("helpdesk:signup-verify", args=["onzin"])).status_code == 400
    assert client.post(reverse("helpdesk:signup-verify", args=["onzin"])).status_code == 400


def test_signup_is_rate_limited_per_ip(client, settings):
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    statuses = [client.post(reverse("helpdesk:signup"), {**FORM, "email": f"p{i}@example.org"}).status_code
                for i in range(6)]
    assert statuses == [302] * 5 + [429]
    assert User.objects.count() == 5
    cache.clear()


def test_signup_attempts_with_errors_do_not_count_towards_the_limit(client, settings):
    """Four attempts with a typo and one success locked the next person at the same connection
    out for an hour ("too many sign-ups"), though only one account was made."""
    settings.RATELIMIT_ENABLE = True
    cache.clear()
    typos = [client.post(reverse("helpdesk:signup"), {**FORM, "email": "geen-mail"}).status_code for _ in range(6)]
    assert typos == [400] * 6
    statuses = [client.post(reverse("helpdesk:signup"), {**FORM, "email": f"q{i}@example.org"}).status_code
                for i in range(6)]
    assert statuses == [302] * 5 + [429] and User.objects.count() == 5
    cache.clear()


def test_signup_with_kvk_of_ownerless_enterprise_asks_the_municipality(client, haarlem, broker_haarlem,
                                                                       django_capture_on_commit_callbacks):
    """Was: linked directly on verification (any stranger who typed the public KvK number of an
    enterprise a broker registered became its owner). Now a request waits for the brokers."""
    enterprise = f.EnterpriseFactory(municipality=haarlem, kvk_number="12345678", name="Spaarne Werkt")
    _sign_up(client, django_capture_on_commit_callbacks, kvk_number="12345678")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_link_from_mail().split("8000", 1)[1], {"password": FORM["password1"]}, follow=True)
    assert not Membership.objects.filter(enterprise=enterprise).exists()
    assert EnterpriseLinkRequest.objects.get(enterprise=enterprise).status == "pending"
    assert ("Uw verzoek om uw account aan Spaarne Werkt te koppelen wacht op bevestiging door de gemeente"
            in response.content.decode())
    assert broker_haarlem.notifications.filter(subject="Koppelverzoek voor Spaarne Werkt").exists()


def test_link_to_owned_enterprise_needs_broker_confirmation(login, enterprise_haarlem, ondernemer_1, broker_haarlem,
                                                             broker_amersfoort, django_capture_on_commit_callbacks):
    newcomer = f.UserFactory(username="nieuwe-eigenaar", first_name="Nieuwe", last_name="Eigenaar")
    client = login(newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:link-enterprise"), {"kvk_number": enterprise_haarlem.kvk_number})
    assert response.status_code == 302
    link = EnterpriseLinkRequest.objects.get()
    assert link.status == "pending"
    assert not Membership.objects.filter(user=newcomer).exists()
    assert broker_haarlem.notifications.filter(subject__startswith="Koppelverzoek").exists()
    # The other municipality's broker cannot see or decide it.
    other = login(broker_amersfoort)
    assert "Nieuwe Eigenaar" not in other.get(reverse("helpdesk:link-request-list")).content.decode()
    assert other.post(reverse("helpdesk:link-request-decide", args=[link.pk]),
                      {"decision": "approve"}).status_code == 404
    # The requester cannot approve their own request.
    assert login(newcomer).post(reverse("helpdesk:link-request-decide", args=[link.pk]),
                                {"decision": "approve"}).status_code == 403
    broker = login(broker_haarlem)
    assert "Nieuwe Eigenaar" in broker.get(reverse("helpdesk:link-request-list")).content.decode()
    assert broker.post(reverse("helpdesk:link-request-decide", args=[link.pk]),
                       {"decision": "approve"}).status_code == 302
    link.refresh_from_db()
    assert link.status == "approved" and link.decided_by == broker_haarlem
    assert Membership.objects.filter(user=newcomer, enterprise=enterprise_haarlem, role="entrepreneur").exists()


def test_link_unknown_kvk_is_a_field_error(login, ondernemer_1):
    response = login(ondernemer_1).post(reverse("helpdesk:link-enterprise"), {"kvk_number": "99999999"})
    assert response.status_code == 400 and 'href="#id_kvk_number"' in response.content.decode()


def test_token_round_trip():
    user = User(pk=7, email="a@example.org")
    # The token names the user and a keyed hash of the address, never the address itself.
    assert signup.read_token(signup.make_token(user, "12345678")) == {
        "u": 7, "h": signup.email_hash("a@example.org"), "p": signup.password_mark(user), "k": "12345678"}
    assert signup.read_token(signup.make_token(user) + "x") is None


def test_the_login_page_offers_sign_up_to_new_entrepreneurs(client):
    """The showcase's "Onderneming aanmelden" leads a visitor to the login page, which offered
    only "Wachtwoord vergeten?": no way to make the account the link asks for."""
    html = client.get(reverse("login"), {"next": "/mijn-onderneming/aanmelden/"}).content.decode()
    hint = html.split('id="signup-hint"')[1].split("</p>")[0]
    assert f'href="{reverse("helpdesk:signup")}"' in hint and "Aanmelden als ondernemer" in hint


def test_the_notice_to_a_known_address_is_in_its_owners_language(client, ondernemer_1,
                                                                    django_capture_on_commit_callbacks):
    # The sign-up page is Dutch; the owner of the address chose English for mails.
    ondernemer_1.language = "en"
    ondernemer_1.save(update_fields=["language"])
    _sign_up(client, django_capture_on_commit_callbacks, email=ondernemer_1.email)
    notice = mail.outbox[-1]
    assert notice.to == [ondernemer_1.email]
    assert "al een account" not in notice.body and "account" in notice.body.lower()
    assert notice.subject != "Aanmelding bij het Impactportaal"
