"""User review 5: an address that only takes a form's POST answered a GET (the back button, a
bookmark, the language switch after a form with errors) with an empty 405; a refusal for a role
repeated itself and named neither the user's role nor whom to ask."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.pages import NOT_FOR_YOUR_ROLE

pytestmark = pytest.mark.django_db


def test_a_post_only_address_opened_sends_to_the_page_above(login, broker_haarlem, enterprise_haarlem):
    client = login(broker_haarlem)
    decide = reverse("enterprises:admission", args=[enterprise_haarlem.pk])
    response = client.get(decide)
    assert response.status_code == 302 and response["Location"] == reverse("enterprises:detail",
                                                                            args=[enterprise_haarlem.pk])
    # The language switch after a form with errors returns to the posted address: it lands on the page.
    switched = client.post(reverse("set_language"), {"language": "en", "next": decide}, follow=True)
    assert switched.status_code == 200
    assert switched.redirect_chain[-1][0] == reverse("enterprises:detail", args=[enterprise_haarlem.pk])
    assert switched.headers["Content-Language"] == "en"


def test_a_post_only_address_without_a_page_above_says_what_it_is(client, broker_haarlem):
    client.force_login(broker_haarlem)
    response = client.get(reverse("logout"))
    assert response.status_code == 405
    html = response.content.decode()
    assert "Dit adres is geen pagina" in html and "verwerkt een formulier" in html
    client.cookies["django_language"] = "en"
    assert "This address is not a page" in client.get(reverse("logout")).content.decode()


def test_the_api_keeps_its_json_405(api, broker_haarlem):
    response = api(broker_haarlem).delete("/api/v1/enterprises/")
    assert response.status_code == 405 and response.json()["detail"]


def test_a_refusal_for_the_role_names_the_users_roles_and_whom_to_ask(login, haarlem):
    partner = f.partner(haarlem, f.partner_organisation(), "partner-haarlem")
    response = login(partner).get(reverse("brokers:budget-list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert NOT_FOR_YOUR_ROLE in html
    assert f"U bent aangemeld als netwerkpartner (loket) bij {haarlem}." in html
    assert "Vraag de beheerder van uw organisatie" in html
    assert "Uw account heeft geen rol die deze pagina mag gebruiken" not in html  # said once, not twice


def test_an_entrepreneur_is_not_sent_to_an_administrator_they_do_not_have(login, ondernemer_1):
    html = login(ondernemer_1).get(reverse("helpdesk:inbox")).content.decode()
    assert NOT_FOR_YOUR_ROLE in html and 'id="entrepreneur-door"' in html
    assert "Vraag de beheerder van uw organisatie" not in html
