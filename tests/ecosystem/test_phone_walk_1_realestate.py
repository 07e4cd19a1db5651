"""Phone walk 1: a space request's "Toewijzen" next to a match chose nothing (the allocation form
kept the first match, so the wrong property could be allocated); the form again after an error
did not name the property being allocated."""

import re

import pytest

from ecosystem.models import Allocation
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def props(haarlem):
    return [
        f.property_of(haarlem, name="Pand Noord", address="Noorderstraat 1"),
        f.property_of(haarlem, name="Pand Zuid", address="Zuiderstraat 2"),
    ]


@pytest.fixture
def request_(enterprise_haarlem):
    return f.space_request_of(enterprise_haarlem)


def _selected(page):
    select = page[page.index('id="allocate-property-choice"') :]
    select = select[: select.index("</select>")]
    return re.findall(r'<option value="(\d+)" selected', select)


def test_the_allocate_link_chooses_its_property(login, broker_haarlem, props, request_):
    client = login(broker_haarlem)
    url = request_.get_absolute_url()
    page = client.get(url).content.decode()
    links = re.findall(r'<a class="utrecht-link allocate-link" href="([^"]+)" data-property="(\d+)"', page)
    assert {pk for _href, pk in links} == {str(p.pk) for p in props}
    for href, pk in links:
        assert href == f"?property={pk}#allocate"
        assert _selected(client.get(url + href.split("#")[0]).content.decode()) == [pk]
    # Not one of the choices (another organisation's property, nonsense): the first stays chosen.
    first = links[0][1]
    other = f.property_of(f.OrganisationFactory(name="Gemeente Elders"))
    for value in (str(other.pk), "abc", ""):
        assert _selected(client.get(url, {"property": value}).content.decode()) == [first]


def test_the_form_again_names_the_property_being_allocated(login, broker_haarlem, props, request_):
    chosen = props[1]
    response = login(broker_haarlem).post(
        f"/ecosysteem/vastgoed/ruimtevragen/{request_.pk}/toewijzen/",
        {
            "allocate-property": chosen.pk,
            "allocate-rent": "-1",
            "allocate-tenant_kind": "social",
            "allocate-procedure": "open",
        },
    )
    assert response.status_code == 400 and not Allocation.objects.exists()
    page = response.content.decode()
    named = page[
        page.index('id="allocate-property"') : page.index("</dl>", page.index('id="allocate-property"'))
    ]
    assert "Pand Zuid" in named and "Zuiderstraat 2" in named and "Pand Noord" not in page
    assert f'name="allocate-property" value="{chosen.pk}"' in page
