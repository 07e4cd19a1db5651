"""Leftovers 10 (enterprises): the API takes a KvK number as the web form does ("1234 5678",
"1234.5678", "1234-5678") and keeps the eight digits; the register's table, filter, profile and
change log name a field alike."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst

from enterprises.models import Enterprise
from impactportal import audit
from impactportal.audit import acting_as
from tests import factories as f
from tests.csv_export import csv_rows
from tests.pages import text

pytestmark = pytest.mark.django_db

GOOD = {"name": "Nieuw", "municipality": "haarlem", "enterprise_type": "impact_first", "postcode": "2011 AB"}


@pytest.mark.parametrize("typed", ["1234 5678", "1234.5678", "1234-5678", " 12 34 56 78 "])
def test_the_api_takes_a_kvk_number_typed_as_on_paper(api, broker_haarlem, haarlem, typed):
    response = api(broker_haarlem).post("/api/v1/enterprises/", GOOD | {"kvk_number": typed}, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["kvk_number"] == "12345678"
    assert Enterprise.objects.get(name="Nieuw").kvk_number == "12345678"


def test_the_api_cleans_a_kvk_number_as_the_form_does(api, broker_haarlem, haarlem):
    from enterprises.forms import KvkNumberField

    client = api(broker_haarlem)
    enterprise = f.EnterpriseFactory(kvk_number="87654321", municipality=haarlem)
    url = f"/api/v1/enterprises/{enterprise.pk}/"
    response = client.patch(url, {"kvk_number": "1122 33.44"}, format="json")
    assert response.status_code == 200, response.json()
    enterprise.refresh_from_db()
    assert enterprise.kvk_number == KvkNumberField().clean("1122 33.44") == "11223344"
    # Still eight digits, and still one enterprise per number, however it is typed.
    for bad in ("1234 567", "1234 567x", "1122 3344"):
        other = client.post("/api/v1/enterprises/", GOOD | {"kvk_number": bad}, format="json")
        assert other.status_code == 400 and "kvk_number" in other.json(), (bad, other.json())
    assert not Enterprise.objects.filter(name="Nieuw").exists()


# --- one name per field: the register's columns, the profile and the change log ---------------------

NAMED = ("headcount", "disadvantaged_count", "is_published")


def _label(name: str) -> str:
    return capfirst(str(Enterprise._meta.get_field(name).verbose_name))


def _headers(page: str) -> list[str]:
    head = page.split("<thead")[1].split("</thead>")[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_register_names_the_counts_and_the_publication_as_the_model_does(
    login, broker_haarlem, haarlem, language
):
    with acting_as(broker_haarlem):
        enterprise = f.EnterpriseFactory(name="Groen Werkt", municipality=haarlem, headcount=59, disadvantaged_count=5,
                                         is_published=False)
        enterprise.is_published = True
        enterprise.save()
    client = login(broker_haarlem)
    client.cookies["django_language"] = language
    headers = _headers(text(client.get(reverse("enterprises:register"))))
    with translation.override(language):
        labels = [_label(name) for name in NAMED]
        logged = {label for entry in audit.history_for(enterprise) for label, _o, _n in entry["changes"]}
    assert all(label in headers for label in labels), (labels, headers)
    assert not {"Met afstand", "Gepubliceerd", "Medewerkers", "Distanced from labour market", "Published",
                "Employees"} & set(headers)
    # The export's header row, the change log and the profile name them alike.
    export = csv_rows(client.get(reverse("enterprises:register"), {"_export": "csv"}).content,
                      ";" if language == "nl" else ",")
    assert all(label in export[0] for label in labels)
    assert set(labels) <= {capfirst(label) for label in logged}
    profile = text(client.get(reverse("enterprises:detail", args=[enterprise.pk])))
    assert re.search(rf"<dt>{labels[0]}</dt><dd>59 \(", profile)
    if language == "nl":
        assert labels == ["Aantal medewerkers", "Medewerkers met afstand tot de arbeidsmarkt",
                          "Gepubliceerd in de etalage"]
    else:
        assert labels == ["Number of employees", "Employees distanced from the labour market",
                          "Published in the showcase"]


@pytest.mark.django_db
def test_the_certificates_find_a_kvk_number_typed_as_on_paper_or_by_its_first_digits(make_cert):
    """The certificates' KvK filter (page and API) takes "1234 5678" and a prefix, as the
    register's does; it matched the eight digits as typed only, so "1234 5678" found nothing."""
    from enterprises.filters import CertificationFilter
    from enterprises.models import Certification

    certified = make_cert(f.EnterpriseFactory(kvk_number="12345678"))
    make_cert(f.EnterpriseFactory(kvk_number="87654321"))
    everything = Certification.objects.all()
    for typed in ("1234 5678", "1234.5678", "12345678", "1234"):
        found = CertificationFilter({"kvk_number": typed}, queryset=everything)
        assert found.is_valid(), (typed, found.errors)
        assert list(found.qs) == [certified], typed
    refused = CertificationFilter({"kvk_number": "12ab"}, queryset=everything)
    assert not refused.is_valid() and "kvk_number" in refused.errors


def test_the_api_schema_allows_the_kvk_number_as_the_api_takes_it():
    """A client validating against the schema sent "1234 5678" nowhere: the request schema kept
    the stored form's pattern (eight digits) while the API takes the number typed as on paper."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    for name in ("EnterpriseRequest", "PatchedEnterpriseRequest"):
        pattern = schema["components"]["schemas"][name]["properties"]["kvk_number"]["pattern"]
        for typed in ("12345678", "1234 5678", "1234.5678", "1234-5678"):
            assert re.fullmatch(pattern, typed), (name, typed, pattern)
