"""What a screen reader hears on the helpdesk pages: the new question's suggestions are no live
region (each change swapped the whole list in and it was read out again), their count goes to a
status that changes only when the count does; a reply that reached nobody takes the focus, so
"contact the enterprise yourself" is read, while a reply that was sent does not."""

import re

import pytest
from django.urls import reverse

from brokers.models import Case
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_suggestions_count_goes_to_a_status_and_the_list_is_no_live_region(login, ondernemer_1, instruments):
    client = login(ondernemer_1)
    page = client.get(reverse("helpdesk:case-new")).content.decode()
    assert re.search(r'<div id="suggestions">', page)
    assert re.search(r'<p class="visually-hidden" role="status" id="suggestions-status" data-swap-if-changed>', page)
    assert 'aria-live="polite">' not in page.split('id="suggestions"')[1].split("</form>")[0][:50]
    partial = client.get(reverse("helpdesk:suggestions"), {"category": "financing"},
                         HTTP_HX_REQUEST="true").content.decode()
    status = re.search(r'<p id="suggestions-status" hx-swap-oob="innerHTML">([^<]*)</p>', partial).group(1)
    shown = partial.count('class="portal-suggestion"')
    assert shown and status.startswith(f"{shown} suggestie")
    nothing = client.get(reverse("helpdesk:suggestions"), {"category": "<script>"}).content.decode()
    assert nothing.strip() == ""  # an unknown subject: no list and no status


def _case(organisation, enterprise, submitter):
    return Case.objects.create(organisation=organisation, enterprise=enterprise, submitter=submitter,
                               category="financing", subject="Lening", description="Wij zoeken een lening.")


@pytest.mark.parametrize("reaches_someone", [False, True])
def test_a_reply_that_reached_nobody_takes_the_focus(login, haarlem, broker_haarlem, ondernemer_1, enterprise_haarlem,
                                                     reaches_someone, django_capture_on_commit_callbacks):
    enterprise = enterprise_haarlem if reaches_someone else f.EnterpriseFactory(municipality=haarlem)
    case = _case(haarlem, enterprise, ondernemer_1 if reaches_someone else None)
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("helpdesk:case-reply", args=[case.pk]), {"body": "Wij bellen u."},
                           follow=True).content.decode()
    alert = re.search(r'<div class="utrecht-alert utrecht-alert--ok"([^>]*)><p class="utrecht-paragraph">Reactie',
                      page)
    assert alert is not None
    assert ("data-focus" in alert.group(1)) is not reaches_someone
