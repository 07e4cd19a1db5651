"""User review 5, the register: plausible counts, years and KvK numbers with one clear sentence
each (form and API alike), counts shown with thousands separators, the way forward for a KvK
number already registered, the admission's wording and confirmation, certificates that the
checks would flag refused as field errors, the rejection reason's limit and audience, one error
summary for the offerings, the KvK filter, and a register that fits the page."""

import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from enterprises import services
from enterprises.constants import AdmissionMode, AdmissionStatus, Scheme
from enterprises.models import AdmissionRule, Certification, Enterprise
from tests import factories as f
from tests.csv_export import csv_rows
from tests.pages import text

pytestmark = pytest.mark.django_db
REGISTER = "/mijn-onderneming/aanmelden/"


def registration(haarlem, **values):
    return {"name": "Fietsenmakerij Noord", "kvk_number": "87654321", "municipality": haarlem.pk,
            "enterprise_type": "impact_first", **values}


# --- 5. counts, founding year and KvK number --------------------------------------------------------


@pytest.mark.parametrize("values, field, message", [
    ({"headcount": "3000000000", "disadvantaged_count": "4"}, "headcount", "Vul een aantal in van hooguit 1.000.000."),
    ({"headcount": "12", "disadvantaged_count": "1000001"}, "disadvantaged_count",
     "Vul een aantal in van hooguit 1.000.000."),
    ({"founding_year": "-5"}, "founding_year", "Vul het jaar in waarin de onderneming is opgericht, vanaf 1800."),
    ({"founding_year": "0"}, "founding_year", "Vul het jaar in waarin de onderneming is opgericht, vanaf 1800."),
    ({"founding_year": "2031"}, "founding_year", "Het oprichtingsjaar ligt in de toekomst."),
    ({"kvk_number": "123456789012"}, "kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers."),
])
def test_implausible_values_get_one_clear_sentence_and_save_nothing(login, haarlem, today, values, field, message):
    client = login(f.UserFactory(username="nieuwe-ondernemer"))
    response = client.post(REGISTER, registration(haarlem, **values))
    assert response.status_code == 200
    assert response.context["form"].errors.get_json_data() == {field: [{"message": message, "code": ANY_CODE}]}
    assert not Enterprise.objects.filter(name="Fietsenmakerij Noord").exists()


class _AnyCode:
    def __eq__(self, other):
        return True


ANY_CODE = _AnyCode()


def test_a_plausible_registration_with_a_spaced_kvk_number_is_accepted(login, haarlem, today):
    client = login(f.UserFactory(username="nieuwe-ondernemer"))
    response = client.post(REGISTER, registration(haarlem, kvk_number="8765 4321", founding_year="1800",
                                                  headcount="1000000", disadvantaged_count="4"))
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(name="Fietsenmakerij Noord")
    assert enterprise.kvk_number == "87654321" and enterprise.headcount == 1_000_000


@pytest.mark.parametrize("values, field, message", [
    ({"headcount": 3000000000}, "headcount", "Vul een aantal in van hooguit 1.000.000."),
    ({"founding_year": -5}, "founding_year", "Vul het jaar in waarin de onderneming is opgericht, vanaf 1800."),
    ({"founding_year": 0}, "founding_year", "Vul het jaar in waarin de onderneming is opgericht, vanaf 1800."),
    ({"founding_year": 99999}, "founding_year", "Het oprichtingsjaar ligt in de toekomst."),
    ({"kvk_number": "123456789012"}, "kvk_number", "Een KvK-nummer bestaat uit precies 8 cijfers."),
])
def test_the_api_applies_the_same_rules_with_the_same_sentences(api, broker_haarlem, haarlem, today, values, field,
                                                                 message):
    payload = {"name": "Fietsenmakerij Noord", "kvk_number": "87654321", "municipality": "haarlem"} | values
    response = api(broker_haarlem).post("/api/v1/enterprises/", payload, format="json")
    assert response.status_code == 400 and response.json() == {field: [message]}
    assert not Enterprise.objects.filter(name="Fietsenmakerij Noord").exists()


def test_counts_are_shown_with_thousands_separators(login, haarlem, broker_haarlem):
    enterprise = f.EnterpriseFactory(name="Groot Werkbedrijf", municipality=haarlem, headcount=12500,
                                     disadvantaged_count=4200)
    page = text(login(broker_haarlem).get(enterprise.get_absolute_url()))
    assert "12.500 (waarvan 4.200 met afstand tot de arbeidsmarkt)" in page
    register = text(login(broker_haarlem).get(reverse("enterprises:register")))
    # (a stacked table's cell carries its column's name for phones: data-label)
    assert re.search(r'<td [^>]*class="numeric"[^>]*>12\.500</td>', register)
    assert re.search(r'<td [^>]*class="numeric"[^>]*>4\.200</td>', register)
    # An export keeps the plain number.
    rows = csv_rows(login(broker_haarlem).get(reverse("enterprises:register"), {"_export": "csv"}).content)
    assert "12500" in rows[1] and "4200" in rows[1]


# --- 6. a KvK number already in the register --------------------------------------------------------


def test_a_kvk_number_already_registered_points_to_linking_the_account(login, haarlem, enterprise_haarlem):
    client = login(f.UserFactory(username="nieuwe-ondernemer"))
    response = client.post(REGISTER, registration(haarlem, kvk_number=enterprise_haarlem.kvk_number))
    assert response.status_code == 200
    assert response.context["form"].has_error("kvk_number", "unique")
    callout = text(response).split('id="kvk-taken"')[1].split("</div>")[0]
    link = f'{reverse("helpdesk:link-enterprise")}?kvk_number={enterprise_haarlem.kvk_number}'
    assert f'href="{link}"' in callout and "Onderneming koppelen" in callout
    assert f'value="{enterprise_haarlem.kvk_number}"' in client.get(link).content.decode()  # the number carried over
    assert Enterprise.objects.count() == 1
    # Any other mistake does not send the user there.
    other = client.post(REGISTER, registration(haarlem, kvk_number="1234"))
    assert 'id="kvk-taken"' not in text(other)


# --- 7. who assesses the application, and a confirmation -------------------------------------------


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_committee_assesses_before_and_after_applying(login, ondernemer_1, enterprise_haarlem):
    client = login(ondernemer_1)
    page = text(client.get(reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])))
    how = page.split('id="admission-how"')[1].split("</p>")[0]
    assert "Een selectiecommissie van uw gemeente beoordeelt of u een impactonderneming bent." in how
    button = page.split('id="apply-admission"')[1].split(">")[0]
    assert 'data-confirm="Toelating tot de etalage aanvragen?' in button
    response = client.post(reverse("enterprises:apply", args=[enterprise_haarlem.pk]))
    assert _messages(response) == ["De aanvraag is ingediend. Een selectiecommissie van uw gemeente beoordeelt haar; "
                                   "u krijgt bericht van het besluit."]


def test_a_label_only_platform_says_so_before_and_after_applying(login, ondernemer_1, enterprise_haarlem, haarlem):
    AdmissionRule.objects.create(organisation=haarlem, mode=AdmissionMode.LABEL, accepted_schemes=[Scheme.PSO_30])
    client = login(ondernemer_1)
    page = text(client.get(reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])))
    how = page.split('id="admission-how"')[1].split("</p>")[0]
    assert "selectiecommissie" not in how and "PSO 30+" in how and "geverifieerd" in how
    response = client.post(reverse("enterprises:apply", args=[enterprise_haarlem.pk]))
    (message,) = _messages(response)
    assert message.startswith("De aanvraag is ingediend. U wordt toegelaten zodra") and "makelaar van uw" in message
    assert "selectiecommissie" not in message


# --- 8. certificates the checks would flag ---------------------------------------------------------


def test_a_pso_certificate_needs_its_number_and_end_date(login, ondernemer_1, enterprise_haarlem, today):
    url = reverse("enterprises:certification-create", args=[enterprise_haarlem.pk])
    client = login(ondernemer_1)
    page = text(client.get(url))
    for name in ("number", "valid_until"):
        label = re.search(rf'<label class="utrecht-form-label" for="id_{name}">(.*?)</label>', page, re.S).group(1)
        assert "(verplicht bij PSO)" in label
    response = client.post(url, {"scheme": Scheme.PSO_BASIS})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["number"] == ["Vul het certificaatnummer in: het staat op het certificaat."]
    assert errors["valid_until"] == ["Vul de einddatum in: een certificaat van dit keurmerk is altijd beperkt geldig."]
    assert not Certification.objects.exists()
    # Filled in, it is saved and the checks have nothing to say about it.
    response = client.post(url, {"scheme": Scheme.PSO_BASIS, "number": "PSO-2026-118", "valid_until": "2027-06-01"})
    assert response.status_code == 302
    findings = text(client.get(reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])))
    assert "Dit certificaat hoort een einddatum te hebben" not in findings
    assert "Het certificaatnummer ontbreekt" not in findings


def test_other_schemes_stay_optional_and_the_badge_number_is_checked(login, ondernemer_1, enterprise_haarlem, today):
    url = reverse("enterprises:certification-create", args=[enterprise_haarlem.pk])
    assert login(ondernemer_1).post(url, {"scheme": Scheme.B_CORP}).status_code == 302
    # The badge is not typed in at all (it comes with the admission: test_review18_certificates.py).
    response = login(ondernemer_1).post(url, {"scheme": Scheme.SROI_BADGE, "number": "SROI-99999999-2026",
                                              "valid_until": "2027-01-01"})
    assert list(response.context["form"].errors) == ["scheme"]


def test_the_api_refuses_the_same_certificate(api, ondernemer_1, enterprise_haarlem, today):
    response = api(ondernemer_1).post("/api/v1/certifications/", {"enterprise": enterprise_haarlem.pk,
                                                                  "scheme": "pso_basis"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "number": ["Vul het certificaatnummer in: het staat op het certificaat."],
        "valid_until": ["Vul de einddatum in: een certificaat van dit keurmerk is altijd beperkt geldig."]}
    assert not Certification.objects.exists()


# --- 9. the rejection reason: its limit and who reads it -------------------------------------------


def _under_review(enterprise, by):
    services.enterprise_apply(enterprise=enterprise, by=by)
    services.admission_start_review(enterprise=enterprise, by=by)


def test_a_reason_above_the_limit_is_refused_and_changes_nothing(login, broker_haarlem, enterprise_haarlem):
    _under_review(enterprise_haarlem, broker_haarlem)
    url = reverse("enterprises:admission", args=[enterprise_haarlem.pk])
    response = login(broker_haarlem).post(url, {"decision": "reject", "reasons": "x" * 6000})
    assert response.status_code == 400 and "reasons" in response.context["form"].errors
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.admission_status == AdmissionStatus.UNDER_REVIEW
    assert enterprise_haarlem.admission_reasons == ""
    # The service refuses it for any other caller too.
    with pytest.raises(ValidationError) as refused:
        services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=False, reasons="x" * 6000)
    assert set(refused.value.message_dict) == {"reasons"}
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.admission_status == AdmissionStatus.UNDER_REVIEW


def test_the_reason_is_for_the_municipality_and_the_entrepreneur(login, broker_haarlem, broker_amersfoort,
                                                                 ondernemer_1, inkoper_haarlem, enterprise_haarlem):
    _under_review(enterprise_haarlem, broker_haarlem)
    reason = "Het verdienmodel leunt geheel op subsidie."
    services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=False, reasons=reason)
    url = enterprise_haarlem.get_absolute_url()
    for user in (broker_haarlem, inkoper_haarlem):
        assert reason in text(login(user).get(url))
    elsewhere = text(login(broker_amersfoort).get(url))
    assert "Afgewezen" in elsewhere  # the status is the shared register's
    assert reason not in elsewhere and 'id="admission-reasons"' not in elsewhere  # nor in the change log
    assert reason in text(login(ondernemer_1).get(reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])))


# --- 10. one error summary for the offerings -------------------------------------------------------


def test_the_offerings_show_one_summary_that_names_the_row(login, ondernemer_1, enterprise_haarlem):
    category = f.OfferingCategoryFactory() if hasattr(f, "OfferingCategoryFactory") else _category()
    url = reverse("enterprises:offerings", args=[enterprise_haarlem.pk])
    data = {"offerings-TOTAL_FORMS": "2", "offerings-INITIAL_FORMS": "0", "offerings-MIN_NUM_FORMS": "0",
            "offerings-MAX_NUM_FORMS": "1000",
            "offerings-0-name": "Fietsreparatie", "offerings-0-category": category.pk,
            "offerings-1-description": "Half ingevuld", "offerings-1-category": category.pk}
    response = login(ondernemer_1).post(url, data)
    assert response.status_code == 200
    page = text(response)
    assert page.count("Controleer het formulier") == 1
    summary = page.split("data-error-summary")[1].split("</div>")[0]
    assert '<a class="utrecht-link" href="#id_offerings-1-name">Aanbod 2: Product of dienst: Dit veld is vereist.</a>' \
        in summary
    assert page.index("data-error-summary") < page.index('id="offerings-0-row"')  # at the top of the form
    assert 'id="offerings-1-row"' in page and "Aanbod 2: nieuw" in page  # the row says which it is
    assert not enterprise_haarlem.offerings.exists()


def _category():
    from enterprises.models import OfferingCategory

    return OfferingCategory.objects.create(slug="fietsen", name="Fietsen")


# --- 11. the register's KvK filter -----------------------------------------------------------------


def test_the_kvk_filter_explains_a_wrong_number_and_finds_by_its_first_digits(login, api, broker_haarlem, haarlem):
    f.EnterpriseFactory(name="Eerste BV", municipality=haarlem, kvk_number="41234567")
    f.EnterpriseFactory(name="Tweede BV", municipality=haarlem, kvk_number="41234561")
    f.EnterpriseFactory(name="Derde BV", municipality=haarlem, kvk_number="51234567")
    client = login(broker_haarlem)
    url = reverse("enterprises:register")
    wrong = text(client.get(url, {"kvk_number": "abc"}))
    assert "Een KvK-nummer heeft 8 cijfers. Vul het nummer in, of de eerste cijfers ervan." in wrong
    assert "Eerste BV" not in wrong.split('id="results"')[1]
    prefix = text(client.get(url, {"kvk_number": "4123456"})).split('id="results"')[1]
    assert "Eerste BV" in prefix and "Tweede BV" in prefix and "Derde BV" not in prefix
    exact = text(client.get(url, {"kvk_number": "4123 4567"})).split('id="results"')[1]
    assert "Eerste BV" in exact and "Tweede BV" not in exact
    response = api(broker_haarlem).get("/api/v1/enterprises/", {"kvk_number": "abc"})
    assert response.status_code == 400 and "kvk_number" in response.json()
    names = {row["name"] for row in api(broker_haarlem).get("/api/v1/enterprises/",
                                                              {"kvk_number": "412345"}).json()["results"]}
    assert names == {"Eerste BV", "Tweede BV"}


# --- 12. the register fits the page ----------------------------------------------------------------


def _headers(page):
    head = page.split("<thead")[1].split("</thead>")[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S)]


def test_the_register_of_one_municipality_leaves_out_the_municipality_column(login, broker_haarlem, haarlem,
                                                                             enterprise_haarlem):
    client = login(broker_haarlem)
    url = reverse("enterprises:register")
    own = _headers(text(client.get(url)))
    assert "Gemeente" not in own and "Soort onderneming" in own and "Gepubliceerd in de etalage" in own
    assert "Gemeente" in _headers(text(client.get(url, {"municipality": ""})))
    # The export keeps every column.
    assert "Gemeente" in csv_rows(client.get(url, {"_export": "csv"}).content)[0]
    # Sorting on the column left out is harmless.
    assert client.get(url, {"sort": "municipality"}).status_code == 200
