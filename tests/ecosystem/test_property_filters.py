"""Visitors see published properties only, so their filter form does not offer "published"."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_visitors_are_not_offered_the_published_filter(login, broker_haarlem):
    url = reverse("ecosystem:property-list")
    anonymous = Client().get(url)
    assert anonymous.status_code == 200
    assert 'name="is_published"' not in anonymous.content.decode()
    assert Client().get(url, {"is_published": "false"}).status_code == 200  # ignored, not an error
    assert 'name="is_published"' in login(broker_haarlem).get(url).content.decode()
