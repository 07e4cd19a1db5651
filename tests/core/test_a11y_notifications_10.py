"""Accessibility walk 10: "Alles gelezen" on the notifications page. The button that had the focus
is replaced with the list; the answer gives the focus to the list's heading, says "Alle meldingen
gelezen" in the page's status region (which stays) and updates the header's unread count."""

import re

import pytest
from django.urls import reverse

from impactportal.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_unread(ondernemer_1):
    for subject in ("Certificaat verloopt", "Nieuw antwoord"):
        Notification.objects.create(recipient=ondernemer_1, subject=subject)


def test_the_page_has_the_badge_wrapper_and_an_empty_status(two_unread, login, ondernemer_1):
    html = login(ondernemer_1).get(reverse("notifications")).content.decode()
    assert re.search(r'<span id="unread-badge"> <span class="utrecht-number-badge" aria-label="2 ongelezen">2</span>'
                     r"</span>", html)
    # Empty on arrival, and then it takes no room: for screen readers only.
    assert '<p class="visually-hidden" id="notifications-status" role="status"></p>' in html
    # The status region is outside what htmx replaces.
    assert html.index('id="notifications-status"') > html.index('<div id="notifications">')
    assert 'id="notifications-heading" tabindex="-1">' in html and "autofocus" not in html
    assert 'hx-select="#notifications"' not in html


def test_marking_all_read_focuses_the_heading_announces_and_clears_the_badge(two_unread, login, ondernemer_1):
    client = login(ondernemer_1)
    client.get(reverse("notifications"))  # the unread count is cached for the header
    response = client.post(reverse("notifications-read"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<div id="notifications">')
    assert 'id="notifications-heading" tabindex="-1" autofocus>' in html
    assert '<p id="notifications-status" hx-swap-oob="innerHTML">Alle meldingen gelezen</p>' in html
    assert '<span id="unread-badge" hx-swap-oob="true"></span>' in html
    assert not Notification.objects.filter(recipient=ondernemer_1, read_at__isnull=True).exists()
    # The next page's header agrees.
    assert 'utrecht-number-badge' not in client.get(reverse("notifications")).content.decode()


def test_without_javascript_the_post_redirects_and_the_page_says_it(two_unread, login, ondernemer_1):
    client = login(ondernemer_1)
    response = client.post(reverse("notifications-read"))
    assert response.status_code == 302 and response["Location"] == reverse("notifications")
    assert not Notification.objects.filter(recipient=ondernemer_1, read_at__isnull=True).exists()
    html = client.get(response["Location"]).content.decode()
    assert re.search(r'<div class="portal-messages" role="status"[^>]*>\s*<div class="utrecht-alert utrecht-alert--ok"'
                     r'[^>]*><p class="utrecht-paragraph">Alle meldingen gelezen</p>', html)
    assert '<span id="unread-badge"></span>' in html
    assert '<p class="visually-hidden" id="notifications-status" role="status"></p>' in html
    # Once: reloading the page does not repeat it.
    assert "Alle meldingen gelezen" not in client.get(reverse("notifications")).content.decode()


def test_the_button_shows_only_while_something_is_unread(login, ondernemer_1):
    read = Notification.objects.create(recipient=ondernemer_1, subject="Certificaat verloopt")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    client = login(ondernemer_1)
    html = client.get(reverse("notifications")).content.decode()
    assert "Certificaat verloopt" in html and "Alles gelezen" not in html
    Notification.objects.create(recipient=ondernemer_1, subject="Nieuw antwoord")
    html = client.get(reverse("notifications")).content.decode()
    assert html.count(">Alles gelezen</button>") == 1


def test_after_marking_all_read_the_button_is_gone(two_unread, login, ondernemer_1):
    html = login(ondernemer_1).post(reverse("notifications-read"), HTTP_HX_REQUEST="true").content.decode()
    assert "Alles gelezen" not in html and "Certificaat verloopt" in html
