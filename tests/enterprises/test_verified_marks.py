"""A certificate the entrepreneur only typed in is no quality mark (badge on admission, end of the
badge's grace period); a register import does not verify "Anders"; the register says its counts
are self-declared."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enterprises import checks, imports, services
from enterprises.checks import CertificateFacts as Cert
from enterprises.constants import CertificationStatus, Scheme
from enterprises.forms import RegisterImportForm
from enterprises.models import Certification
from impactportal.models import Notification
from impactportal.ui.import_messages import text as message_text
from tests import factories as f
from tests.csv_export import csv_rows

TODAY = dt.date(2026, 6, 15)


def _cert(scheme, verified, until=TODAY + dt.timedelta(days=300), pk=2):
    status = CertificationStatus.VERIFIED if verified else CertificationStatus.UNVERIFIED
    return Cert(scheme=scheme, valid_until=until, number="NR-12345", status=status, verified=verified, id=pk)


# --- 1. the rules: only a verified certificate counts -----------------------------------------

@pytest.mark.parametrize("scheme", [Scheme.B_CORP, Scheme.PSO_2, Scheme.CSO])
def test_an_unverified_certificate_is_no_quality_mark(scheme):
    assert checks.has_quality_mark([_cert(scheme, verified=True)], TODAY)
    assert not checks.has_quality_mark([_cert(scheme, verified=False)], TODAY)


@pytest.mark.parametrize("scheme", [Scheme.CSO, Scheme.PSO_30])
def test_an_unverified_qualifying_certificate_does_not_end_the_grace_period(scheme):
    admitted_on = checks.add_years(TODAY, -1)
    badge = Cert(scheme=Scheme.SROI_BADGE, valid_until=checks.badge_valid_until(admitted_on), issued_on=admitted_on,
                 number=f"SROI-90000001-{admitted_on.year}", status=CertificationStatus.VERIFIED, verified=True, id=9)
    assert not checks.badge_grace_over(badge, [badge, _cert(scheme, verified=True)], TODAY)
    assert not checks.has_qualifying_certificate([_cert(scheme, verified=False)], TODAY)
    assert checks.badge_grace_over(badge, [badge, _cert(scheme, verified=False)], TODAY)
    findings = checks.check_enterprise(certificates=[badge, _cert(scheme, verified=False)], headcount=None,
                                       disadvantaged=None, today=TODAY)
    assert "badge_lapsed" in {finding.code for finding in findings}


@pytest.mark.django_db
def test_admitted_with_only_a_typed_in_mark_gets_the_badge(enterprise_haarlem, ondernemer_1, broker_haarlem,
                                                           make_cert, today):
    make_cert(enterprise_haarlem, Scheme.B_CORP, days=100, status=CertificationStatus.UNVERIFIED, verified_at=None)
    services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1)
    services.admission_start_review(enterprise=enterprise_haarlem, by=broker_haarlem)
    services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=True, today=today)
    assert Certification.objects.filter(enterprise=enterprise_haarlem, scheme=Scheme.SROI_BADGE).exists()


@pytest.mark.django_db
def test_daily_job_lapses_the_badge_despite_a_typed_in_code_sociale_ondernemingen(
        enterprise_haarlem, ondernemer_1, broker_haarlem, make_cert, today):
    services.issue_badge(enterprise=enterprise_haarlem, by=broker_haarlem, today=checks.add_years(today, -1))
    make_cert(enterprise_haarlem, Scheme.CSO, days=500, status=CertificationStatus.UNVERIFIED, verified_at=None)
    assert services.run_certification_checks(today=today)["badges_lapsed"] == 1
    assert Notification.objects.filter(recipient=ondernemer_1, subject__contains="vervallen").exists()


# --- 2. a register import does not verify "Anders" --------------------------------------------

@pytest.mark.django_db
def test_import_refuses_scheme_other_with_its_line_and_applies_nothing_of_it(haarlem, broker_haarlem, today):
    other = f.EnterpriseFactory(name="Kringloop Anders", kvk_number="12121212", municipality=haarlem)
    listed = f.EnterpriseFactory(name="Kringloop Code", kvk_number="13131313", municipality=haarlem)
    later = (today + dt.timedelta(days=400)).isoformat()
    rows, malformed = imports.parse("\n".join([
        "kvk_nummer;naam;regeling;geldig_tot",
        f"12121212;Kringloop Anders;Anders;{later}",
        f"13131313;Kringloop Code;Code Sociale Ondernemingen;{later}",
        f"12121212;Kringloop Anders;other;{later}",
    ]))
    assert [row["line"] for row in malformed] == [2, 4]
    assert all("'Anders'" in message_text(row["message"]) and "geverifieerd" in message_text(row["message"]) for row in malformed)
    report = imports.apply(rows, user=broker_haarlem, today=today)
    assert [row["line"] for row in report["matched"]] == [3]
    assert not Certification.objects.filter(enterprise=other).exists()
    assert Certification.objects.get(enterprise=listed).verified_at is not None
    # A file without a scheme column cannot make every row "Anders" either.
    assert imports.parse(f"kvk,naam,geldig tot\n12121212,X,{later}\n", default_scheme=Scheme.OTHER)[0] == []


@pytest.mark.django_db
def test_import_form_does_not_offer_other_or_the_badge_as_default_scheme(haarlem, broker_haarlem):
    offered = {value for value, _label in RegisterImportForm(user=broker_haarlem).fields["default_scheme"].choices}
    assert Scheme.CSO in offered and Scheme.OTHER not in offered and Scheme.SROI_BADGE not in offered
    file = SimpleUploadedFile("register.csv", b"kvk,naam,geldig tot\n12121212,X,2030-01-01\n", content_type="text/csv")
    form = RegisterImportForm({"organisation": haarlem.pk, "default_scheme": Scheme.OTHER}, {"file": file},
                              user=broker_haarlem)
    assert not form.is_valid() and "default_scheme" in form.errors


# --- 3. the register says where its counts come from ------------------------------------------

@pytest.mark.django_db
def test_register_says_the_counts_are_self_declared_and_exports_keep_their_headers(login, broker_haarlem, haarlem):
    f.EnterpriseFactory(name="Kringloop Telling", municipality=haarlem, headcount=12, disadvantaged_count=5)
    client = login(broker_haarlem)
    page = client.get(reverse("enterprises:register")).content.decode()
    assert "Aantallen medewerkers: eigen opgave van de onderneming." in page
    assert page.count('aria-describedby="register-counts-source"') == 2 and 'id="register-counts-source"' in page
    partial = client.get(reverse("enterprises:register"), HTTP_HX_REQUEST="true").content.decode()
    assert "eigen opgave" in partial and "Kringloop Telling" in partial
    header = csv_rows(client.get(reverse("enterprises:register"), {"_export": "csv"}).content)[0]
    assert "Aantal medewerkers" in header and "Medewerkers met afstand tot de arbeidsmarkt" in header
    assert not any("eigen opgave" in title for title in header)
    empty = client.get(reverse("enterprises:register"), {"q": "niets-te-vinden-xyz"}).content.decode()
    assert "eigen opgave" not in empty
