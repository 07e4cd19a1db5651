"""The property let to an enterprise: once allocated it leaves the public list, but the
entrepreneurs of the enterprise it was allocated to (the tenant) still view it, on its page and in
the API, view only. Other entrepreneurs, a candidate that was not chosen and the enterprise of a
request withdrawn after the allocation get 404; the tenant changes nothing (403)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ecosystem import services_realestate as services
from ecosystem.models import Allocation, Property, PropertyPhoto, PropertyResponse
from impactportal import access
from tests import factories as f
from tests.pages import text

pytestmark = pytest.mark.django_db
JUSTIFICATION = "Alleen deze ondernemer voldoet aan de eis van inzet in de wijk, dus er is één serieuze gegadigde."
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
       b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
API = "/api/v1/ecosystem/properties/"


def allocate(prop, request_, by):
    return services.allocate(property=prop, space_request=request_, rent=D(700), by=by, procedure="exception",
                             justification=JUSTIFICATION, decided_by="College van B&W",
                             decision_date=dt.date(2026, 2, 1), start_date=dt.date(2026, 3, 1))


@pytest.fixture
def other_enterprise(haarlem):
    """A second enterprise of Haarlem: responded to the same property, and was not chosen."""
    return f.EnterpriseFactory(name="Kringloop Schalkwijk", municipality=haarlem)


@pytest.fixture
def other_entrepreneur(other_enterprise):
    return f.entrepreneur(other_enterprise, "ondernemer-schalkwijk")


@pytest.fixture
def let(haarlem, enterprise_haarlem, other_enterprise, broker_haarlem):
    """"Werkplaats Ripperda" (published, with a photo): both enterprises responded, it was allocated
    to Fietsenmakerij Haarlem's request."""
    prop = f.property_of(haarlem, name="Werkplaats Ripperda", available_from=dt.date(2026, 1, 1))
    photo = PropertyPhoto.objects.create(property=prop, image=SimpleUploadedFile("ripperda.png", PNG))
    chosen = f.space_request_of(enterprise_haarlem, purpose="Fietswerkplaats")
    passed_over = f.space_request_of(other_enterprise, purpose="Kringloopwinkel")
    for request_ in (chosen, passed_over):
        PropertyResponse.objects.create(space_request=request_, property=prop, message="Interesse")
    allocation = allocate(prop, chosen, broker_haarlem)
    return {"property": prop, "photo": photo, "request": chosen, "passed_over": passed_over,
            "allocation": allocation}


def test_the_tenant_views_the_property_let_to_their_enterprise(login, let, ondernemer_1, enterprise_haarlem):
    prop = let["property"]
    response = login(ondernemer_1).get(prop.get_absolute_url())
    assert response.status_code == 200
    page = text(response)
    assert 'id="property-allocated-badge"' in page and "Toegewezen, met ingang van 01-03-2026" in page
    tenant = page.split('id="property-tenant"')[1].split("</dd>")[0]
    assert "Fietsenmakerij Haarlem" in tenant and "uw onderneming" in tenant
    # View only: no edit button, no photo form, no internal section (rents, notes, other candidates).
    assert reverse("ecosystem:property-update", args=[prop.pk]) not in page
    assert reverse("ecosystem:property-photo-add", args=[prop.pk]) not in page
    assert 'id="property-internal"' not in page and "Intern " not in page and "1.500" not in page
    assert "Kringloop Schalkwijk" not in page
    # Its photo comes with it.
    assert reverse("ecosystem:property-photo", args=[let["photo"].pk]) in page
    assert login(ondernemer_1).get(reverse("ecosystem:property-photo", args=[let["photo"].pk])).status_code == 200
    # And it is in their list of properties, as allocated.
    listing = text(login(ondernemer_1).get(reverse("ecosystem:property-list")))
    assert "Toegewezen" in listing.split("Werkplaats Ripperda")[1].split("</tr>")[0]


def test_the_owner_sees_the_tenant_too(login, let, broker_haarlem):
    page = text(login(broker_haarlem).get(let["property"].get_absolute_url()))
    tenant = page.split('id="property-tenant"')[1].split("</dd>")[0]
    assert "Fietsenmakerij Haarlem" in tenant and "uw onderneming" not in tenant
    assert reverse("ecosystem:property-update", args=[let["property"].pk]) in page


def test_the_tenant_reads_it_in_the_api_without_the_owners_fields(api, let, ondernemer_1, enterprise_haarlem):
    prop = let["property"]
    rows = {row["id"]: row for row in api(ondernemer_1).get(API).json()["results"]}
    assert prop.pk in rows
    for row in (rows[prop.pk], api(ondernemer_1).get(f"{API}{prop.pk}/").json()):
        assert row["tenant"] == {"id": enterprise_haarlem.pk, "name": "Fietsenmakerij Haarlem"}
        assert row["is_allocated"] is True and row["is_owner"] is False
        assert row["market_rent"] is None and row["social_tariff"] is None and row["suitability_notes"] is None


def test_the_owner_reads_the_tenant_and_free_properties_have_none(api, let, broker_haarlem, haarlem,
                                                                  enterprise_haarlem):
    free = f.property_of(haarlem, name="Atelier Boerhaave")
    rows = {row["id"]: row for row in api(broker_haarlem).get(API).json()["results"]}
    assert rows[let["property"].pk]["tenant"] == {"id": enterprise_haarlem.pk, "name": "Fietsenmakerij Haarlem"}
    assert rows[free.pk]["tenant"] is None
    public = {row["id"]: row for row in api(None).get(API).json()["results"]}
    assert set(public) == {free.pk} and public[free.pk]["tenant"] is None


@pytest.mark.parametrize("who", ["other_entrepreneur", "ondernemer_2", "anonymous"])
def test_everyone_else_gets_404(request, who, login, client, api, let):
    """The candidate that was not chosen (same municipality), an entrepreneur elsewhere, a visitor."""
    user = None if who == "anonymous" else request.getfixturevalue(who)
    prop, photo = let["property"], let["photo"]
    web = client if user is None else login(user)
    assert web.get(prop.get_absolute_url()).status_code == 404
    assert web.get(reverse("ecosystem:property-photo", args=[photo.pk])).status_code == 404
    assert api(user).get(f"{API}{prop.pk}/").status_code == 404
    assert prop.pk not in {row["id"] for row in api(user).get(API).json()["results"]}


def test_the_tenant_changes_nothing(login, api, let, ondernemer_1):
    """In view scope but without the change grant: 403, and the property stays as it was."""
    prop = let["property"]
    before = Property.objects.filter(pk=prop.pk).values().get()
    web = login(ondernemer_1)
    update = reverse("ecosystem:property-update", args=[prop.pk])
    assert web.get(update).status_code == 403
    assert web.post(update, {"name": "Gekaapt", "organisation": prop.organisation_id}).status_code == 403
    photo = SimpleUploadedFile("extra.png", PNG, content_type="image/png")
    assert web.post(reverse("ecosystem:property-photo-add", args=[prop.pk]), {"image": photo}).status_code == 403
    client = api(ondernemer_1)
    assert client.patch(f"{API}{prop.pk}/", {"name": "Gekaapt"}, format="json").status_code == 403
    assert client.put(f"{API}{prop.pk}/", {"name": "Gekaapt"}, format="json").status_code == 403
    assert client.delete(f"{API}{prop.pk}/").status_code == 403
    assert Property.objects.filter(pk=prop.pk).values().get() == before
    assert prop.photos.count() == 1
    assert not access.can(ondernemer_1, access.CHANGE, prop) and not access.can(ondernemer_1, "internal", prop)


def test_the_tenant_cannot_respond_to_the_property_let_to_them(login, let, ondernemer_1, enterprise_haarlem):
    """They see it, but it is no longer on offer."""
    again = f.space_request_of(enterprise_haarlem, purpose="Nog een werkplaats")
    response = login(ondernemer_1).post(reverse("ecosystem:space-request-respond", args=[again.pk]),
                                        {"property": let["property"].pk})
    assert response.status_code == 400 and not PropertyResponse.objects.filter(space_request=again).exists()


def test_a_request_withdrawn_after_the_allocation_gives_no_access(login, api, let, ondernemer_1, broker_haarlem):
    prop = let["property"]
    let["request"].status = "withdrawn"
    let["request"].save()
    assert login(ondernemer_1).get(prop.get_absolute_url()).status_code == 404
    assert api(ondernemer_1).get(f"{API}{prop.pk}/").status_code == 404
    # Still off the market; the owner sees it allocated, without a tenant.
    assert api(None).get(f"{API}{prop.pk}/").status_code == 404
    owner = api(broker_haarlem).get(f"{API}{prop.pk}/").json()
    assert owner["is_allocated"] is True and owner["tenant"] is None


def test_another_enterprises_allocation_does_not_let_in_a_withdrawn_ones(api, login, haarlem, let, other_enterprise,
                                                                       other_entrepreneur, ondernemer_1):
    """The enterprise and the status are matched on the same allocation: a property with a
    withdrawn allocation to Kringloop Schalkwijk and a standing one to Fietsenmakerij Haarlem is
    Fietsenmakerij's only."""
    withdrawn = let["passed_over"]
    Allocation.objects.create(organisation=haarlem, property=let["property"], space_request=withdrawn, rent=D(1),
                              market_rent=D(2), start_date=dt.date(2025, 1, 1), procedure="exception",
                              justification=JUSTIFICATION, decided_by="College", decision_date=dt.date(2025, 1, 1))
    withdrawn.status = "withdrawn"
    withdrawn.save()
    assert login(other_entrepreneur).get(let["property"].get_absolute_url()).status_code == 404
    assert let["property"].pk not in {row["id"] for row in api(other_entrepreneur).get(API).json()["results"]}
    assert login(ondernemer_1).get(let["property"].get_absolute_url()).status_code == 200


def test_the_tenants_request_links_to_the_property(login, let, ondernemer_1, broker_haarlem):
    url = let["request"].get_absolute_url()
    page = text(login(ondernemer_1).get(url))
    assert f'href="{let["property"].get_absolute_url()}"' in page.split('id="let-properties"')[1].split("</ul>")[0]
    assert let["allocation"].get_absolute_url() not in page  # the allocation (rent, Didam record) is the owner's
    # The owner's staff keep their link to the allocation.
    assert let["allocation"].get_absolute_url() in text(login(broker_haarlem).get(url))
    # The request that was passed over shows no property.
    other = text(login(broker_haarlem).get(let["passed_over"].get_absolute_url()))
    assert 'id="let-properties"' not in other


def test_the_tenants_list_takes_the_same_queries_for_more_properties(api, let, haarlem, enterprise_haarlem,
                                                                    broker_haarlem, ondernemer_1):
    """The tenant is annotated in the list's query (no query per row)."""
    client = api(ondernemer_1)
    client.get(API)  # warm up (content types, sessions)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(API)
        assert response.status_code == 200
        return len(captured), len(response.json()["results"])

    before, rows_before = queries()
    for n in range(3):
        prop = f.property_of(haarlem, name=f"Loods {n}")
        allocate(prop, f.space_request_of(enterprise_haarlem, purpose=f"Opslag {n}"), broker_haarlem)
    after, rows_after = queries()
    assert rows_after == rows_before + 3 and after == before
