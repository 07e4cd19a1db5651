"""Keyboard/screen-reader walk of the helpdesk inbox (WCAG 2.1 AA): the "Alles selecteren" box
only with JavaScript (portal.js, ``data-select-all``), the bulk assignment returning to the inbox
as filtered (never elsewhere), and its outcome in a messages region that takes the focus."""

import re

import pytest
from django.urls import reverse

from brokers.models import Case

pytestmark = pytest.mark.django_db


def _header_box(html):
    head = re.search(r"<thead.*?</thead>", html, re.S).group(0)
    boxes = re.findall(r"<input [^>]*>", head)
    assert len(boxes) == 1, boxes
    return boxes[0]


def test_select_all_box_is_keyed_for_the_script_labelled_and_hidden_without_it(login, make_case, ondernemer_1,
                                                                               enterprise_haarlem, broker_haarlem):
    make_case(ondernemer_1, enterprise_haarlem, subject="Eerste vraag")
    html = login(broker_haarlem).get(reverse("helpdesk:inbox")).content.decode()
    box = _header_box(html)
    assert 'data-select-all="cases"' in box  # ticks the rows named "cases" (portal.js)
    assert 'aria-label="Alles selecteren"' in box
    assert re.search(r'\shidden(=""|\s|/|>)', box), box  # without JavaScript it would do nothing: not shown
    # The rows it ticks carry that name and belong to the bulk form.
    assert re.search(r'<input type="checkbox" name="cases" value="\d+" form="bulk-assign"', html)
    # The bulk form carries the inbox's address back (portal.js keeps it up to date after a swap).
    assert re.search(r'<input type="hidden" name="next" value="/helpdesk/" data-current-url>', html)


def test_the_bulk_form_carries_the_filters_in_use(login, make_case, ondernemer_1, enterprise_haarlem,
                                                  broker_haarlem):
    make_case(ondernemer_1, enterprise_haarlem)
    html = login(broker_haarlem).get(reverse("helpdesk:inbox"), {"status": "open"}).content.decode()
    assert 'name="next" value="/helpdesk/?status=open"' in html


def test_bulk_assign_returns_to_the_inbox_as_filtered(login, make_case, ondernemer_1, enterprise_haarlem,
                                                      broker_haarlem):
    case = make_case(ondernemer_1, enterprise_haarlem)
    client = login(broker_haarlem)
    response = client.post(reverse("helpdesk:bulk-assign"), {
        "cases": [case.pk], "assignee": broker_haarlem.pk, "next": "/helpdesk/?status=open&q=fiets&page=2"})
    assert response.status_code == 302
    assert response["Location"] == "/helpdesk/?q=fiets&status=open&page=2"
    assert Case.objects.get(pk=case.pk).assigned_to == broker_haarlem
    # Without a selection too: the message and the filters.
    response = client.post(reverse("helpdesk:bulk-assign"), {"assignee": broker_haarlem.pk,
                                                            "next": "/helpdesk/?status=open"})
    assert response["Location"] == "/helpdesk/?status=open"


@pytest.mark.parametrize("target", [
    "https://evil.example/helpdesk/?status=open",
    "//evil.example/helpdesk/",
    "/\\evil.example/helpdesk/",
    "/accounts/logout/?status=open",
    "/helpdesk/1/",
    "javascript:alert(1)",
])
def test_bulk_assign_never_redirects_elsewhere(login, make_case, ondernemer_1, enterprise_haarlem, broker_haarlem,
                                               target):
    case = make_case(ondernemer_1, enterprise_haarlem)
    response = login(broker_haarlem).post(reverse("helpdesk:bulk-assign"), {
        "cases": [case.pk], "assignee": broker_haarlem.pk, "next": target})
    assert response["Location"] == "/helpdesk/"


def test_bulk_assign_keeps_only_the_inbox_parameters(login, make_case, ondernemer_1, enterprise_haarlem,
                                                     broker_haarlem):
    case = make_case(ondernemer_1, enterprise_haarlem)
    response = login(broker_haarlem).post(reverse("helpdesk:bulk-assign"), {
        "cases": [case.pk], "assignee": broker_haarlem.pk,
        "next": "/helpdesk/?_export=csv&status=open&next=https://evil.example/&sort=-submitted_at"})
    # No download instead of the inbox, no parameter the inbox does not know.
    assert response["Location"] == "/helpdesk/?status=open&sort=-submitted_at"


def test_the_outcome_is_in_a_focusable_status_region(login, make_case, ondernemer_1, enterprise_haarlem,
                                                     broker_haarlem):
    case = make_case(ondernemer_1, enterprise_haarlem)
    response = login(broker_haarlem).post(reverse("helpdesk:bulk-assign"), {
        "cases": [case.pk], "assignee": broker_haarlem.pk, "next": "/helpdesk/?status=open"}, follow=True)
    html = response.content.decode()
    region = re.search(r'<div class="portal-messages"[^>]*>', html).group(0)
    assert 'role="status"' in region and 'tabindex="-1"' in region  # portal.js moves the focus there
    assert "1 vraag toegewezen aan" in html
    # The outcome asks for the focus (data-focus); its level still styles it (tags "focus success").
    assert re.search(r'<div class="utrecht-alert utrecht-alert--ok" data-focus><p[^>]*>1 vraag toegewezen', html)


def test_a_saved_form_s_message_does_not_take_the_focus(login, broker_haarlem):
    """Only an action's outcome on a list asks for the focus; a message after a save leaves the
    focus where the page puts it (an autofocus, the error summary, the top)."""
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = broker_haarlem
    request.session = {}
    storage = FallbackStorage(request)
    request._messages = storage
    messages.success(request, "Opgeslagen.")
    html = render_to_string("base.html", {"messages": storage}, request=request)
    assert "utrecht-alert--ok" in html and "data-focus" not in html
