"""What the real-estate lists offer: visitors no "published" filter (they see published properties
only), and "new space request" only to who may file one."""

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


def test_only_who_may_file_a_space_request_is_offered_to(login, inkoper_haarlem, broker_haarlem, ondernemer_1):
    """A procurement colleague saw "Nieuw: ruimtevraag" and "Voeg de eerste toe", both a 403."""
    url, create = reverse("ecosystem:space-request-list"), reverse("ecosystem:space-request-create")
    colleague = login(inkoper_haarlem)
    assert f'href="{create}"' not in colleague.get(url).content.decode()
    assert colleague.get(create).status_code == 403
    for user in (broker_haarlem, ondernemer_1):
        client = login(user)
        assert f'href="{create}"' in client.get(url).content.decode()
        assert client.get(create).status_code == 200


def test_no_tenant_mix_chart_without_allocations(login, inkoper_haarlem):
    """An empty chart stood under "no allocations yet"; it now says there is no mix to show."""
    html = login(inkoper_haarlem).get(reverse("ecosystem:allocation-list")).content.decode()
    assert 'id="tenant-mix-empty"' in html and "tenant-mix-chart" not in html
