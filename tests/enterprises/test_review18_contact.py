"""A contact moment's edit page saves what the browser sends, version included (it answered 500)."""

import datetime as dt

from django.urls import reverse

from enterprises.models import ContactMoment
from tests.browser_forms import form_of


def test_a_conversation_made_an_intake_on_its_edit_page_is_saved_with_the_pages_version(
        broker_haarlem, haarlem, enterprise_haarlem, login):
    """The page shows the conversation's version; the save uses the intake form (more fields). Both
    are read over the intake form's fields, so the page's own version is not "changed since"."""
    moment = ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, subject="Gesprek",
                                          date=dt.date(2026, 2, 1))
    client = login(broker_haarlem)
    url = reverse("enterprises:contact-update", args=[moment.pk])
    data = form_of(client.get(url))
    data.update(kind=["intake"], intake_activities=["Fietsenmakerij met leerwerkplekken"])
    answer = client.post(url, data)
    assert answer.status_code == 302, answer.context["form"].errors if answer.context else answer
    moment.refresh_from_db()
    assert moment.kind == "intake" and moment.intake_activities == "Fietsenmakerij met leerwerkplekken"


def test_a_version_older_than_the_row_is_still_refused(broker_haarlem, haarlem, enterprise_haarlem, login):
    moment = ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, subject="Gesprek",
                                          date=dt.date(2026, 2, 1))
    client = login(broker_haarlem)
    url = reverse("enterprises:contact-update", args=[moment.pk])
    data = form_of(client.get(url))
    ContactMoment.objects.filter(pk=moment.pk).update(intake_needs="Ruimte")  # a colleague's intake answer
    data.update(subject=["Ander onderwerp"])
    assert client.post(url, data).status_code == 409
    moment.refresh_from_db()
    assert moment.subject == "Gesprek"
