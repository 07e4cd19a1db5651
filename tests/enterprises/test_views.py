"""Screens: register, dossier, self-service, showcase, certificates and contact moments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import (
    Certification,
    ContactMoment,
    DefinitionCheck,
    Enterprise,
    ImpactTheme,
    Offering,
)
from enterprises.views import RegisterList
from impactportal.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# --- contact moments are organisation-scoped --------------------------------------------------

def test_contact_moments_of_amersfoort_are_invisible_to_haarlem_broker(login, broker_haarlem, contact_amersfoort,
                                                                       contact_haarlem, enterprise_haarlem):
    client = login(broker_haarlem)
    listing = client.get(reverse("enterprises:contact-list")).content.decode()
    assert "Gesprek Haarlem" in listing and "Gesprek Amersfoort" not in listing
    for name in ("contact-detail", "contact-update", "contact-delete"):
        assert client.get(reverse(f"enterprises:{name}", args=[contact_amersfoort.pk])).status_code == 404
    assert client.post(reverse("enterprises:contact-delete", args=[contact_amersfoort.pk])).status_code == 404
    dossier = client.get(reverse("enterprises:detail", args=[enterprise_haarlem.pk])).content.decode()
    assert "Gesprek Haarlem" in dossier and "Gesprek Amersfoort" not in dossier
    assert ContactMoment.objects.count() == 2


def test_contact_moments_are_for_brokers_only(login, inkoper_haarlem, ondernemer_1, contact_haarlem):
    for user in (inkoper_haarlem, ondernemer_1):
        client = login(user)
        assert client.get(reverse("enterprises:contact-detail", args=[contact_haarlem.pk])).status_code == 404
        assert "Gesprek Haarlem" not in client.get(reverse("enterprises:contact-list")).content.decode()


def test_broker_records_an_intake_for_any_enterprise_under_own_organisation(login, broker_amersfoort, amersfoort,
                                                                           enterprise_haarlem):
    client = login(broker_amersfoort)
    url = reverse("enterprises:contact-create", args=[enterprise_haarlem.pk])
    form = client.get(url + "?soort=intake").content.decode()
    assert "Wat doet de onderneming?" in form and "Wil de onderneming meedenken over het actieprogramma?" in form
    response = client.post(url, {
        "organisation": amersfoort.pk, "kind": "intake", "date": "2026-01-10", "subject": "Kennismaking",
        "follow_up_on": "2026-02-01", "owner": broker_amersfoort.pk, "intake_activities": "Bakt brood",
        "intake_employees": "Acht medewerkers, drie met afstand", "intake_needs": "Ruimte",
        "intake_shape_programme": "true",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    moment = ContactMoment.objects.get()
    assert moment.organisation == amersfoort and moment.enterprise == enterprise_haarlem
    assert moment.intake_shape_programme is True and moment.owner == broker_amersfoort


def test_an_empty_intake_is_refused_with_red_borders(login, broker_haarlem, haarlem, enterprise_haarlem):
    response = login(broker_haarlem).post(reverse("enterprises:contact-create", args=[enterprise_haarlem.pk]), {
        "organisation": haarlem.pk, "kind": "intake", "date": "", "subject": "", "owner": "999999"})
    content = response.content.decode()
    assert response.status_code == 200 and not ContactMoment.objects.exists()
    assert "Vul ten minste één van de intakevragen in." in content
    # A select and a text area in error get the red border too, not only text boxes.
    assert "utrecht-textarea--invalid" in content and "utrecht-select--invalid" in content


def test_follow_up_before_contact_date_is_a_field_error(login, broker_haarlem, haarlem, enterprise_haarlem):
    response = login(broker_haarlem).post(reverse("enterprises:contact-create", args=[enterprise_haarlem.pk]), {
        "organisation": haarlem.pk, "kind": "mail", "date": "2026-01-10", "subject": "Mail",
        "follow_up_on": "2026-01-01"})
    assert response.status_code == 200 and 'href="#id_follow_up_on"' in response.content.decode()


# --- entrepreneurs edit only their own enterprise ------------------------------------------------

def test_entrepreneur_edits_only_own_enterprise(login, ondernemer_1, enterprise_haarlem, enterprise_amersfoort,
                                                amersfoort):
    client = login(ondernemer_1)
    own = reverse("enterprises:enterprise-update", args=[enterprise_haarlem.pk])
    assert client.get(own).status_code == 200
    response = client.post(own, {"name": "Fietsenmakerij Nieuw", "kvk_number": enterprise_haarlem.kvk_number,
                                 "municipality": amersfoort.pk, "enterprise_type": "impact_first",
                                 "postcode": "2011ab", "headcount": 10, "disadvantaged_count": 4})
    assert response.status_code == 302 and response["Location"] == reverse("enterprises:mine-detail",
                                                                           args=[enterprise_haarlem.pk])
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.name == "Fietsenmakerij Nieuw" and enterprise_haarlem.postcode == "2011 AB"
    other = enterprise_amersfoort.pk
    for name in ("enterprise-update", "detail", "offerings", "contact-persons", "certification-create", "mine-detail"):
        assert client.get(reverse(f"enterprises:{name}", args=[other])).status_code == 404, name
    assert client.post(reverse("enterprises:enterprise-update", args=[other]), {"name": "Gekaapt"}).status_code == 404
    assert client.post(reverse("enterprises:apply", args=[other])).status_code == 404
    enterprise_amersfoort.refresh_from_db()
    assert enterprise_amersfoort.name == "Bakkerij Amersfoort"


def test_entrepreneur_cannot_delete_or_decide(login, ondernemer_1, enterprise_haarlem):
    client = login(ondernemer_1)
    assert client.get(reverse("enterprises:enterprise-delete", args=[enterprise_haarlem.pk])).status_code == 403
    assert client.post(reverse("enterprises:admission", args=[enterprise_haarlem.pk]),
                       {"action": "review"}).status_code == 403


@pytest.mark.parametrize(
    "changes, field",
    [({"kvk_number": "1234567"}, "kvk_number"), ({"kvk_number": "1234567a"}, "kvk_number"),
     ({"postcode": "0123 AB"}, "postcode"), ({"postcode": "1234 A"}, "postcode"),
     ({"headcount": 3, "disadvantaged_count": 4}, "disadvantaged_count"), ({"founding_year": 2999}, "founding_year")],
)
def test_self_registration_bad_input_gives_field_errors(login, haarlem, changes, field):
    user = f.UserFactory(username="nieuwe-ondernemer")
    data = {"name": "Nieuw BV", "kvk_number": "87654321", "municipality": haarlem.pk, "enterprise_type": "impact_first",
            "postcode": "2011 AB"} | changes
    response = login(user).post(reverse("enterprises:self-register"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Controleer het formulier" in content and f'href="#id_{field}"' in content
    assert not Enterprise.objects.filter(name="Nieuw BV").exists()


def test_self_registration_with_taken_kvk_number_is_a_field_error(login, enterprise_haarlem, haarlem):
    response = login(f.UserFactory(username="x")).post(reverse("enterprises:self-register"), {
        "name": "Dubbel", "kvk_number": enterprise_haarlem.kvk_number, "municipality": haarlem.pk,
        "enterprise_type": "impact_first"})
    assert "Er staat al een onderneming met dit KvK-nummer in het register." in response.content.decode()


def test_self_registration_makes_the_user_entrepreneur_and_allows_applying(login, haarlem, broker_haarlem):
    user = f.UserFactory(username="nieuwe-ondernemer")
    client = login(user)
    assert client.get(reverse("enterprises:mine")).status_code == 200
    theme = ImpactTheme.objects.get(slug="circulaire-economie")
    response = client.post(reverse("enterprises:self-register"), {
        "name": "Repair Café Noord", "kvk_number": "8765 4321", "municipality": haarlem.pk,
        "enterprise_type": "impact_first", "postcode": "2011ab", "themes": [theme.pk], "sdgs": [12],
        "headcount": 5, "disadvantaged_count": 2})
    enterprise = Enterprise.objects.get(kvk_number="87654321")
    assert response.status_code == 302 and response["Location"] == reverse("enterprises:mine-detail",
                                                                           args=[enterprise.pk])
    assert Membership.objects.filter(user=user, role="entrepreneur", enterprise=enterprise).exists()
    assert enterprise.admission_status == AdmissionStatus.NOT_APPLIED and not enterprise.is_published
    assert list(enterprise.themes.all()) == [theme] and list(enterprise.sdgs.values_list("pk", flat=True)) == [12]
    page = client.get(response["Location"]).content.decode()
    assert "Toelating aanvragen" in page and "Repair Café Noord" in page
    assert client.post(reverse("enterprises:apply", args=[enterprise.pk])).status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.APPLIED


def test_admission_through_the_dossier(login, broker_haarlem, inkoper_haarlem, ondernemer_1, enterprise_haarlem):
    login(ondernemer_1).post(reverse("enterprises:apply", args=[enterprise_haarlem.pk]))
    assert login(inkoper_haarlem).post(reverse("enterprises:admission", args=[enterprise_haarlem.pk]),
                                       {"action": "review"}).status_code == 403
    client = login(broker_haarlem)
    url = reverse("enterprises:admission", args=[enterprise_haarlem.pk])
    client.post(url, {"action": "review"})
    assert "admission-form" in client.get(reverse("enterprises:detail", args=[enterprise_haarlem.pk])).content.decode()
    client.post(url, {"decision": "reject", "reasons": ""})  # refused: reasons missing
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.admission_status == AdmissionStatus.UNDER_REVIEW
    client.post(url, {"decision": "admit"})
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.admission_status == AdmissionStatus.ADMITTED
    assert Certification.objects.filter(enterprise=enterprise_haarlem, scheme=Scheme.SROI_BADGE).exists()


def test_offerings_formset(login, ondernemer_1, enterprise_haarlem):
    client = login(ondernemer_1)
    url = reverse("enterprises:offerings", args=[enterprise_haarlem.pk])
    assert client.get(url).status_code == 200
    category = Offering._meta.get_field("category").related_model.objects.get(slug="catering")
    data = {"offerings-TOTAL_FORMS": "2", "offerings-INITIAL_FORMS": "0", "offerings-0-name": "Lunch",
            "offerings-0-category": category.pk, "offerings-0-price_indication": "€ 12,50 p.p.",
            "offerings-1-name": ""}
    assert client.post(url, data).status_code == 302
    assert list(enterprise_haarlem.offerings.values_list("name", flat=True)) == ["Lunch"]


# --- certificates -----------------------------------------------------------------------------

def test_entrepreneur_uploads_certificate_unverified_and_evidence_is_private(
    login, ondernemer_1, ondernemer_2, broker_amersfoort, enterprise_haarlem, client
):
    owner = login(ondernemer_1)
    evidence = SimpleUploadedFile("pso.pdf", PDF, content_type="application/pdf")
    response = owner.post(reverse("enterprises:certification-create", args=[enterprise_haarlem.pk]), {
        "scheme": Scheme.PSO_30, "number": "PSO30-1", "issued_on": "2025-01-01", "valid_until": "2030-01-01",
        "evidence": evidence})
    assert response.status_code == 302
    cert = Certification.objects.get()
    assert cert.status == CertificationStatus.UNVERIFIED and cert.verified_at is None
    url = reverse("enterprises:certification-evidence", args=[cert.pk])
    download = owner.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    # The entrepreneur cannot verify their own certificate.
    assert owner.post(reverse("enterprises:certification-action", args=[cert.pk]),
                      {"action": "verify"}).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert login(ondernemer_2).get(url).status_code == 404
    # Brokers of another municipality see the certificate in the register, but its evidence
    # belongs to the enterprise and its own municipality's brokers (issue 15 item 9).
    assert login(broker_amersfoort).get(url).status_code == 403


def test_evidence_that_is_not_a_pdf_or_image_is_refused(login, ondernemer_1, enterprise_haarlem):
    evidence = SimpleUploadedFile("pso.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = login(ondernemer_1).post(reverse("enterprises:certification-create", args=[enterprise_haarlem.pk]), {
        "scheme": Scheme.PSO_30, "number": "PSO30-1", "valid_until": "2030-01-01", "evidence": evidence})
    assert response.status_code == 200 and 'href="#id_evidence"' in response.content.decode()
    assert not Certification.objects.exists()


def test_broker_of_municipality_verifies(login, broker_haarlem, broker_amersfoort, enterprise_haarlem, make_cert):
    cert = make_cert(enterprise_haarlem, status=CertificationStatus.UNVERIFIED, verified_at=None)
    url = reverse("enterprises:certification-action", args=[cert.pk])
    assert login(broker_amersfoort).post(url, {"action": "verify"}).status_code == 403
    assert login(broker_haarlem).post(url, {"action": "verify"}).status_code == 302
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.VERIFIED and cert.verified_by == broker_haarlem


# --- definition check --------------------------------------------------------------------------

def test_definition_check_is_recorded_per_organisation(login, broker_haarlem, broker_amersfoort, enterprise_haarlem,
                                                       inkoper_haarlem):
    url = reverse("enterprises:definition-check", args=[enterprise_haarlem.pk])
    assert login(inkoper_haarlem).get(url).status_code == 403
    client = login(broker_haarlem)
    data = dict.fromkeys(DefinitionCheck.CHARACTERISTICS, "true") | {"notes": "Alles in orde", "checked_on": "2026-01-02"}
    assert client.post(url, data).status_code == 302
    check = DefinitionCheck.objects.get()
    assert check.is_social_enterprise and check.checked_by == broker_haarlem
    assert client.post(url, data | {"transparent": "false"}).status_code == 302
    assert DefinitionCheck.objects.get().met_count == 4  # updated, not duplicated
    other = login(broker_amersfoort).get(reverse("enterprises:detail", args=[enterprise_haarlem.pk])).content.decode()
    assert "Alles in orde" not in other


# --- register list ------------------------------------------------------------------------------

def test_register_access_per_role(login, client, broker_amersfoort, inkoper_haarlem, ondernemer_1, enterprise_haarlem):
    url = reverse("enterprises:register")
    assert client.get(url).status_code == 302
    assert "Fietsenmakerij Haarlem" in login(inkoper_haarlem).get(url).content.decode()
    # A broker's register opens on their own municipality; "alle gemeenten" shows the whole register.
    assert "Fietsenmakerij Haarlem" not in login(broker_amersfoort).get(url).content.decode()
    assert "Fietsenmakerij Haarlem" in login(broker_amersfoort).get(url, {"municipality": ""}).content.decode()
    assert login(ondernemer_1).get(url)["Location"] == reverse("enterprises:mine")


def test_register_filters_and_export(login, broker_haarlem, enterprise_haarlem, enterprise_amersfoort):
    client = login(broker_haarlem)
    url = reverse("enterprises:register")
    filtered = client.get(url, {"municipality": "amersfoort"}).content.decode()
    assert "Bakkerij Amersfoort" in filtered and "Fietsenmakerij Haarlem" not in filtered
    csv = client.get(url, {"_export": "csv", "q": "Fiets"}).content.decode()
    assert "Fietsenmakerij Haarlem" in csv and "Bakkerij" not in csv
    assert client.get(url, {"_export": "xlsx"}).content[:2] == b"PK"
    assert client.get(url, {"sdg": "99", "sort": "-name"}).status_code == 200  # bad filter: empty list, no error


def test_register_export_holds_the_rows_the_page_shows(login, broker_haarlem, enterprise_haarlem, enterprise_amersfoort):
    """The register opens on the broker's own municipality, and so does its export: it used to
    export the whole register (100,002 rows, 28 s in the request at national scale) while the page
    counted one municipality, and so skipped the background job meant for that many rows."""
    client = login(broker_haarlem)
    url = reverse("enterprises:register")
    own = client.get(url, {"_export": "csv"}).content.decode()
    assert "Fietsenmakerij Haarlem" in own and "Bakkerij Amersfoort" not in own
    everything = client.get(url, {"_export": "csv", "municipality": ""}).content.decode()
    assert "Fietsenmakerij Haarlem" in everything and "Bakkerij Amersfoort" in everything


def test_register_background_export_opens_on_the_own_municipality_too(broker_haarlem, enterprise_haarlem,
                                                                       enterprise_amersfoort):
    from django.http import QueryDict

    from impactportal.exports import Requester

    view = RegisterList()
    view.setup(Requester(broker_haarlem, QueryDict("")))
    names = {row[0] for row in view.get_exporter("csv").table.as_values()}
    assert "Fietsenmakerij Haarlem" in names and "Bakkerij Amersfoort" not in names
    view.setup(Requester(broker_haarlem, QueryDict("municipality=")))
    names = {row[0] for row in view.get_exporter("csv").table.as_values()}
    assert {"Fietsenmakerij Haarlem", "Bakkerij Amersfoort"} <= names


def populate(haarlem, count, make_cert):
    themes = list(ImpactTheme.objects.all()[:2])
    category = Offering._meta.get_field("category").related_model.objects.first()
    for i in range(count):
        e = f.EnterpriseFactory(municipality=haarlem, is_published=True, admission_status=AdmissionStatus.ADMITTED,
                                headcount=10, disadvantaged_count=i % 5)
        e.themes.set(themes)
        e.sdgs.set([8, 10])
        Offering.objects.create(enterprise=e, name=f"Dienst {i}", category=category)
        make_cert(e, Scheme.PSO_30, days=100 + i)


@pytest.mark.parametrize("url_name", ["enterprises:register", "etalage"])
def test_lists_run_a_constant_number_of_queries(login, broker_haarlem, haarlem, make_cert, url_name,
                                                django_assert_max_num_queries, django_assert_num_queries):
    client = login(broker_haarlem)
    url = reverse(url_name)
    populate(haarlem, 5, make_cert)
    client.get(url)  # warm caches (content types, session)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    populate(haarlem, 25, make_cert)
    with django_assert_num_queries(len(five)):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        client.get(url, {"theme": "arbeidsparticipatie", "sdg": 8, "certification": "pso_30"})


def test_bound_form_offers_only_own_organisation_as_owner(login, broker_haarlem, amersfoort, enterprise_haarlem):
    """Regression: the form must not validate before the owner choices are narrowed."""
    response = login(broker_haarlem).post(reverse("enterprises:contact-create", args=[enterprise_haarlem.pk]), {
        "organisation": amersfoort.pk, "kind": "mail", "date": "2026-01-01", "subject": "Onder vreemde vlag"})
    assert response.status_code == 200 and 'href="#id_organisation"' in response.content.decode()
    assert not ContactMoment.objects.exists()


def test_dossier_of_a_showcase_enterprise_is_not_for_other_entrepreneurs(login, ondernemer_2, stuurgroep,
                                                                         showcase_enterprise):
    """The showcase is public, the dossier (contact persons, history, unverified certificates) is not."""
    for user in (ondernemer_2, stuurgroep):
        response = login(user).get(reverse("enterprises:detail", args=[showcase_enterprise.pk]))
        assert response["Location"] == reverse("enterprises:showcase-detail", args=[showcase_enterprise.pk])


def test_the_profile_names_the_sdgs(login, enterprise_haarlem, ondernemer_1):
    """The entrepreneur's own page showed bare numbers ("7 13") where the showcase names the goals."""
    from enterprises.models import Sdg

    goals = [Sdg.objects.get_or_create(number=n, defaults={"name": f"Doel {n}"})[0] for n in (7, 13)]
    enterprise_haarlem.sdgs.set(goals)
    html = login(ondernemer_1).get(reverse("enterprises:mine-detail", args=[enterprise_haarlem.pk])).content.decode()
    for goal in goals:
        assert f'<span class="portal-badge">{goal}</span>' in html and len(str(goal)) > 3


def test_the_showcase_sends_a_visitor_to_sign_up_and_an_entrepreneur_to_register(client, login, ondernemer_1):
    """A visitor's "Onderneming aanmelden" led to a bare login form, without an account to log in with."""
    def link(html):
        return html.split('id="showcase-register-link"')[0].rsplit("href=", 1)[1]

    assert reverse("helpdesk:signup") in link(client.get(reverse("etalage")).content.decode())
    assert reverse("enterprises:self-register") in link(login(ondernemer_1).get(reverse("etalage")).content.decode())
