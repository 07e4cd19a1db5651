"""Procurement, as the pages and the API say it: criteria are fixed once submissions open, a
response is withdrawn while its request is open and changed until the deadline (and offered so),
a closed contract offers no edit, the API takes an admitted seller as the screen does, and the
colleague's payments tile counts what the list it opens shows."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from procurement import dashboard_figures, figures, services, services_requests
from procurement.constants import ChallengePhase, ResponseStatus
from procurement.models import Realisation, SupplierPayment
from tests.procurement.builders_requests import admitted, challenge, purchase_request, response, submission

pytestmark = pytest.mark.django_db


def test_criteria_are_fixed_once_submissions_open(haarlem, broker_haarlem, enterprise_haarlem, login):
    c = challenge(haarlem, phase=ChallengePhase.SUBMISSIONS)
    submission(c, enterprise_haarlem)
    ids = list(c.criteria.values_list("pk", flat=True))
    form = {"criteria-TOTAL_FORMS": str(len(ids)), "criteria-INITIAL_FORMS": str(len(ids)),
            "criteria-MIN_NUM_FORMS": "0", "criteria-MAX_NUM_FORMS": "1000"}
    for i, pk in enumerate(ids):
        form.update({f"criteria-{i}-id": str(pk), f"criteria-{i}-name": "x", f"criteria-{i}-weight": "1",
                     f"criteria-{i}-order": "0", f"criteria-{i}-DELETE": "on", f"criteria-{i}-challenge": str(c.pk)})
    client = login(broker_haarlem)
    url = reverse("procurement:challenge-criteria", args=[c.pk])
    assert client.get(url).context["locked"] is True
    assert client.post(url, form).status_code == 400
    assert c.criteria.count() == len(ids) > 0


def test_a_response_is_not_withdrawn_once_the_request_is_closed(haarlem, broker_haarlem, enterprise_haarlem,
                                                                ondernemer_1, api, login):
    admitted(enterprise_haarlem)
    request = purchase_request(haarlem)
    answer = response(request, enterprise_haarlem)
    services_requests.request_close(request=request, by=broker_haarlem)
    page = login(ondernemer_1).get(request.get_absolute_url()).content.decode()
    assert reverse("procurement:response-withdraw", args=[answer.pk]) not in page
    reply = api(ondernemer_1).post(f"/api/v1/procurement/responses/{answer.pk}/withdraw/")
    assert reply.status_code == 400 and "gesloten" in str(reply.json())
    answer.refresh_from_db()
    assert answer.status == ResponseStatus.SUBMITTED


def test_after_the_deadline_a_response_is_not_offered_for_change(haarlem, enterprise_haarlem, ondernemer_1, login):
    admitted(enterprise_haarlem)
    request = purchase_request(haarlem)
    answer = response(request, enterprise_haarlem)
    client = login(ondernemer_1)
    edit = reverse("procurement:response-update", args=[answer.pk])
    assert edit in client.get(request.get_absolute_url()).content.decode()
    type(request).objects.filter(pk=request.pk).update(deadline=timezone.localdate() - dt.timedelta(days=1))
    page = client.get(request.get_absolute_url()).content.decode()
    assert edit not in page
    assert reverse("procurement:response-withdraw", args=[answer.pk]) in page  # still open: may withdraw


def test_a_closed_contract_offers_no_edit(haarlem, broker_haarlem, contract, login):
    client = login(broker_haarlem)
    edit = reverse("procurement:contract-update", args=[contract.pk])
    assert edit in client.get(contract.get_absolute_url()).content.decode()
    services.contract_close(contract=contract, by=broker_haarlem)
    assert edit not in client.get(contract.get_absolute_url()).content.decode()


def test_the_api_takes_an_admitted_seller_only_as_the_screen_does(broker_haarlem, contract, enterprise_amersfoort,
                                                                  api):
    url = f"/api/v1/procurement/contracts/{contract.pk}/realisations/"
    body = {"block": "inkoop", "date": "2025-03-01", "amount": "1000.00", "seller": enterprise_amersfoort.pk}
    refused = api(broker_haarlem).post(url, body, format="json")
    assert refused.status_code == 400 and "toegelaten" in refused.json()["seller"][0]
    assert not Realisation.objects.exists()
    admitted(enterprise_amersfoort)
    assert api(broker_haarlem).post(url, body, format="json").status_code == 201


def test_the_payments_tile_counts_admitted_enterprises_as_the_figures_and_its_list(
        haarlem, inkoper_haarlem, enterprise_haarlem, enterprise_amersfoort, login):
    admitted(enterprise_amersfoort)
    year = timezone.localdate().year
    for enterprise, amount in ((enterprise_haarlem, "1000"), (enterprise_amersfoort, "250")):  # Haarlem's: not admitted
        SupplierPayment.objects.create(organisation=haarlem, supplier_name=enterprise.name,
                                       supplier_kvk=enterprise.kvk_number, date=dt.date(year, 1, 2),
                                       amount=D(amount), enterprise=enterprise)
    tile = dashboard_figures.colleague_payments(inkoper_haarlem)
    page = {f.key: f.value for f in figures.spending_figures(inkoper_haarlem, haarlem, year)["spending"]}
    assert tile["amount"] == page["spending_impact"] == D("250.00") and tile["count"] == 1
    listed = login(inkoper_haarlem).get(tile["list_url"])
    assert listed.context["table"].paginator.count == 1


def test_an_odd_block_number_is_a_field_error_not_a_server_error(login, ondernemer_1, contract):
    """"²" is a digit to str.isdigit() but no number to the database: the supplier's page crashed."""
    client = login(ondernemer_1)
    url = reverse("procurement:realisation-create", args=[contract.pk])
    assert client.get(url, {"block": "²"}).status_code == 200
    response = client.post(url, {"block": "²", "date": "2026-01-05"})
    assert response.status_code == 400 and "block" in response.context["form"].errors
    assert not Realisation.objects.exists()
