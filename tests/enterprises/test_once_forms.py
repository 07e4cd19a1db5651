"""A certificate is added once (``impactportal.ui.once``): Back and Opslaan again adds no second."""

import pytest
from django.urls import reverse

from enterprises.constants import Scheme
from enterprises.models import Certification
from tests.core.test_form_once import ALREADY, messages_of, token_of

pytestmark = pytest.mark.django_db


def test_a_certificate_is_added_once(login, ondernemer_1, enterprise_haarlem):
    client = login(ondernemer_1)
    url = reverse("enterprises:certification-create", args=[enterprise_haarlem.pk])
    data = {"scheme": Scheme.PSO_BASIS, "number": "PSO-2026-118", "valid_until": "2027-06-01",
            "_form_token": token_of(client.get(url))}
    wrong = client.post(url, {**data, "number": ""})
    assert "number" in wrong.context["form"].errors and token_of(wrong) == data["_form_token"]
    first = client.post(url, data)
    assert first.status_code == 302
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == first.url and ALREADY in messages_of(again)
    assert Certification.objects.filter(enterprise=enterprise_haarlem).count() == 1
