"""A property's photo is added once (``impactportal.ui.once``): Back and Toevoegen again adds no
second copy."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ecosystem.models import PropertyPhoto
from tests import factories as f
from tests.clamd import PNG
from tests.core.test_form_once import ALREADY, messages_of, token_of

pytestmark = pytest.mark.django_db


def test_a_photo_is_added_once(login, haarlem, broker_haarlem):
    prop, client = f.property_of(haarlem), login(broker_haarlem)
    url = reverse("ecosystem:property-photo-add", args=[prop.pk])
    token = token_of(client.get(prop.get_absolute_url()))

    def send():
        return client.post(url, {"image": SimpleUploadedFile("foto.png", PNG, content_type="image/png"),
                                 "caption": "Voorgevel", "_form_token": token})

    assert send().status_code == 302
    again = send()
    assert again.status_code == 302 and again.url == prop.get_absolute_url() and ALREADY in messages_of(again)
    assert PropertyPhoto.objects.filter(property=prop, caption="Voorgevel").count() == 1
