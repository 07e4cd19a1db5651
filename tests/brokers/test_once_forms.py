"""Helpdesk questions, replies and toolbox comments are sent once (``impactportal.ui.once``):
the browser's Back button and the button again shows what the first POST made, not a second
question, reply or comment."""

import re

import pytest
from django.urls import reverse

from brokers.models import AnswerComment, Case, CaseMessage
from tests import factories as f
from tests.core.test_form_once import ALREADY, BUSY, messages_of, token_of

pytestmark = pytest.mark.django_db


def test_a_question_is_asked_once(login, ondernemer_1, enterprise_haarlem, broker_haarlem, monkeypatch):
    client = login(ondernemer_1)
    url = reverse("helpdesk:case-new")
    data = {"category": "financing", "subject": "Lening voor een machine", "description": "Wij zoeken geld.",
            "organisation": "", "enterprise": enterprise_haarlem.pk, "_form_token": token_of(client.get(url))}
    wrong = client.post(url, {**data, "subject": ""})
    assert wrong.status_code == 400 and token_of(wrong) == data["_form_token"]
    first = client.post(url, data)
    case = Case.objects.get()
    assert first.status_code == 302 and first.url == reverse("helpdesk:my-case", args=[case.pk])
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == first.url and ALREADY in messages_of(again)
    assert Case.objects.count() == 1
    # The same form sent while the first is still running: nothing made, the page again with a message.
    from django.core.cache import cache

    from impactportal.ui import once

    monkeypatch.setattr(once, "WAIT_SECONDS", 0)
    data["_form_token"] = token_of(client.get(url))
    cache.add(f"once:{ondernemer_1.pk}:{data['_form_token']}", once.PENDING, 60)
    busy = client.post(url, data, HTTP_REFERER="http://testserver" + url)
    assert busy.status_code == 302 and busy.url == "http://testserver" + url
    assert any(BUSY in m for m in messages_of(busy))
    assert Case.objects.count() == 1


def test_a_reply_is_posted_once(login, case_haarlem, broker_haarlem, ondernemer_1):
    staff = login(broker_haarlem)
    page = reverse("helpdesk:case-detail", args=[case_haarlem.pk])
    url = reverse("helpdesk:case-reply", args=[case_haarlem.pk])
    data = {"body": "Wij bellen u morgen.", "_form_token": token_of(staff.get(page))}
    assert staff.post(url, data).status_code == 302
    again = staff.post(url, data)
    assert again.status_code == 302 and again.url == page and ALREADY in messages_of(again)
    assert CaseMessage.objects.filter(case=case_haarlem, body="Wij bellen u morgen.").count() == 1

    own = login(ondernemer_1)
    page = reverse("helpdesk:my-case", args=[case_haarlem.pk])
    url = reverse("helpdesk:my-case-reply", args=[case_haarlem.pk])
    data = {"body": "Dank u, dat is goed.", "_form_token": token_of(own.get(page))}
    wrong = own.post(url, {**data, "body": ""})
    assert wrong.status_code == 400 and token_of(wrong) == data["_form_token"]
    assert own.post(url, data).status_code == 302
    again = own.post(url, data)
    assert again.status_code == 302 and again.url == page and ALREADY in messages_of(again)
    assert CaseMessage.objects.filter(case=case_haarlem, body="Dank u, dat is goed.").count() == 1


def test_a_comment_is_placed_once_and_each_box_has_its_own_token(login, broker_haarlem, haarlem):
    from brokers.models import Question

    f.toolbox_edition()
    vision = Question.objects.get(module__edition__is_current=True, key="vision")
    client = login(broker_haarlem)
    page = client.get(reverse("brokers:toolbox-module", args=[6])).content.decode()
    action = reverse("brokers:toolbox-comment", args=[vision.pk])
    tokens = re.findall(r'name="_form_token" value="([^"]+)"', page)
    assert len(tokens) > 1 and len(set(tokens)) == len(tokens)  # a box each: another box is another form
    token = re.search(re.escape(action) + r'".*?name="_form_token" value="([^"]+)"', page, re.S).group(1)
    url = reverse("brokers:toolbox-comment", args=[vision.pk])
    assert client.post(url, {"body": "Kijk jij even mee?", "_form_token": token}).status_code == 302
    again = client.post(url, {"body": "Kijk jij even mee?", "_form_token": token})
    assert again.status_code == 302 and ALREADY in messages_of(again)
    assert AnswerComment.objects.filter(body="Kijk jij even mee?").count() == 1
