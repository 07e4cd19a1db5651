"""Helpdesk walk 9 (English UI, demo data): a partner's reply credited to its own organisation, due
moments at midnight shown as the end of the day before, the knowledge base's search pointing to the
financing instruments, and a visitor's way into the helpdesk. (Suggestions by place: test_knowledge.)"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from brokers.helpdesk import services, sla
from brokers.models import Case
from financing.models import Instrument
from impactportal.models import Notification

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


# --- 2. a network partner's reply ----------------------------------------------------------------


def test_a_partners_reply_is_credited_to_the_partner_organisation(
    case_haarlem, partner_haarlem, ondernemer_1, login, django_capture_on_commit_callbacks
):
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        services.case_reply(case=case_haarlem, author=partner_haarlem, body="Wij helpen u graag.")
    note = Notification.objects.get(recipient=ondernemer_1, dedupe_key__startswith="helpdesk:message:")
    assert "De gemeente" not in note.body and "Kennemer Impact Helpdesk heeft gereageerd" in note.body
    page = login(ondernemer_1).get(reverse("helpdesk:my-case", args=[case_haarlem.pk])).content.decode()
    meta = page[page.index('class="portal-message__meta"'):]
    meta = meta[:meta.index("</header>")]
    assert "Kennemer Impact Helpdesk" in meta and "Gemeente Haarlem" not in meta


def test_a_brokers_reply_still_comes_from_the_municipality(
    case_haarlem, broker_haarlem, ondernemer_1, login, django_capture_on_commit_callbacks
):
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        services.case_reply(case=case_haarlem, author=broker_haarlem, body="Wij bellen u.")
    note = Notification.objects.get(recipient=ondernemer_1, dedupe_key__startswith="helpdesk:message:")
    assert note.body.startswith("De gemeente heeft gereageerd")
    page = login(ondernemer_1).get(reverse("helpdesk:my-case", args=[case_haarlem.pk])).content.decode()
    assert "· Gemeente Haarlem" in page


# --- 3. due moments at midnight --------------------------------------------------------------------


def test_midnight_is_the_end_of_the_day_before():
    assert sla.due_day(dt.datetime(2026, 12, 10, 0, 0, tzinfo=AMS)) == (dt.date(2026, 12, 9), True)
    assert sla.due_day(dt.datetime(2026, 12, 9, 16, 0, tzinfo=AMS)) == (dt.date(2026, 12, 9), False)
    # a Saturday night question, three working days: due at the end of Wednesday
    due = sla.deadline(dt.datetime(2026, 12, 5, 3, 19, tzinfo=AMS), 3)
    assert due == dt.datetime(2026, 12, 10, 0, 0, tzinfo=AMS) and sla.due_day(due)[0] == dt.date(2026, 12, 9)


def _due_at_midnight(case):
    midnight = dt.datetime(2026, 12, 10, 0, 0, tzinfo=AMS)
    Case.objects.filter(pk=case.pk).update(first_response_due=midnight, resolution_due=midnight)


@override_settings(LANGUAGE_CODE="nl")
def test_the_case_page_inbox_and_entrepreneur_show_the_end_of_the_day_before(
    case_haarlem, broker_haarlem, ondernemer_1, login
):
    _due_at_midnight(case_haarlem)
    staff = login(broker_haarlem)
    page = staff.get(reverse("helpdesk:case-detail", args=[case_haarlem.pk])).content.decode()
    facts = page[page.index('id="case-facts"'):page.index("</dl>")]
    assert facts.count("09-12-2026, einde van de dag") == 2 and "10-12-2026" not in facts
    inbox = staff.get(reverse("helpdesk:inbox")).content.decode()
    assert "09-12-2026" in inbox and "10-12-2026" not in inbox
    mine = login(ondernemer_1).get(reverse("helpdesk:my-case", args=[case_haarlem.pk])).content.decode()
    assert 'id="first-response-due">09-12-2026, einde van de dag<' in mine


# --- 4. the knowledge base's search and the financing instruments ---------------------------------


@pytest.fixture
def qredits(db):
    return Instrument.objects.create(slug="qredits", kind="loan", name="Qredits microfinanciering", provider="Qredits",
                                     description="Een lening voor kleine ondernemers.")


def test_a_search_for_a_loan_points_to_the_financing_instruments(client, qredits, instruments):
    html = client.get(reverse("helpdesk:instrument-list"), {"q": "Qredits"}).content.decode()
    assert 'id="financing-matches"' in html and "Qredits microfinanciering" in html
    assert qredits.get_absolute_url() in html
    assert f"{reverse('financing:instrument-list')}?q=Qredits" in html
    html = client.get(reverse("helpdesk:instrument-list"), {"q": "lening"}).content.decode()
    assert "Qredits microfinanciering" in html


def test_an_empty_search_offers_the_financing_instruments_with_the_same_words(client, instruments):
    html = client.get(reverse("helpdesk:instrument-list"), {"q": "fonds"}).content.decode()
    assert 'id="knowledge-empty"' in html
    assert f"{reverse('financing:instrument-list')}?q=fonds" in html


# --- 5. a visitor's way into the helpdesk --------------------------------------------------------


def test_a_visitor_is_told_asking_needs_an_account(client):
    for name in ("helpdesk:case-new", "helpdesk:suggestions"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url == reverse("helpdesk:ask")
    page = client.get(reverse("helpdesk:ask"))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="account-needed"' in html
    assert reverse("helpdesk:signup") in html and "next=%2Fmijn-vragen%2Fnieuw%2F" in html
    home = client.get(reverse("helpdesk:instrument-list")).content.decode()
    assert f'href="{reverse("helpdesk:ask")}"' in home  # the menu and the knowledge base offer it


def test_a_signed_in_user_asking_goes_to_the_new_question(login, ondernemer_1):
    response = login(ondernemer_1).get(reverse("helpdesk:ask"))
    assert response.status_code == 302 and response.url == reverse("helpdesk:case-new")
