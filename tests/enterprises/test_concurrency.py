"""Double submits on PostgreSQL: eight requests at the same moment, each in its own thread and
database connection. Before the fix seven of them were IntegrityError 500s. SQLite serialises
writers (BEGIN IMMEDIATE), so there the race cannot happen; the sequential tests in
test_validation.py drive the same code paths on SQLite."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from enterprises.forms import DefinitionCheckForm
from enterprises.models import DefinitionCheck, Enterprise
from impactportal.accounts.models import Membership
from tests import factories as f

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 8


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time")


def in_parallel(user, post, barrier_on):
    """Run ``post(client)`` in PARALLEL threads; every thread waits at ``barrier_on`` (a method
    patched to meet the others first) so that all of them are past validation before any saves."""
    cookies = Client()
    cookies.force_login(user)
    barrier = threading.Barrier(PARALLEL, timeout=30)
    responses = [None] * PARALLEL

    def worker(index):
        client = Client(raise_request_exception=False)
        client.cookies = cookies.cookies
        try:
            responses[index] = post(client)
        finally:
            connection.close()

    cls, name = barrier_on
    original = getattr(cls, name)

    def meet_then_run(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        barrier.wait()
        return result

    setattr(cls, name, meet_then_run)
    try:
        threads = [threading.Thread(target=worker, args=(i,)) for i in range(PARALLEL)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        setattr(cls, name, original)
    return responses


def test_parallel_first_saves_of_a_definition_check_give_one_row_and_no_500(haarlem, broker_haarlem,
                                                                            enterprise_haarlem):
    url = reverse("enterprises:definition-check", args=[enterprise_haarlem.pk])
    data = dict.fromkeys(DefinitionCheck.CHARACTERISTICS, "true") | {"notes": "Dubbelklik", "checked_on": "2026-01-02"}
    responses = in_parallel(broker_haarlem, lambda client: client.post(url, data),
                            barrier_on=(DefinitionCheckForm, "is_valid"))
    assert [r.status_code for r in responses] == [302] * PARALLEL
    check = DefinitionCheck.objects.get()
    assert check.notes == "Dubbelklik" and check.checked_by == broker_haarlem


def test_parallel_self_registrations_with_one_kvk_number_give_one_enterprise_and_field_errors(haarlem):
    user = f.UserFactory(username="dubbelklikker")
    data = {"name": "Dubbel BV", "kvk_number": "90000001", "municipality": haarlem.pk,
            "enterprise_type": "impact_first"}
    # full_clean runs twice per request (form, then service): every thread is past both checks
    # before any of them inserts.
    responses = in_parallel(user, lambda client: client.post(reverse("enterprises:self-register"), data),
                            barrier_on=(Enterprise, "full_clean"))
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * (PARALLEL - 1) + [302], codes
    for response in responses:
        if response.status_code == 200:
            assert "Er staat al een onderneming met dit KvK-nummer in het register." in response.content.decode()
    assert Enterprise.objects.filter(kvk_number="90000001").count() == 1
    assert Membership.objects.filter(user=user, enterprise__kvk_number="90000001").count() == 1
