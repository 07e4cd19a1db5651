"""A change made with an API key names its user in the audit log. The key signs in inside DRF's
view, after auditlog's middleware read the (then anonymous) request user: every change made with a
key was logged without an actor (``audit.name_actor``)."""

from auditlog.models import LogEntry
from rest_framework.test import APIClient

from enterprises.models import Enterprise
from tests.api_keys import api_key_for


def _latest(obj):
    return LogEntry.objects.get_for_object(obj).order_by("-timestamp", "-pk").first()


def _keyed(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {api_key_for(user)}")
    return client


def test_a_change_made_with_an_api_key_names_its_user(broker_haarlem, enterprise_haarlem):
    answer = _keyed(broker_haarlem).patch(f"/api/v1/enterprises/{enterprise_haarlem.pk}/",
                                          {"city": "Haarlem-Noord"}, format="json")
    assert answer.status_code == 200, answer.content
    entry = _latest(enterprise_haarlem)
    assert entry.changes_dict["city"][1] == "Haarlem-Noord"
    assert entry.actor == broker_haarlem


def test_a_later_change_outside_a_request_is_not_put_on_that_user(broker_haarlem, enterprise_haarlem):
    assert _keyed(broker_haarlem).patch(f"/api/v1/enterprises/{enterprise_haarlem.pk}/", {"city": "Spaarndam"},
                                        format="json").status_code == 200
    # The same thread, no request: a task or command that names no one logs no one.
    enterprise = Enterprise.objects.get(pk=enterprise_haarlem.pk)
    enterprise.city = "Haarlem"
    enterprise.save()
    assert _latest(enterprise).actor is None


def test_a_request_with_a_bad_key_names_no_one(broker_haarlem, enterprise_haarlem):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.patch(f"/api/v1/enterprises/{enterprise_haarlem.pk}/", {"city": "X"},
                        format="json").status_code == 401
    assert Enterprise.objects.get(pk=enterprise_haarlem.pk).city == enterprise_haarlem.city
