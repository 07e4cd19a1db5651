"""API: /api/v1/enterprises/, /enterprises/{id}/certifications/, /certifications/, /contact-moments/,
scoped as the UI, the same FilterSets, field errors for bad input, constant queries per page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import (
    Certification,
    ContactMoment,
    Enterprise,
    ImpactTheme,
    Offering,
    OfferingCategory,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_contact_moments_scoped_by_organisation(api, broker_haarlem, broker_amersfoort, contact_haarlem,
                                                contact_amersfoort, ondernemer_1, inkoper_haarlem):
    client = api(broker_haarlem)
    listing = client.get("/api/v1/contact-moments/").json()
    assert [m["subject"] for m in listing["results"]] == ["Gesprek Haarlem"]
    assert listing["results"][0]["organisation"] == "haarlem"
    url = f"/api/v1/contact-moments/{contact_amersfoort.pk}/"
    assert client.get(url).status_code == 404
    assert client.patch(url, {"subject": "Gekaapt"}, format="json").status_code == 404
    assert client.delete(url).status_code == 404
    for user in (ondernemer_1, inkoper_haarlem):
        assert api(user).get("/api/v1/contact-moments/").json()["count"] == 0
    assert api(None).get("/api/v1/contact-moments/").status_code == 401


def test_contact_moment_create_and_bad_input(api, broker_haarlem, enterprise_haarlem):
    client = api(broker_haarlem)
    good = {"organisation": "haarlem", "enterprise": enterprise_haarlem.pk, "kind": "work_visit",
            "date": "2026-02-01", "subject": "Werkbezoek", "owner": "makelaar-haarlem"}
    response = client.post("/api/v1/contact-moments/", good, format="json")
    assert response.status_code == 201, response.json()
    for bad, field in [({"organisation": "amersfoort"}, "organisation"), ({"follow_up_on": "2026-01-01"}, "follow_up_on"),
                       ({"kind": "telepathy"}, "kind"), ({"enterprise": 10**9}, "enterprise"),
                       ({"date": "gisteren"}, "date"), ({"owner": "nobody"}, "owner")]:
        response = client.post("/api/v1/contact-moments/", good | bad, format="json")
        assert response.status_code == 400 and field in response.json(), (bad, response.json())
    assert ContactMoment.objects.count() == 1


def test_anonymous_api_shows_showcase_only(api, showcase_enterprise, enterprise_haarlem, make_cert):
    make_cert(showcase_enterprise, Scheme.PSO_30, days=100)
    make_cert(showcase_enterprise, Scheme.CSO, days=100, status=CertificationStatus.UNVERIFIED, verified_at=None)
    make_cert(enterprise_haarlem, Scheme.PSO_1, days=100)
    client = api()
    assert [e["name"] for e in client.get("/api/v1/enterprises/").json()["results"]] == ["Koffiebranderij Etalage"]
    assert client.get(f"/api/v1/enterprises/{enterprise_haarlem.pk}/").status_code == 404
    certs = client.get(f"/api/v1/enterprises/{showcase_enterprise.pk}/certifications/").json()
    assert [c["scheme"] for c in certs["results"]] == ["pso_30"]
    assert [c["scheme"] for c in client.get("/api/v1/certifications/").json()["results"]] == ["pso_30"]
    assert client.post("/api/v1/enterprises/", {}, format="json").status_code in (401, 403)


def test_entrepreneur_api_own_enterprise_only(api, ondernemer_1, enterprise_haarlem, enterprise_amersfoort):
    client = api(ondernemer_1)
    assert [e["id"] for e in client.get("/api/v1/enterprises/").json()["results"]] == [enterprise_haarlem.pk]
    assert client.patch(f"/api/v1/enterprises/{enterprise_haarlem.pk}/", {"description": "Nieuw"},
                        format="json").status_code == 200
    assert client.patch(f"/api/v1/enterprises/{enterprise_amersfoort.pk}/", {"description": "x"},
                        format="json").status_code == 404
    assert client.delete(f"/api/v1/enterprises/{enterprise_haarlem.pk}/").status_code == 403
    # Certificates: for the own enterprise only, always unverified, and not verifiable by the owner.
    response = client.post("/api/v1/certifications/", {"enterprise": enterprise_amersfoort.pk, "scheme": "pso_30",
                                                       "valid_until": "2030-01-01"}, format="json")
    assert response.status_code == 400 and "enterprise" in response.json()
    response = client.post("/api/v1/certifications/", {"enterprise": enterprise_haarlem.pk, "scheme": "pso_30",
                                                       "number": "PSO30-9", "valid_until": "2030-01-01",
                                                       "status": "verified"}, format="json")
    assert response.status_code == 201 and response.json()["status"] == "unverified"
    cert_id = response.json()["id"]
    assert client.post(f"/api/v1/certifications/{cert_id}/verify/").status_code == 403


def test_broker_verifies_through_api(api, broker_haarlem, broker_amersfoort, enterprise_haarlem, make_cert):
    cert = make_cert(enterprise_haarlem, status=CertificationStatus.UNVERIFIED, verified_at=None)
    assert api(broker_amersfoort).post(f"/api/v1/certifications/{cert.pk}/verify/").status_code == 403
    response = api(broker_haarlem).post(f"/api/v1/certifications/{cert.pk}/verify/")
    assert response.status_code == 200 and response.json()["verified"] is True


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"kvk_number": "1234567"}, "kvk_number"),
        ({"kvk_number": "12345678x"}, "kvk_number"),
        ({"kvk_number": "10000000"}, "kvk_number"),  # taken by enterprise_haarlem's factory sequence? see below
        ({"postcode": "1234"}, "postcode"),
        ({"postcode": "0123 AB"}, "postcode"),
        ({"headcount": 2, "disadvantaged_count": 3}, "disadvantaged_count"),
        ({"themes": ["onbekend"]}, "themes"),
        ({"sdgs": [18]}, "sdgs"),
        ({"municipality": "amersfoort"}, "municipality"),
        ({"enterprise_type": "charity"}, "enterprise_type"),
        ({"founding_year": 99999}, "founding_year"),
    ],
)
def test_enterprise_api_bad_input_gives_field_errors(api, broker_haarlem, haarlem, payload, field):
    f.EnterpriseFactory(kvk_number="10000000", municipality=haarlem)
    good = {"name": "Nieuw", "kvk_number": "87654321", "municipality": "haarlem", "enterprise_type": "impact_first",
            "postcode": "2011 AB"}
    response = api(broker_haarlem).post("/api/v1/enterprises/", good | payload, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json()
    assert not Enterprise.objects.filter(name="Nieuw").exists()


def test_enterprise_api_create_normalises_postcode(api, broker_haarlem, haarlem):
    response = api(broker_haarlem).post("/api/v1/enterprises/", {
        "name": "Nieuw", "kvk_number": "87654321", "municipality": "haarlem", "postcode": "2011ab",
        "themes": ["voedsel"], "sdgs": [2, 12], "headcount": 10, "disadvantaged_count": 3}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["postcode"] == "2011 AB" and body["themes"] == ["voedsel"] and body["sdgs"] == [2, 12]
    assert body["reserved_eligible"] is True and body["reserved_basis"] == "self_declared"


@pytest.mark.parametrize("query", ["sdg=x", "theme=nope", "type=zzz", "municipality=atlantis",
                                   "certification=gold", "region=nowhere", "page=abc"])
def test_bad_filters_are_400_not_500(api, broker_haarlem, enterprise_haarlem, query):
    response = api(broker_haarlem).get(f"/api/v1/enterprises/?{query}")
    assert response.status_code in (400, 404), response.content
    assert response.status_code != 500


def test_enterprise_filters(api, broker_haarlem, haarlem, amersfoort, region, make_cert):
    theme = ImpactTheme.objects.get(slug="voedsel")
    category = OfferingCategory.objects.get(slug="catering")
    a = f.EnterpriseFactory(name="Alpha", municipality=haarlem, admission_status=AdmissionStatus.ADMITTED,
                            headcount=10, disadvantaged_count=5, enterprise_type="impact_first")
    a.themes.set([theme])
    a.sdgs.set([2])
    Offering.objects.create(enterprise=a, name="Lunch", category=category)
    make_cert(a, Scheme.CSO, days=50)
    b = f.EnterpriseFactory(name="Beta", municipality=amersfoort, headcount=10, disadvantaged_count=1,
                            enterprise_type="regular_sme")
    make_cert(b, Scheme.PSO_30, days=-1, status=CertificationStatus.EXPIRED)
    client = api(broker_haarlem)

    def names(query):
        response = client.get(f"/api/v1/enterprises/?{query}")
        assert response.status_code == 200, (query, response.json())
        return [e["name"] for e in response.json()["results"]]

    assert names("q=alp") == ["Alpha"]
    assert names(f"kvk_number={b.kvk_number}") == ["Beta"]
    assert names("type=regular_sme") == ["Beta"]
    assert names("theme=voedsel") == ["Alpha"] and names("sdg=2") == ["Alpha"]
    assert names("municipality=amersfoort") == ["Beta"]
    assert names(f"region={region.slug}") == ["Alpha"]
    assert names("certification=cso") == ["Alpha"] and names("certification=pso_30") == []
    assert names("category=catering") == ["Alpha"]
    assert names("admitted=true") == ["Alpha"] and names("admitted=false") == ["Beta"]
    assert names("reserved_eligible=true") == ["Alpha"] and names("reserved_eligible=false") == ["Beta"]
    certs = client.get(f"/api/v1/certifications/?kvk_number={a.kvk_number}&status=verified").json()
    assert [c["scheme"] for c in certs["results"]] == ["cso"]
    nested = client.get(f"/api/v1/enterprises/{b.pk}/certifications/").json()
    assert [c["status"] for c in nested["results"]] == ["expired"]


def make_many(haarlem, count, make_cert):
    theme = ImpactTheme.objects.first()
    category = OfferingCategory.objects.first()
    for i in range(count):
        e = f.EnterpriseFactory(municipality=haarlem, headcount=5, disadvantaged_count=i % 5)
        e.themes.set([theme])
        e.sdgs.set([1, 2])
        Offering.objects.create(enterprise=e, name=f"Dienst {i}", category=category)
        make_cert(e, Scheme.PSO_1, days=i)
        ContactMoment.objects.create(organisation=haarlem, enterprise=e, subject=f"Gesprek {i}")


@pytest.mark.parametrize("url", ["/api/v1/enterprises/", "/api/v1/certifications/", "/api/v1/contact-moments/"])
def test_api_lists_run_a_constant_number_of_queries(api, broker_haarlem, haarlem, make_cert, url):
    client = api(broker_haarlem)
    make_many(haarlem, 5, make_cert)
    client.get(url)
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).json()["count"] == 5
    make_many(haarlem, 25, make_cert)
    with CaptureQueriesContext(connection) as thirty:
        assert client.get(url).json()["count"] == 30
    assert len(thirty) == len(five), [q["sql"] for q in thirty.captured_queries]


def test_schema_is_valid(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    for path in ("/api/v1/enterprises/{id}/certifications/", "/api/v1/certifications/", "/api/v1/contact-moments/"):
        assert path in body
    # The certificate resource is documented with the model's schemes, no more and no fewer.
    schemas = client.get("/api/v1/schema/?format=json").json()["components"]["schemas"]
    properties = schemas["Certification"]["properties"]
    assert {"id", "enterprise", "scheme", "number", "valid_until", "status"} <= set(properties)
    scheme_enum = next(s["enum"] for name, s in schemas.items()
                       if name.endswith("Enum") and "sroi_badge" in s.get("enum", []))
    assert scheme_enum == [value for value, _label in Certification._meta.get_field("scheme").choices]


def test_list_rows_equal_the_detail_of_each_enterprise(api, broker_haarlem, haarlem, make_cert):
    """The list loads themes, SDGs, offerings and certificates as values for the whole page
    (``load_page_relations``); each row must be what the detail endpoint (the ORM path) says."""
    circular, labour = ImpactTheme.objects.get_or_create(slug="circulair", defaults={"name": "Circulair", "order": 2})[0], \
        ImpactTheme.objects.get_or_create(slug="arbeid", defaults={"name": "Arbeid", "order": 1})[0]
    food = OfferingCategory.objects.get_or_create(slug="eten", defaults={"name": "Eten"})[0]
    certified = f.EnterpriseFactory(municipality=haarlem, name="A met certificaat", headcount=10, disadvantaged_count=1)
    certified.themes.set([circular, labour])
    certified.sdgs.set([12, 8])
    Offering.objects.create(enterprise=certified, name="Zeep", category=food, price_indication="€ 4 per stuk")
    Offering.objects.create(enterprise=certified, name="Catering", category=food, description="Lunch")
    make_cert(certified, Scheme.PSO_30, days=100)
    make_cert(certified, Scheme.CSO, days=-1)  # expired
    declared = f.EnterpriseFactory(municipality=haarlem, name="B zelf verklaard", headcount=10, disadvantaged_count=4)
    bare = f.EnterpriseFactory(municipality=haarlem, name="C zonder iets")
    client = api(broker_haarlem)
    rows = client.get("/api/v1/enterprises/?ordering=name").json()["results"]
    assert [row["name"] for row in rows][:3] == ["A met certificaat", "B zelf verklaard", "C zonder iets"]
    for row, enterprise in zip(rows, (certified, declared, bare), strict=False):
        assert row == client.get(f"/api/v1/enterprises/{enterprise.pk}/").json()
    assert rows[0]["themes"] == ["arbeid", "circulair"] and rows[0]["sdgs"] == [8, 12]
    assert [o["name"] for o in rows[0]["offerings"]] == ["Catering", "Zeep"]
    assert rows[0]["offerings"][1] | {"id": 0} == {"id": 0, "name": "Zeep", "category": "eten", "description": "",
                                                   "price_indication": "€ 4 per stuk"}
    assert (rows[0]["reserved_eligible"], rows[0]["reserved_basis"]) == (True, "certificate")
    assert rows[2]["themes"] == [] and rows[2]["offerings"] == [] and rows[2]["reserved_eligible"] is False


def test_list_counts_without_joining_and_names_each_rows_municipality(api, broker_haarlem, enterprise_haarlem,
                                                                      enterprise_amersfoort):
    """The municipality's slug is read with the page's relations, not joined into the list's
    query: the page's COUNT would repeat that join (37–60 ms instead of 18 ms over 100,000 rows)."""
    client = api(broker_haarlem)
    with CaptureQueriesContext(connection) as queries:
        rows = client.get("/api/v1/enterprises/?ordering=name").json()["results"]
    assert {(row["name"], row["municipality"]) for row in rows} >= {
        (enterprise_haarlem.name, "haarlem"), (enterprise_amersfoort.name, "amersfoort")}
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "enterprises_enterprise" in q["sql"]]
    assert len(counts) == 1 and "JOIN" not in counts[0]
    for row in rows:
        assert row["municipality"] == client.get(f"/api/v1/enterprises/{row['id']}/").json()["municipality"]


def test_certificate_list_marks_evidence_per_row_as_its_detail_does_and_counts_without_joining(
        api, broker_haarlem, enterprise_haarlem, enterprise_amersfoort, make_cert):
    """A broker sees the evidence notes of their own municipality's certificates only. The list
    marks that per row after counting (``access.mark_can``): annotated, the rule's join to the
    enterprise went into the COUNT (64 ms instead of 8 ms over 100,000 certificates)."""
    make_cert(enterprise_haarlem, Scheme.PSO_30, notes="Loonstroken gezien")
    make_cert(enterprise_amersfoort, Scheme.PSO_30, notes="Loonstroken Amersfoort")
    client = api(broker_haarlem)
    rows = client.get("/api/v1/certifications/").json()["results"]
    with CaptureQueriesContext(connection) as queries:  # one row a page: the list must count
        assert client.get("/api/v1/certifications/?page_size=1").json()["count"] == 2
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "certification" in q["sql"]]
    assert len(counts) == 1 and "JOIN" not in counts[0]
    notes = {row["enterprise"]: row["notes"] for row in rows}
    assert notes == {enterprise_haarlem.pk: "Loonstroken gezien", enterprise_amersfoort.pk: None}
    for row in rows:
        assert row == client.get(f"/api/v1/certifications/{row['id']}/").json()
    nested = client.get(f"/api/v1/enterprises/{enterprise_amersfoort.pk}/certifications/").json()["results"]
    assert [row["notes"] for row in nested] == [None]
