"""Review 13 of the register: the showcase page's title, admissions on a label that is revoked,
edited or deleted, the daily job against a revocation made while it runs, and register imports
that would wipe an end date or extend the platform's own badge."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises import admission, imports, services, tasks
from enterprises.constants import AdmissionMode, AdmissionRoute, AdmissionStatus, CertificationStatus, Scheme
from enterprises.measurement.models import ImpactMeasurement
from enterprises.models import AdmissionRule, Certification, Enterprise
from impactportal.ui.import_messages import text as message_text
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def oost(amersfoort):
    region = f.RegionFactory(name="Oost-Nederland", slug="oost-nederland", members=[amersfoort])
    return AdmissionRule.objects.create(region=region, platform_name="Impact Oost", mode=AdmissionMode.LABEL,
                                        accepted_schemes=[Scheme.CSO, Scheme.PSO_30])


@pytest.fixture
def admitted_on_label(oost, enterprise_amersfoort, make_cert, today):
    Enterprise.objects.filter(pk=enterprise_amersfoort.pk).update(
        admission_status=AdmissionStatus.APPLIED, applied_at=timezone.now(), is_published=True)
    enterprise_amersfoort.refresh_from_db()
    cert = make_cert(enterprise_amersfoort, Scheme.CSO, days=200, number="CSO-2026-1")
    assert admission.admit_on_label(enterprise=enterprise_amersfoort, today=today)
    enterprise_amersfoort.refresh_from_db()
    assert enterprise_amersfoort.in_showcase and enterprise_amersfoort.admission_route == AdmissionRoute.LABEL
    return enterprise_amersfoort, cert


# --- the showcase page ----------------------------------------------------------------------


def test_the_showcase_pages_title_is_the_name_not_the_impact_section(client, showcase_enterprise):
    ImpactMeasurement.objects.create(enterprise=showcase_enterprise, method="social_handprint",
                                     show_in_showcase=True)
    page = client.get(reverse("enterprises:showcase-detail", args=[showcase_enterprise.pk])).content.decode()
    title = page[page.index("<title>"):page.index("</title>")]
    # The impact section (heading, hint, table) was included in the title block as well.
    assert "Impactmeting" not in title and "<section" not in title
    assert showcase_enterprise.name in title
    assert page.count('id="impact-measurement"') == 1


# --- an admission on a label ----------------------------------------------------------------


def test_revoking_the_label_withdraws_the_admission_at_once(admitted_on_label, broker_amersfoort):
    enterprise, cert = admitted_on_label
    services.certification_set_status(certification=cert, by=broker_amersfoort, status=CertificationStatus.REVOKED)
    enterprise.refresh_from_db()
    # It stayed in the showcase on the revoked label until the night's run.
    assert enterprise.admission_status == AdmissionStatus.APPLIED and not enterprise.in_showcase
    assert enterprise.admission_certificate is None and "ingetrokken" in enterprise.admission_reasons


def test_another_valid_label_keeps_the_admission_when_one_is_revoked(admitted_on_label, broker_amersfoort,
                                                                       make_cert):
    enterprise, cert = admitted_on_label
    other = make_cert(enterprise, Scheme.PSO_30, days=100, number="PSO30-77")
    services.certification_set_status(certification=cert, by=broker_amersfoort, status=CertificationStatus.DISPUTED)
    enterprise.refresh_from_db()
    assert enterprise.in_showcase and enterprise.admission_certificate == other


def test_an_entrepreneurs_edit_of_the_label_withdraws_the_admission(admitted_on_label, today):
    enterprise, cert = admitted_on_label
    ondernemer = f.entrepreneur(enterprise, "ondernemer_oost")
    cert.valid_until = today + dt.timedelta(days=900)  # no longer what the broker verified
    services.certification_save(certification=cert, by=ondernemer, changed=["valid_until"])
    cert.refresh_from_db()
    enterprise.refresh_from_db()
    assert cert.verified_at is None
    assert enterprise.admission_status == AdmissionStatus.APPLIED and not enterprise.in_showcase


def test_deleting_the_label_withdraws_the_admission(admitted_on_label, login, broker_amersfoort):
    enterprise, cert = admitted_on_label
    response = login(broker_amersfoort).post(reverse("enterprises:certification-delete", args=[cert.pk]))
    assert response.status_code == 302 and not Certification.objects.filter(pk=cert.pk).exists()
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.APPLIED and not enterprise.in_showcase


def test_deleting_the_label_through_the_api_withdraws_the_admission(admitted_on_label, api, broker_amersfoort):
    enterprise, cert = admitted_on_label
    response = api(broker_amersfoort).delete(f"/api/v1/certifications/{cert.pk}/")
    assert response.status_code == 204
    enterprise.refresh_from_db()
    assert enterprise.admission_status == AdmissionStatus.APPLIED and not enterprise.in_showcase


# --- the daily job --------------------------------------------------------------------------


def test_the_daily_job_keeps_a_revocation_made_while_it_runs(enterprise_haarlem, make_cert, today, monkeypatch):
    first = make_cert(enterprise_haarlem, Scheme.PSO_1, days=-3, number="PSO-1")
    second = make_cert(enterprise_haarlem, Scheme.PSO_2, days=-3, number="PSO-2")
    original = services._notify_about

    def notify_then_revoke(cert, *args):
        if cert.pk == first.pk:  # a broker revokes the second while the job handles the first
            Certification.objects.filter(pk=second.pk).update(status=CertificationStatus.REVOKED)
        return original(cert, *args)

    monkeypatch.setattr(services, "_notify_about", notify_then_revoke)
    summary = tasks.certification_checks(today=today.isoformat())
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == CertificationStatus.EXPIRED
    assert second.status == CertificationStatus.REVOKED  # was overwritten with "expired"
    assert summary["status_changed"] == 1


# --- register imports -----------------------------------------------------------------------


def test_an_import_row_without_an_end_date_for_a_pso_certificate_is_refused(enterprise_haarlem, make_cert,
                                                                             broker_haarlem, today):
    cert = make_cert(enterprise_haarlem, Scheme.PSO_30, days=100, number="PSO30-1")
    text = ("kvk_nummer;naam;regeling;geldig_tot\n"
            f"{enterprise_haarlem.kvk_number};{enterprise_haarlem.name};PSO 30+;\n"
            f"{enterprise_haarlem.kvk_number};{enterprise_haarlem.name};Code Sociale Ondernemingen;\n")
    rows, malformed = imports.parse(text)
    assert [m["line"] for m in malformed] == [2] and "Einddatum ontbreekt" in message_text(malformed[0]["message"])
    assert [(r.line, r.scheme) for r in rows] == [(3, Scheme.CSO)]  # a code without an end date may be
    imports.apply(rows, user=broker_haarlem, today=today)
    cert.refresh_from_db()
    assert cert.valid_until == today + dt.timedelta(days=100)  # not wiped (valid for ever)


def test_an_import_cannot_extend_the_platforms_badge(enterprise_haarlem, broker_haarlem, today):
    badge = services.issue_badge(enterprise=enterprise_haarlem, by=broker_haarlem, today=today)
    later = (today + dt.timedelta(days=3 * 365)).isoformat()
    text = ("kvk_nummer;naam;regeling;geldig_tot\n"
            f"{enterprise_haarlem.kvk_number};{enterprise_haarlem.name};sroi_badge;{later}\n")
    rows, malformed = imports.parse(text)
    assert rows == [] and [m["line"] for m in malformed] == [2]
    assert "SROI-badge" in message_text(malformed[0]["message"])
    badge.refresh_from_db()
    assert badge.valid_until == dt.date(2027, 6, 14)


# --- a profile edit and a decision at the same time -----------------------------------------


def _decided_meanwhile(enterprise, broker):
    """The committee admits ``enterprise`` (committed) after the edit read the row."""
    Enterprise.objects.filter(pk=enterprise.pk).update(
        admission_status=AdmissionStatus.ADMITTED, admission_route=AdmissionRoute.COMMITTEE,
        admission_decided_at=timezone.now(), admission_decided_by=broker, admission_reasons="Past in ons beleid.")


def test_a_profile_edit_does_not_undo_a_decision_taken_while_it_was_typed(login, enterprise_haarlem, ondernemer_1,
                                                                          broker_haarlem, monkeypatch):
    from enterprises.forms import EnterpriseForm
    from tests.enterprises.test_material_change import form_data

    Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(admission_status=AdmissionStatus.UNDER_REVIEW)
    enterprise_haarlem.refresh_from_db()
    original = EnterpriseForm.clean

    def clean_then_decide(self):
        _decided_meanwhile(enterprise_haarlem, broker_haarlem)
        return original(self)

    monkeypatch.setattr(EnterpriseForm, "clean", clean_then_decide)
    response = login(ondernemer_1).post(reverse("enterprises:enterprise-update", args=[enterprise_haarlem.pk]),
                                        form_data(enterprise_haarlem, description="Nieuwe omschrijving."))
    assert response.status_code == 302
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.description == "Nieuwe omschrijving."
    # The stale copy wrote "under review" back over the admission.
    assert enterprise_haarlem.admission_status == AdmissionStatus.ADMITTED
    assert enterprise_haarlem.admission_decided_by == broker_haarlem
    assert enterprise_haarlem.admission_reasons == "Past in ons beleid."


def test_an_api_profile_edit_does_not_undo_a_decision_taken_meanwhile(api, enterprise_haarlem, ondernemer_1,
                                                                      broker_haarlem, monkeypatch):
    from enterprises.api.serializers import EnterpriseSerializer

    Enterprise.objects.filter(pk=enterprise_haarlem.pk).update(admission_status=AdmissionStatus.UNDER_REVIEW)
    original = EnterpriseSerializer.validate

    def validate_then_decide(self, attrs):
        _decided_meanwhile(enterprise_haarlem, broker_haarlem)
        return original(self, attrs)

    monkeypatch.setattr(EnterpriseSerializer, "validate", validate_then_decide)
    response = api(ondernemer_1).patch(f"/api/v1/enterprises/{enterprise_haarlem.pk}/",
                                       {"description": "Via de API."}, format="json")
    assert response.status_code == 200, response.content
    enterprise_haarlem.refresh_from_db()
    assert enterprise_haarlem.description == "Via de API."
    assert enterprise_haarlem.admission_status == AdmissionStatus.ADMITTED
    assert response.json()["admission_status"] == AdmissionStatus.ADMITTED


def test_an_edit_of_a_certificate_keeps_a_revocation_made_while_it_was_typed(login, enterprise_haarlem, ondernemer_1,
                                                                             make_cert, monkeypatch):
    from enterprises.forms import CertificationForm

    cert = make_cert(enterprise_haarlem, Scheme.PSO_30, days=100, number="PSO30-9")
    original = CertificationForm.clean

    def clean_then_revoke(self):
        Certification.objects.filter(pk=cert.pk).update(status=CertificationStatus.REVOKED)  # the broker, meanwhile
        return original(self)

    monkeypatch.setattr(CertificationForm, "clean", clean_then_revoke)
    data = {"scheme": cert.scheme, "number": cert.number, "issuer": "",
            "valid_until": cert.valid_until.isoformat(), "notes": "Nieuwe toelichting"}
    response = login(ondernemer_1).post(reverse("enterprises:certification-update", args=[cert.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    cert.refresh_from_db()
    assert cert.notes == "Nieuwe toelichting"
    assert cert.status == CertificationStatus.REVOKED  # was "verified" (or "unverified") again


def test_an_import_keeps_a_revocation_made_while_it_runs(haarlem, broker_haarlem, make_cert, today, monkeypatch):
    first = f.EnterpriseFactory(name="Eerste Werkplaats", kvk_number="11112222", municipality=haarlem)
    second = f.EnterpriseFactory(name="Tweede Werkplaats", kvk_number="33334444", municipality=haarlem)
    make_cert(first, Scheme.PSO_30, days=100, number="PSO30-1")
    revoked = make_cert(second, Scheme.PSO_30, days=100, number="PSO30-2")
    later = (today + dt.timedelta(days=500)).isoformat()
    rows, malformed = imports.parse("kvk_nummer;naam;regeling;geldig_tot\n"
                                    f"11112222;Eerste Werkplaats;PSO 30+;{later}\n"
                                    f"33334444;Tweede Werkplaats;PSO 30+;{later}\n")
    assert malformed == []
    original = imports._apply_row

    def apply_then_revoke(row, *args):
        if row.line == 2:  # the broker revokes the second while the import handles the first
            Certification.objects.filter(pk=revoked.pk).update(status=CertificationStatus.REVOKED)
        return original(row, *args)

    monkeypatch.setattr(imports, "_apply_row", apply_then_revoke)
    imports.apply(rows, user=broker_haarlem, today=today)
    revoked.refresh_from_db()
    assert revoked.status == CertificationStatus.REVOKED  # was "verified" with the file's date
    assert revoked.valid_until == today + dt.timedelta(days=100)


# --- the definition check -------------------------------------------------------------------


def test_a_definition_check_dated_ahead_is_refused_with_a_field_error(login, enterprise_haarlem, broker_haarlem,
                                                                      today):
    from enterprises.models import DefinitionCheck

    data = {"impact_first": "true", "independent_with_product": "true", "economically_independent": "true",
            "social_governance": "unknown", "transparent": "unknown", "notes": "",
            "checked_on": (today + dt.timedelta(days=1)).isoformat()}
    url = reverse("enterprises:definition-check", args=[enterprise_haarlem.pk])
    response = login(broker_haarlem).post(url, data)
    assert response.status_code in (200, 400)
    assert "checked_on" in response.context["form"].errors
    assert not DefinitionCheck.objects.exists()
    response = login(broker_haarlem).post(url, data | {"checked_on": today.isoformat()})
    assert response.status_code == 302 and DefinitionCheck.objects.get().checked_on == today


def test_an_import_verifies_only_certificates_of_the_brokers_own_municipality(broker_haarlem, enterprise_amersfoort,
                                                                              make_cert, today):
    from impactportal import access
    from impactportal.accounts.constants import Role
    from impactportal.accounts.models import Membership

    # The broker is also the entrepreneur of an enterprise in another municipality.
    Membership.objects.create(user=broker_haarlem, role=Role.ENTREPRENEUR, enterprise=enterprise_amersfoort)
    access.forget(broker_haarlem)
    cert = make_cert(enterprise_amersfoort, Scheme.PSO_30, days=100, number="PSO30-5", status=CertificationStatus.UNVERIFIED,
                     verified_at=None)
    later = (today + dt.timedelta(days=500)).isoformat()
    rows, _malformed = imports.parse("kvk_nummer;naam;regeling;geldig_tot\n"
                                     f"{enterprise_amersfoort.kvk_number};{enterprise_amersfoort.name};PSO 30+;{later}\n")
    report = imports.apply(rows, user=broker_haarlem, today=today)
    assert [r["line"] for r in report["outside_scope"]] == [2] and report["matched"] == []
    cert.refresh_from_db()
    assert cert.verified_at is None and cert.status == CertificationStatus.UNVERIFIED


def test_the_showcase_leaves_out_a_certificate_past_its_end_date_before_the_nights_run(client, showcase_enterprise,
                                                                                       make_cert):
    make_cert(showcase_enterprise, Scheme.PSO_2, days=-1, number="PSO-OUD-1")  # still "verified": the job has not run
    make_cert(showcase_enterprise, Scheme.CSO, days=0, number="CSO-GELDIG-1")  # valid through today
    page = client.get(reverse("enterprises:showcase-detail", args=[showcase_enterprise.pk])).content.decode()
    assert "CSO-GELDIG-1" in page and "PSO-OUD-1" not in page


# --- an unverified certificate near its end date --------------------------------------------


def test_an_unverified_certificate_near_its_end_is_not_shown_to_visitors(client, api, showcase_enterprise, today):
    ondernemer = f.entrepreneur(showcase_enterprise, "ondernemer_etalage")
    cert = services.certification_save(
        certification=Certification(enterprise=showcase_enterprise, scheme=Scheme.PSO_30, number="PSO30-ZELF",
                                    valid_until=today + dt.timedelta(days=30)),
        by=ondernemer)
    assert cert.status == CertificationStatus.EXPIRING and cert.verified_at is None  # "expiring", not verified
    page = client.get(reverse("enterprises:showcase-detail", args=[showcase_enterprise.pk])).content.decode()
    assert "PSO30-ZELF" not in page and "Geen geverifieerde certificaten" in page
    listed = api().get(f"/api/v1/enterprises/{showcase_enterprise.pk}/certifications/").json()["results"]
    assert listed == []
    assert api().get(f"/api/v1/certifications/{cert.pk}/").status_code == 404
    # Verified, it is public.
    Certification.objects.filter(pk=cert.pk).update(verified_at=timezone.now())
    assert "PSO30-ZELF" in client.get(reverse("enterprises:showcase-detail", args=[showcase_enterprise.pk])).content.decode()


def test_the_certified_indicator_counts_verified_quality_marks_not_the_badge(haarlem, broker_haarlem, make_cert,
                                                                             today):
    from enterprises.indicators import certified
    from monitoring.registry import month_period

    badge_only = f.EnterpriseFactory(municipality=haarlem, admission_status=AdmissionStatus.ADMITTED)
    services.issue_badge(enterprise=badge_only, by=broker_haarlem, today=today)
    unverified = f.EnterpriseFactory(municipality=haarlem)
    make_cert(unverified, Scheme.PSO_30, days=30, status=CertificationStatus.EXPIRING, verified_at=None)
    marked = f.EnterpriseFactory(municipality=haarlem)
    make_cert(marked, Scheme.CSO, days=30, status=CertificationStatus.EXPIRING)
    # Recorded (and verified) before the month counted: a month counts what the register held then.
    long_ago = timezone.make_aware(dt.datetime(2020, 1, 6))
    Enterprise.objects.update(created_at=long_ago)
    Certification.objects.update(created_at=long_ago)
    Certification.objects.filter(verified_at__isnull=False).update(verified_at=long_ago)
    period = month_period(today.year, today.month)
    assert certified(period) == {haarlem.pk: 1}


def test_an_import_does_not_add_afresh_a_certificate_a_broker_revoked(enterprise_haarlem, broker_haarlem, make_cert,
                                                                      today):
    revoked = make_cert(enterprise_haarlem, Scheme.PSO_30, days=100, number="PSO30-INGETROKKEN",
                        status=CertificationStatus.REVOKED)
    later = (today + dt.timedelta(days=500)).isoformat()
    rows, _malformed = imports.parse("kvk_nummer;naam;regeling;geldig_tot;nummer\n"
                                     f"{enterprise_haarlem.kvk_number};{enterprise_haarlem.name};PSO 30+;{later};"
                                     "PSO30-INGETROKKEN\n")
    report = imports.apply(rows, user=broker_haarlem, today=today)
    # A second, verified copy was added ("certificate_missing") next to the revoked one.
    assert list(Certification.objects.filter(enterprise=enterprise_haarlem)) == [revoked]
    assert [m["kind"] for m in report["mismatches"]] == ["certificate_revoked"]
    assert report["matched"][0]["updated"] is False
