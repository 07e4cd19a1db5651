"""Admission workflow (with the SROI badge), certificate verification and the daily check job."""

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from enterprises import checks, services, tasks
from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import Certification
from impactportal.audit import acting_as
from impactportal.models import Notification

pytestmark = pytest.mark.django_db


def walk_to_review(enterprise, entrepreneur, broker):
    services.enterprise_apply(enterprise=enterprise, by=entrepreneur)
    return services.admission_start_review(enterprise=enterprise, by=broker)


def test_apply_review_admit_without_quality_mark_issues_badge_for_one_year(
    enterprise_haarlem, ondernemer_1, broker_haarlem, today, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        enterprise = services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1)
    assert enterprise.admission_status == AdmissionStatus.APPLIED and enterprise.applied_at
    # The municipality's broker hears about the application, in the portal and by mail.
    assert Notification.objects.filter(recipient=broker_haarlem, subject__contains="Aanvraag").count() == 1
    assert [m.to for m in mail.outbox] == [[broker_haarlem.email]]
    services.admission_start_review(enterprise=enterprise, by=broker_haarlem)
    with acting_as(broker_haarlem):
        enterprise = services.admission_decide(enterprise=enterprise, by=broker_haarlem, admit=True, today=today)
    assert enterprise.admission_status == AdmissionStatus.ADMITTED
    assert enterprise.admission_decided_by == broker_haarlem
    badge = Certification.objects.get(enterprise=enterprise, scheme=Scheme.SROI_BADGE)
    assert badge.valid_until == checks.add_years(today, 1) - dt.timedelta(days=1)
    assert badge.status == CertificationStatus.VERIFIED and badge.number == f"SROI-{enterprise.kvk_number}-{today.year}"
    assert Notification.objects.filter(recipient=ondernemer_1, subject__contains="toegelaten").exists()
    # Audited: the status changes with the deciding broker as actor.
    changes = [e.changes_dict.get("admission_status") for e in LogEntry.objects.get_for_object(enterprise)]
    assert ["under_review", "admitted"] in changes
    assert LogEntry.objects.get_for_object(enterprise).filter(actor=broker_haarlem).exists()


def test_admit_with_quality_mark_gets_no_badge(enterprise_haarlem, ondernemer_1, broker_haarlem, make_cert, today):
    make_cert(enterprise_haarlem, Scheme.B_CORP, days=100)
    walk_to_review(enterprise_haarlem, ondernemer_1, broker_haarlem)
    services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=True, today=today)
    assert not Certification.objects.filter(scheme=Scheme.SROI_BADGE).exists()


def test_reject_needs_reasons_and_keeps_them(enterprise_haarlem, ondernemer_1, broker_haarlem):
    walk_to_review(enterprise_haarlem, ondernemer_1, broker_haarlem)
    with pytest.raises(ValidationError):
        services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=False, reasons="  ")
    enterprise = services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=False,
                                           reasons="Geen verdienmodel; vooral subsidie.")
    assert enterprise.admission_status == AdmissionStatus.REJECTED
    assert enterprise.admission_reasons == "Geen verdienmodel; vooral subsidie."
    assert Notification.objects.filter(recipient=ondernemer_1, body__contains="Geen verdienmodel").exists()
    # After a rejection the entrepreneur may apply again.
    assert services.enterprise_apply(enterprise=enterprise, by=ondernemer_1).admission_status == "applied"


def test_only_broker_of_the_municipality_decides(enterprise_haarlem, ondernemer_1, broker_haarlem, broker_amersfoort,
                                                 inkoper_haarlem):
    services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1)
    for user in (broker_amersfoort, ondernemer_1, inkoper_haarlem):
        with pytest.raises(PermissionDenied):
            services.admission_start_review(enterprise=enterprise_haarlem, by=user)
    services.admission_start_review(enterprise=enterprise_haarlem, by=broker_haarlem)
    for user in (broker_amersfoort, ondernemer_1):
        with pytest.raises(PermissionDenied):
            services.admission_decide(enterprise=enterprise_haarlem, by=user, admit=True)


def test_invalid_transitions_are_refused(enterprise_haarlem, ondernemer_1, ondernemer_2, broker_haarlem):
    with pytest.raises(ValidationError):
        services.admission_start_review(enterprise=enterprise_haarlem, by=broker_haarlem)  # not applied
    with pytest.raises(ValidationError):
        services.admission_decide(enterprise=enterprise_haarlem, by=broker_haarlem, admit=True)  # not under review
    with pytest.raises(Http404):  # not their enterprise, and not in the showcase: outside their scope
        services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_2)
    services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1)
    with pytest.raises(ValidationError):
        services.enterprise_apply(enterprise=enterprise_haarlem, by=ondernemer_1)  # twice


def test_entrepreneur_cannot_verify_and_loses_verification_on_change(enterprise_haarlem, ondernemer_1, broker_haarlem,
                                                                      broker_amersfoort, make_cert, today):
    cert = make_cert(enterprise_haarlem, Scheme.PSO_2, days=300)
    with pytest.raises(PermissionDenied):
        services.certification_verify(certification=cert, by=ondernemer_1)
    with pytest.raises(PermissionDenied):
        services.certification_verify(certification=cert, by=broker_amersfoort)
    cert.valid_until = today + dt.timedelta(days=900)
    services.certification_save(certification=cert, by=ondernemer_1, changed=["valid_until"])
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.UNVERIFIED and cert.verified_at is None
    services.certification_verify(certification=cert, by=broker_haarlem)
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.VERIFIED and cert.verified_by == broker_haarlem
    # A note changes no verified fact: the verification stays.
    cert.notes = "Gezien"
    services.certification_save(certification=cert, by=ondernemer_1, changed=["notes"])
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.VERIFIED


def test_revoke_is_for_brokers_and_sticks(enterprise_haarlem, broker_haarlem, ondernemer_1, make_cert, today):
    cert = make_cert(enterprise_haarlem, days=10)
    with pytest.raises(PermissionDenied):
        services.certification_set_status(certification=cert, by=ondernemer_1, status=CertificationStatus.REVOKED)
    services.certification_set_status(certification=cert, by=broker_haarlem, status=CertificationStatus.REVOKED)
    services.run_certification_checks(today=today)
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.REVOKED


def test_daily_job_updates_statuses_and_notifies_once(enterprise_haarlem, ondernemer_1, broker_haarlem,
                                                      broker_amersfoort, make_cert, today,
                                                      django_capture_on_commit_callbacks):
    expiring = make_cert(enterprise_haarlem, Scheme.PSO_1, days=60)
    expired = make_cert(enterprise_haarlem, Scheme.CSO, days=-1)
    fine = make_cert(enterprise_haarlem, Scheme.B_CORP, days=61)
    with django_capture_on_commit_callbacks(execute=True):
        summary = tasks.certification_checks(today=today.isoformat())
    assert summary["status_changed"] == 2
    for cert, status in [(expiring, "expiring"), (expired, "expired"), (fine, "verified")]:
        cert.refresh_from_db()
        assert cert.status == status
    # Broker of Haarlem and the entrepreneur hear of both; Amersfoort's broker of neither.
    assert Notification.objects.filter(recipient=broker_haarlem).count() == 2
    assert Notification.objects.filter(recipient=ondernemer_1).count() == 2
    assert not Notification.objects.filter(recipient=broker_amersfoort).exists()
    assert len(mail.outbox) == 4
    # Same day again: nothing new.
    with django_capture_on_commit_callbacks(execute=True):
        again = tasks.certification_checks(today=today.isoformat())
    assert again["notifications"] == 0 and again["status_changed"] == 0
    assert Notification.objects.count() == 4 and len(mail.outbox) == 4
    # Next day: only the certificate that entered the 60-day window is news.
    with django_capture_on_commit_callbacks(execute=True):
        tasks.certification_checks(today=(today + dt.timedelta(days=1)).isoformat())
    assert Notification.objects.count() == 6 and len(mail.outbox) == 6
    assert Notification.objects.filter(dedupe_key__startswith=f"cert:{fine.pk}:expiring").count() == 2


def test_daily_job_badge_lapses_after_one_year_without_qualifying_certificate(
    enterprise_haarlem, ondernemer_1, broker_haarlem, today
):
    admitted_on = checks.add_years(today, -1)
    badge = services.issue_badge(enterprise=enterprise_haarlem, by=broker_haarlem, today=admitted_on)
    day_before = today - dt.timedelta(days=1)
    summary = services.run_certification_checks(today=day_before)
    assert summary["badges_lapsed"] == 0
    assert Notification.objects.filter(subject__contains="loopt af").count() == 2  # warned in time
    summary = services.run_certification_checks(today=today)
    assert summary["badges_lapsed"] == 1
    badge.refresh_from_db()
    assert badge.status == CertificationStatus.EXPIRED
    assert Notification.objects.filter(recipient=broker_haarlem, subject__contains="vervallen").count() == 1
    assert Notification.objects.filter(recipient=ondernemer_1, subject__contains="vervallen").count() == 1
    services.run_certification_checks(today=today)
    assert Notification.objects.filter(subject__contains="vervallen").count() == 2


def test_badge_does_not_lapse_with_qualifying_certificate(enterprise_haarlem, broker_haarlem, make_cert, today):
    services.issue_badge(enterprise=enterprise_haarlem, by=broker_haarlem, today=checks.add_years(today, -1))
    make_cert(enterprise_haarlem, Scheme.PSO_30, days=500)
    assert services.run_certification_checks(today=today)["badges_lapsed"] == 0
    assert not Notification.objects.filter(subject__contains="vervallen").exists()


def test_reserved_queryset_mirrors_the_pure_rule(haarlem, make_cert, today):
    from enterprises.models import Enterprise
    from tests import factories as f

    by_counts = f.EnterpriseFactory(municipality=haarlem, headcount=10, disadvantaged_count=3)
    below = f.EnterpriseFactory(municipality=haarlem, headcount=10, disadvantaged_count=2)
    by_cert = f.EnterpriseFactory(municipality=haarlem, headcount=10, disadvantaged_count=0)
    make_cert(by_cert, Scheme.PSO_30, days=0)
    expired = f.EnterpriseFactory(municipality=haarlem, headcount=10, disadvantaged_count=0)
    make_cert(expired, Scheme.PSO_30, days=-1)
    assert set(Enterprise.objects.reserved_eligible(today)) == {by_counts, by_cert}
    for enterprise in (by_counts, below, by_cert, expired):
        facts = [c.facts for c in enterprise.certifications.all()]
        expected = checks.reserved_contract_eligibility(facts, enterprise.headcount, enterprise.disadvantaged_count,
                                                        today).eligible
        assert (enterprise in set(Enterprise.objects.reserved_eligible(today))) is expected


def test_today_is_pinned(today):
    from django.utils import timezone

    assert today == dt.date(2026, 6, 15) and timezone.localdate() == today


@pytest.mark.parametrize("admitted_on, valid_until", [
    (dt.date(2028, 2, 29), dt.date(2029, 2, 27)),  # leap day: the anniversary is 28 Feb 2029
    (dt.date(2027, 2, 28), dt.date(2028, 2, 27)),  # the year holds a leap day: still the day before
    (dt.date(2027, 3, 1), dt.date(2028, 2, 29)),   # ends on a leap day
    (dt.date(2026, 6, 15), dt.date(2027, 6, 14)),
])
def test_badge_valid_until_exact_dates(admitted_on, valid_until):
    assert checks.badge_valid_until(admitted_on) == valid_until


def test_badge_issued_on_a_leap_day_lapses_on_the_anniversary(enterprise_haarlem, ondernemer_1, broker_haarlem):
    badge = services.issue_badge(enterprise=enterprise_haarlem, by=broker_haarlem, today=dt.date(2028, 2, 29))
    assert badge.valid_until == dt.date(2029, 2, 27) and badge.number.endswith("-2028")
    assert services.run_certification_checks(today=dt.date(2029, 2, 27))["badges_lapsed"] == 0
    assert services.run_certification_checks(today=dt.date(2029, 2, 28))["badges_lapsed"] == 1
    badge.refresh_from_db()
    assert badge.status == CertificationStatus.EXPIRED


@pytest.mark.parametrize("sticky", [CertificationStatus.DISPUTED, CertificationStatus.REVOKED])
def test_verifying_again_lifts_a_dispute_or_revocation(enterprise_haarlem, broker_haarlem, make_cert, today, sticky):
    cert = make_cert(enterprise_haarlem, Scheme.PSO_2, days=300)
    services.certification_set_status(certification=cert, by=broker_haarlem, status=sticky)
    cert.refresh_from_db()
    assert cert.status == sticky
    services.certification_verify(certification=cert, by=broker_haarlem, today=today)
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.VERIFIED and cert.verified_by == broker_haarlem
    # and the daily job no longer treats it as a decision of people
    services.run_certification_checks(today=today + dt.timedelta(days=300 - 59))
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.EXPIRING


def test_verifying_a_disputed_expired_certificate_makes_it_expired_not_verified(
    enterprise_haarlem, broker_haarlem, make_cert, today
):
    cert = make_cert(enterprise_haarlem, Scheme.PSO_2, days=-1)
    services.certification_set_status(certification=cert, by=broker_haarlem, status=CertificationStatus.DISPUTED)
    services.certification_verify(certification=cert, by=broker_haarlem, today=today)
    cert.refresh_from_db()
    assert cert.status == CertificationStatus.EXPIRED

