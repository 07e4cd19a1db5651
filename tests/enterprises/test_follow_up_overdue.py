"""Workspace walk 9: an open follow-up whose day has passed ("vervolg op 27-11-2026" on 6-12-2026)
looked the same as one ahead on the enterprise's page, the contact moment's page and the contact
list, while the dashboard counted it "verlopen". Now each says "verlopen" in words, by the
dashboard's rule (open, planned before today)."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.models import ContactMoment

pytestmark = pytest.mark.django_db

BADGE = '<span class="portal-badge portal-badge--alert">verlopen</span>'


@pytest.fixture
def moments(haarlem, enterprise_haarlem, broker_haarlem):
    today = timezone.localdate()

    def moment(subject, follow_up_on, done=False):
        return ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, subject=subject,
                                            date=today - dt.timedelta(days=30), follow_up_on=follow_up_on,
                                            follow_up_done=done, owner=broker_haarlem)

    return {"overdue": moment("Achter", today - dt.timedelta(days=9)),
            "today": moment("Vandaag", today),
            "ahead": moment("Vooruit", today + dt.timedelta(days=9)),
            "done": moment("Klaar", today - dt.timedelta(days=9), done=True)}


def test_the_pages_flag_an_overdue_follow_up_in_words(login, broker_haarlem, enterprise_haarlem, moments):
    client = login(broker_haarlem)
    for key, moment in moments.items():
        page = client.get(reverse("enterprises:contact-detail", args=[moment.pk])).content.decode()
        assert (BADGE in page) == (key == "overdue"), key
    register = client.get(reverse("enterprises:detail", args=[enterprise_haarlem.pk])).content.decode()
    items = {re.search(r"— ([A-Za-z]+)</a>", li).group(1): li
             for li in re.findall(r"<li><a class=\"utrecht-link\" href=\"/contactmomenten/\d+/\">.*?</li>", register)}
    assert {name for name, li in items.items() if BADGE in li} == {"Achter"}
    listed = client.get(reverse("enterprises:contact-list")).content.decode()
    rows = {re.search(r'/contactmomenten/\d+/">([^<]+)</a>', row).group(1): row
            for row in re.findall(r"<tr[^>]*>.*?</tr>", listed, re.S) if "/contactmomenten/" in row}
    assert {name for name, row in rows.items() if BADGE in row} == {"Achter"}


def test_the_badge_and_the_dashboard_count_agree(login, broker_haarlem, moments):
    page = login(broker_haarlem).get(reverse("dashboard")).content.decode()
    assert re.search(r'data-figure="my-follow-ups">.*?· 1 verlopen</a>', page, re.S)
    assert [m.follow_up_overdue for m in moments.values()] == [True, False, False, False]
