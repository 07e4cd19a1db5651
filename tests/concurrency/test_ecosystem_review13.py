"""Review 13 of the ecosystem app: two people fill the same open function of an impact coalition at
once. Locking the role row found locked nothing while there was none yet, so each added a row for
the function; the coalition's row is locked now (``views_network.coalition_role_set``)."""

import pytest
from django.test import Client

from ecosystem.models import CoalitionRole, Party
from ecosystem.models_coalitions import Coalition
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_row_per_function_when_filled_at_once(race, haarlem, broker_haarlem):
    coalition = Coalition.objects.create(organisation=haarlem, name="Impactcoalitie Haarlem")
    party = Party.objects.create(name="Social Impact Fonds", category="fonds")
    brokers = [broker_haarlem, *(f.broker(haarlem, f"makelaar-{i}") for i in range(1, 6))]
    clients = []
    for broker in brokers:
        client = Client()
        client.force_login(broker)
        clients.append(client)
    url = f"/ecosysteem/coalities/{coalition.pk}/functie/"

    def fill(i):
        return clients[i].post(url, {"function": "financing", "party": party.pk, "notes": f"door {i}"}).status_code

    results = race(len(clients), fill)
    assert all(ok and code == 302 for ok, code in results), results
    assert CoalitionRole.objects.filter(coalition=coalition, function="financing").count() == 1
