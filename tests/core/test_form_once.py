"""A create form is sent once: Back and Opslaan again shows what the first POST created instead
of creating it twice (``impactportal.ui.once``, in ScopedCreateView and ScopedChildCreateView)."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from brokers.models import BrokerTeam
from financing.models import ImpactFund, Investment, Repayment
from procurement.models import Contract
from tests import factories as f
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db

ALREADY = "Dit formulier was al verstuurd; u ziet wat toen is vastgelegd."


def token_of(response) -> str:
    found = re.findall(r'name="_form_token" value="([^"]+)"', response.content.decode())
    assert len(found) == 1, "the form carries one token"
    return found[0]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_sending_a_contract_form_twice_creates_one_contract(login, broker_haarlem, haarlem, region,
                                                            enterprise_haarlem):
    pf.rule_set(region=region, name="Regeling ZKIJ")
    client = login(broker_haarlem)
    url = reverse("procurement:contract-create")
    data = {"organisation": haarlem.pk, "title": "Groenonderhoud parken", "value": "400000",
            "award_date": "2025-02-01", "end_date": "2027-01-31",
            "supplier": f"{enterprise_haarlem.kvk_number} {enterprise_haarlem.name}",
            "_form_token": token_of(client.get(url))}
    first = client.post(url, data)
    contract = Contract.objects.get(title="Groenonderhoud parken")
    assert first.status_code == 302 and first.url == contract.get_absolute_url()
    again = client.post(url, data)  # Back, and Opslaan again
    assert Contract.objects.filter(title="Groenonderhoud parken").count() == 1
    assert again.status_code == 302 and again.url == contract.get_absolute_url()
    assert ALREADY in messages_of(again)
    # A new form (a new token) creates again, as it should.
    data["_form_token"] = token_of(client.get(url))
    assert client.post(url, data).status_code == 302
    assert Contract.objects.filter(title="Groenonderhoud parken").count() == 2


def test_a_form_in_error_keeps_its_token_and_is_sent_once_after_correcting(login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    url = reverse("brokers:team-create")
    token = token_of(client.get(url))
    wrong = client.post(url, {"organisation": haarlem.pk, "name": "", "form": "team", "_form_token": token})
    assert wrong.status_code in (200, 400) and "name" in wrong.context["form"].errors
    assert token_of(wrong) == token  # the corrected form is the same form
    data = {"organisation": haarlem.pk, "name": "Nieuw team", "form": "team", "_form_token": token}
    first = client.post(url, data)
    team = BrokerTeam.objects.get(name="Nieuw team")
    assert first.status_code == 302
    again = client.post(url, data)
    assert BrokerTeam.objects.filter(name="Nieuw team").count() == 1
    assert again.status_code == 302 and again.url == team.get_absolute_url()
    assert ALREADY in messages_of(again)


def test_a_child_form_is_sent_once(login, broker_haarlem, haarlem, region, enterprise_haarlem):
    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region)
    investment = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("80000"), kind="loan",
                                           date=dt.date(2025, 3, 1))
    client = login(broker_haarlem)
    url = reverse("financing:repayment-create", args=[investment.pk])
    data = {"date": "2026-06-01", "amount": "5000", "interest": "0", "_form_token": token_of(client.get(url))}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 302 and ALREADY in messages_of(again)
    assert Repayment.objects.filter(investment=investment).count() == 1


def test_the_token_means_nothing_to_another_user_or_without_it(login, client, broker_haarlem, haarlem):
    other = f.broker(haarlem, "makelaar2")
    url = reverse("brokers:team-create")
    token = token_of(login(broker_haarlem).get(url))
    data = {"organisation": haarlem.pk, "name": "Team A", "form": "team", "_form_token": token}
    assert client.post(url, data).status_code == 302
    client.logout()
    client.force_login(other)
    data["name"] = "Team B"
    response = client.post(url, data)  # another user's session: created, not sent to Team A
    assert response.status_code == 302 and response.url == BrokerTeam.objects.get(name="Team B").get_absolute_url()
    # Without a token (a script, an old page) the form works as before.
    response = client.post(url, {"organisation": haarlem.pk, "name": "Team C", "form": "team"})
    assert response.status_code == 302 and BrokerTeam.objects.filter(name="Team C").exists()
    assert ALREADY not in messages_of(response)
