"""Photos of properties are scanned by clamd when ``PORTAL_CLAMAV_URL`` is set (``tests/clamd.py``)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecosystem.models import PropertyPhoto
from tests import factories as f
from tests.clamd import INFECTED_PNG, PNG, SCENARIOS, check_entry_point

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_property_photo(request, login, haarlem, broker_haarlem, scenario):
    prop, client = f.property_of(haarlem), login(broker_haarlem)

    def send(content):
        return client.post(reverse("ecosystem:property-photo-add", args=[prop.pk]),
                           {"image": SimpleUploadedFile("foto.png", content, content_type="image/png")})

    check_entry_point(request, scenario, send, PropertyPhoto.objects.count, field="image", clean=PNG,
                      infected=INFECTED_PNG)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_property_photo_in_the_admin(request, admin_client, haarlem, scenario):
    """The admin's forms validate through the model's validators: the same check."""
    prop = f.property_of(haarlem)

    def send(content):
        return admin_client.post(reverse("admin:ecosystem_propertyphoto_add"), {
            "property": prop.pk, "caption": "Voorgevel",
            "image": SimpleUploadedFile("foto.png", content, content_type="image/png")})

    check_entry_point(request, scenario, send, PropertyPhoto.objects.count, field="image", clean=PNG,
                      infected=INFECTED_PNG, refused=200, admin=True)
