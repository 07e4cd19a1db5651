"""The privacy statement, the accessibility statement and the sign-up's privacy notice (AVG art.
13: people are told what is stored about them, why, how long and whom to ask)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PRIVACY = "https://www.gemeente.example/privacyverklaring"
ACCESSIBILITY = "https://www.toegankelijkheidsverklaring.nl/registermelding/12345"


def _footer(html: str) -> str:
    return html.split('<footer', 1)[1]


def test_the_footer_links_the_built_in_statements_by_default(client):
    footer = _footer(client.get(reverse("home")).content.decode())
    assert f'href="{reverse("privacy")}" id="footer-privacy"' in footer
    assert f'href="{reverse("accessibility")}" id="footer-accessibility"' in footer
    assert reverse("privacy") == "/privacy/" and reverse("accessibility") == "/toegankelijkheid/"


def test_the_footer_links_the_organisations_own_statements(client, settings, login, broker_haarlem):
    settings.PORTAL_PRIVACY_URL, settings.PORTAL_ACCESSIBILITY_URL = PRIVACY, ACCESSIBILITY
    for page in (client.get(reverse("etalage")), login(broker_haarlem).get(reverse("dashboard"))):
        footer = _footer(page.content.decode())
        assert f'href="{PRIVACY}" id="footer-privacy"' in footer
        assert f'href="{ACCESSIBILITY}" id="footer-accessibility"' in footer
    # The built-in pages send visitors on to them, so that there is one statement.
    assert client.get(reverse("privacy"))["Location"] == PRIVACY
    assert client.get(reverse("accessibility"))["Location"] == ACCESSIBILITY


def test_the_built_in_privacy_statement_says_what_why_how_long_rights_and_whom(client, settings):
    settings.NOTIFICATION_RETENTION_DAYS, settings.AXES_LOG_RETENTION_DAYS = 400, 30
    response = client.get(reverse("privacy"))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ('id="what"', 'id="why"', 'id="retention"', 'id="rights"', 'id="contact"'):
        assert heading in html
    assert "Contactpersonen van een onderneming" in html and "artikel 6, lid 1, onder e AVG" in html
    assert "Gelezen meldingen: 400 dagen na het lezen." in html and "Inlogpogingen: 30 dagen." in html
    assert "Autoriteit Persoonsgegevens" in html
    # The audit log is kept unless a period is set; then the statement names it.
    assert "archiefregels" in html
    settings.AUDIT_RETENTION_DAYS = 2555
    assert "Het wijzigingslog: 2555 dagen." in client.get(reverse("privacy")).content.decode()


def test_the_statements_name_the_organisations_contact(client, settings):
    assert 'id="privacy-contact"' not in client.get(reverse("privacy")).content.decode()
    settings.PORTAL_CONTACT = "privacy@gemeente.example"
    html = client.get(reverse("privacy")).content.decode()
    assert 'href="mailto:privacy@gemeente.example" id="privacy-contact"' in html
    settings.PORTAL_CONTACT = "https://www.gemeente.example/contact"
    html = client.get(reverse("accessibility")).content.decode()
    assert 'href="https://www.gemeente.example/contact" id="accessibility-contact"' in html


def test_the_built_in_accessibility_statement(client):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "WCAG" in html and "2.1" in html and "toegankelijkheidsverklaring.nl" in html
    assert client.post(reverse("accessibility")).status_code == 405


def test_the_sign_up_form_says_what_is_stored_and_links_the_privacy_statement(client, settings):
    html = client.get(reverse("helpdesk:signup")).content.decode()
    notice = html.split('id="privacy-notice"', 1)[1].split("</div>", 1)[0]
    assert "uw naam, uw e-mailadres" in notice and f'href="{reverse("privacy")}"' in notice
    assert html.index('id="privacy-notice"') < html.index('id="signup-form"')  # read before filling in
    settings.PORTAL_PRIVACY_URL = PRIVACY
    assert f'href="{PRIVACY}"' in client.get(reverse("helpdesk:signup")).content.decode().split(
        'id="privacy-notice"', 1)[1].split("</div>", 1)[0]
