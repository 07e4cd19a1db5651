"""A quote of € 0 and a realisation of nothing are field errors (both were saved)."""

import pytest
from django.urls import reverse

from procurement.models import PurchaseResponse
from tests.procurement import builders_requests as rb
from tests.procurement import factories as pf


@pytest.mark.parametrize("amount", ["0", "0,00", "-5"])
def test_a_quote_of_nothing_is_refused(amount, login, haarlem, ondernemer_1, enterprise_haarlem, api):
    request = rb.purchase_request(haarlem)
    rb.admitted(enterprise_haarlem)
    page = login(ondernemer_1).post(reverse("procurement:request-respond", args=[request.pk]),
                                    {"enterprise": enterprise_haarlem.pk, "quote_amount": amount, "message": "Graag"})
    assert page.status_code == 400 and "quote_amount" in page.context["form"].errors
    answer = api(ondernemer_1).post(f"/api/v1/procurement/requests/{request.pk}/responses/",
                                    {"enterprise": enterprise_haarlem.pk, "quote_amount": "0.00"}, format="json")
    assert answer.status_code == 400 and answer.json()["quote_amount"] == ["Vul een bedrag groter dan nul in."]
    assert not PurchaseResponse.objects.exists()


@pytest.mark.parametrize(("code", "values", "field"), [
    ("participatiewet-kort", {"fte": "1", "months": "0"}, "months"),
    ("participatiewet-kort", {"fte": "0", "months": "12"}, "fte"),
])
def test_a_realisation_of_nothing_is_refused(code, values, field, login, broker_haarlem, contract):
    block = pf.block(contract, code)
    response = login(broker_haarlem).post(reverse("procurement:realisation-create", args=[contract.pk]),
                                          {"block": block.pk, "date": "2025-03-01", **values})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [
        "Vul een waarde groter dan nul in: een realisatie van nul is er geen."]
    assert not contract.realisations.exists()
