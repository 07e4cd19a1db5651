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


# --- two POSTs of one form at the same moment (a double click) ------------------------------------

BUSY = "Dit formulier wordt al verwerkt"


def contract_data(client, haarlem, enterprise_haarlem):
    url = reverse("procurement:contract-create")
    return url, {"organisation": haarlem.pk, "title": "Groenonderhoud parken", "value": "400000",
                 "award_date": "2025-02-01", "end_date": "2027-01-31",
                 "supplier": f"{enterprise_haarlem.kvk_number} {enterprise_haarlem.name}",
                 "_form_token": token_of(client.get(url))}


def test_a_second_post_while_the_first_holds_the_claim_creates_nothing(login, broker_haarlem, haarlem, region,
                                                                      enterprise_haarlem, monkeypatch):
    from django.core.cache import cache

    from impactportal.ui import once

    monkeypatch.setattr(once, "WAIT_SECONDS", 0)
    pf.rule_set(region=region, name="Regeling ZKIJ")
    client = login(broker_haarlem)
    url, data = contract_data(client, haarlem, enterprise_haarlem)
    key = f"once:{broker_haarlem.pk}:{data['_form_token']}"
    assert cache.add(key, once.PENDING, 60)  # the first POST is running
    response = client.post(url, data)
    assert response.status_code == 409 and BUSY in response.content.decode()
    assert token_of(response) == data["_form_token"]  # the same form: sent again later, it shows the result
    assert not Contract.objects.filter(title="Groenonderhoud parken").exists()
    assert cache.get(key) == once.PENDING  # the other POST's claim is left alone
    # The first POST ends having created: the second, sent again, is led there.
    cache.set(key, "/elders/", 60)
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == "/elders/" and ALREADY in messages_of(again)
    assert not Contract.objects.filter(title="Groenonderhoud parken").exists()


def test_a_second_post_waits_for_the_first_and_shows_what_it_created(login, broker_haarlem, haarlem, region,
                                                                     enterprise_haarlem, monkeypatch):
    from django.core.cache import cache

    from impactportal.ui import once

    pf.rule_set(region=region, name="Regeling ZKIJ")
    client = login(broker_haarlem)
    url, data = contract_data(client, haarlem, enterprise_haarlem)
    key = f"once:{broker_haarlem.pk}:{data['_form_token']}"
    cache.add(key, once.PENDING, 60)
    monkeypatch.setattr(once.time, "sleep", lambda seconds: cache.set(key, "/het-contract/", 60))  # the first ends
    response = client.post(url, data)
    assert response.status_code == 302 and response.url == "/het-contract/" and ALREADY in messages_of(response)
    assert not Contract.objects.filter(title="Groenonderhoud parken").exists()


def test_a_form_in_error_gives_its_claim_back_and_a_created_one_keeps_it(login, broker_haarlem, haarlem, region,
                                                                        enterprise_haarlem, monkeypatch):
    from django.core.cache import cache

    from impactportal.ui import once

    monkeypatch.setattr(once, "WAIT_SECONDS", 0)
    pf.rule_set(region=region, name="Regeling ZKIJ")
    client = login(broker_haarlem)
    url, data = contract_data(client, haarlem, enterprise_haarlem)
    key = f"once:{broker_haarlem.pk}:{data['_form_token']}"
    wrong = client.post(url, {**data, "title": ""})
    assert wrong.status_code in (200, 400) and "title" in wrong.context["form"].errors
    assert cache.get(key) is None  # given back: the corrected form may be sent
    first = client.post(url, data)
    contract = Contract.objects.get(title="Groenonderhoud parken")
    assert first.status_code == 302 and cache.get(key) == contract.get_absolute_url()
    # Even without the session's record (saved only when the request ends), the cache leads there.
    session = client.session
    session.pop("once_forms")
    session.save()
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == contract.get_absolute_url()
    assert Contract.objects.filter(title="Groenonderhoud parken").count() == 1


def test_a_child_form_sent_twice_at_once_creates_nothing_the_second_time(login, broker_haarlem, haarlem, region,
                                                                        enterprise_haarlem, monkeypatch):
    from django.core.cache import cache

    from impactportal.ui import once

    monkeypatch.setattr(once, "WAIT_SECONDS", 0)
    fund = ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region)
    investment = Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("80000"), kind="loan",
                                           date=dt.date(2025, 3, 1))
    client = login(broker_haarlem)
    url = reverse("financing:repayment-create", args=[investment.pk])
    data = {"date": "2026-06-01", "amount": "5000", "interest": "0", "_form_token": token_of(client.get(url))}
    key = f"once:{broker_haarlem.pk}:{data['_form_token']}"
    cache.add(key, once.PENDING, 60)
    response = client.post(url, data)
    assert response.status_code == 409 and BUSY in response.content.decode()
    assert not Repayment.objects.filter(investment=investment).exists()
    cache.delete(key)  # the first POST was in error and gave it back
    wrong = client.post(url, {**data, "amount": ""})
    assert wrong.status_code == 400 and cache.get(key) is None
    assert client.post(url, data).status_code == 302
    assert Repayment.objects.filter(investment=investment).count() == 1


def test_a_second_post_whose_first_was_in_error_goes_ahead(login, broker_haarlem, haarlem, region,
                                                           enterprise_haarlem, monkeypatch):
    """The first POST of the pair ended in error and gave its claim back while the second waited:
    the second is handled (here: it creates), not answered with "al verwerkt"."""
    from django.core.cache import cache

    from impactportal.ui import once

    pf.rule_set(region=region, name="Regeling ZKIJ")
    client = login(broker_haarlem)
    url, data = contract_data(client, haarlem, enterprise_haarlem)
    key = f"once:{broker_haarlem.pk}:{data['_form_token']}"
    cache.add(key, once.PENDING, 60)
    monkeypatch.setattr(once.time, "sleep", lambda seconds: cache.delete(key))
    response = client.post(url, data)
    contract = Contract.objects.get(title="Groenonderhoud parken")
    assert response.status_code == 302 and response.url == contract.get_absolute_url()
    assert cache.get(key) == contract.get_absolute_url()
