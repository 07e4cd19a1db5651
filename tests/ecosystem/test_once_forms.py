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


# --- "Interesse tonen" on a space request's matches ---------------------------------------------


def test_interest_in_a_property_is_shown_once(login, haarlem, ondernemer_1, enterprise_haarlem):
    """Back and "Interesse tonen" again (or a double click): the response given, not the error
    "U heeft al op dit pand gereageerd". Each match's form has a token of its own."""
    import re

    from ecosystem.models import PropertyResponse

    first_prop = f.property_of(haarlem, name="Werkplaats Centrum")
    second_prop = f.property_of(haarlem, name="Atelier Centrum")
    space_request, client = f.space_request_of(enterprise_haarlem), login(ondernemer_1)
    url = reverse("ecosystem:space-request-respond", args=[space_request.pk])
    page = client.get(space_request.get_absolute_url()).content.decode()
    tokens = dict(re.findall(r'name="property" value="(\d+)"><input type="hidden" name="_form_token" '
                             r'value="([^"]+)"', page))
    assert set(tokens) == {str(first_prop.pk), str(second_prop.pk)}
    assert len(set(tokens.values())) == 2  # one per form
    data = {"property": first_prop.pk, "message": "Graag!", "_form_token": tokens[str(first_prop.pk)]}
    assert client.post(url, data).status_code == 302
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == space_request.get_absolute_url()
    assert ALREADY in messages_of(again)
    assert PropertyResponse.objects.filter(space_request=space_request, property=first_prop).count() == 1
    # The other match's form is another form: it is sent as well.
    other = {"property": second_prop.pk, "message": "", "_form_token": tokens[str(second_prop.pk)]}
    assert client.post(url, other).status_code == 302
    assert PropertyResponse.objects.filter(space_request=space_request).count() == 2


def test_a_refused_interest_keeps_its_token(login, haarlem, amersfoort, ondernemer_1, enterprise_haarlem):
    """The page of errors carries the form's token: the corrected form is the same form."""
    from ecosystem.models import PropertyResponse

    space_request, client = f.space_request_of(enterprise_haarlem), login(ondernemer_1)
    unseen = f.property_of(amersfoort, is_published=False)
    url = reverse("ecosystem:space-request-respond", args=[space_request.pk])
    token = "t" * 43  # as a rendered form carries it
    wrong = client.post(url, {"property": unseen.pk, "message": "", "_form_token": token})
    assert wrong.status_code == 400 and token_of(wrong) == token
    prop = f.property_of(haarlem)
    assert client.post(url, {"property": prop.pk, "message": "", "_form_token": token}).status_code == 302
    again = client.post(url, {"property": prop.pk, "message": "", "_form_token": token})
    assert again.status_code == 302 and ALREADY in messages_of(again)
    assert PropertyResponse.objects.filter(space_request=space_request).count() == 1


def test_an_allocation_is_made_once(login, haarlem, broker_haarlem, enterprise_haarlem):
    """Back and Toewijzen again: the allocation made, not "Deze ruimtevraag is niet meer open"."""
    from ecosystem.models import Allocation

    prop, space_request = f.property_of(haarlem), f.space_request_of(enterprise_haarlem)
    client = login(broker_haarlem)
    url = reverse("ecosystem:space-request-allocate", args=[space_request.pk])
    data = {"allocate-property": prop.pk, "allocate-rent": "700", "allocate-tenant_kind": "social",
            "allocate-procedure": "exception", "allocate-justification": "Er is maar één gegadigde die past.",
            "allocate-decided_by": "College van B&W", "allocate-decision_date": "2026-02-01",
            "_form_token": token_of(client.get(space_request.get_absolute_url()))}
    first = client.post(url, data)
    allocation = Allocation.objects.get()
    assert first.status_code == 302 and first.url == allocation.get_absolute_url()
    again = client.post(url, data)
    assert again.status_code == 302 and again.url == allocation.get_absolute_url() and ALREADY in messages_of(again)
    assert Allocation.objects.count() == 1
