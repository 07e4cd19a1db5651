"""Reports: made by a Celery task from one snapshot, the PDF's text holds that snapshot's values
(the API's figures), the same request twice gives one file, a failure shows its reason, review
and approval, immutability (service, database, admin), publication without the appendix."""

import subprocess
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from monitoring import reports, services
from monitoring.models import ImmutableReport, ReportRequest, SnapshotValue
from tests import factories as f
from tests.pdf_words import PDFTOTEXT, words_outside_the_margins


def pdf_text(report) -> str:
    with report.file.open("rb") as handle:
        content = handle.read()
    return pdf_bytes_text(content)


def pdf_bytes_text(content: bytes) -> str:
    """The PDF's text by pdftotext (poppler), whitespace folded."""
    run = subprocess.run([PDFTOTEXT, "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603
    return " ".join(run.stdout.decode().split())


@pytest.mark.django_db
def test_annual_report_pdf_holds_the_snapshot_values(annual, snapshots, haarlem, api, broker_haarlem):
    assert annual.status == "done" and annual.snapshot == snapshots and len(annual.checksum) == 64
    assert annual.job.status == "succeeded" and annual.job.progress == 100
    text = pdf_text(annual)
    assert "Inhoud" in text and "Bijlage: bronnen en status" in text and "pagina" in text
    api_values = api(broker_haarlem).get("/api/v1/monitoring/snapshots/", {"organisation": "haarlem"}).json()
    december = next(row for row in api_values["results"] if row["period"] == "2025-12")
    indicators = {ind["code"]: ind for ind in api(broker_haarlem).get("/api/v1/monitoring/indicators/").json()}
    assert december["values"]
    for code, value in december["values"].items():
        assert reports.fmt(Decimal(value), indicators[code]["unit"]) in text, code
    # The appendix names each figure's source and status.
    # (the code, labelled "code:", may wrap after its ".")
    assert "zelf opgegeven" in text and "code: enterprises.disadvantaged_jobs" in text.replace(". ", ".")


@pytest.mark.django_db
def test_the_same_request_twice_gives_one_file(annual, broker_haarlem, haarlem, run_report, api):
    again, created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert not created and again.pk == annual.pk and again.file.name == annual.file.name
    assert again.checksum == annual.checksum
    response = api(broker_haarlem).post("/api/v1/monitoring/reports/", {"kind": "annual", "organisation": "haarlem",
                                                                        "period": "2025"}, format="json")
    assert response.status_code == 202 and response.json()["id"] == annual.pk
    assert ReportRequest.objects.count() == 1


@pytest.mark.django_db
def test_api_request_progress_file_and_409_before(snapshots, api, broker_haarlem, haarlem,
                                                  django_capture_on_commit_callbacks):
    client = api(broker_haarlem)
    with mock.patch("monitoring.tasks.build_report.apply_async") as enqueue, \
            django_capture_on_commit_callbacks(execute=True):
        enqueue.return_value.id = "task-1"
        response = client.post("/api/v1/monitoring/reports/", {"kind": "evaluation", "organisation": "haarlem",
                                                               "period": "2025"}, format="json")
    assert response.status_code == 202
    body = response.json()
    assert body["status"] == "queued" and body["snapshot"] == snapshots.pk
    report = ReportRequest.objects.get(pk=body["id"])
    assert report.task_id == "task-1" and report.job.task_id == "task-1"
    assert client.get(f"/api/v1/monitoring/reports/{report.pk}/file/").status_code == 409
    from monitoring.tasks import build_report

    build_report(report_id=report.pk, job_id=report.job_id)
    detail = client.get(f"/api/v1/monitoring/reports/{report.pk}/").json()
    assert detail["status"] == "done" and detail["progress"] == 100 and len(detail["checksum"]) == 64
    pdf = client.get(f"/api/v1/monitoring/reports/{report.pk}/file/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


@pytest.mark.django_db
def test_bad_requests_are_400_not_500(snapshots, api, broker_haarlem):
    client = api(broker_haarlem)
    for body in ({"kind": "annual", "period": "2025"}, {"kind": "annual", "organisation": "haarlem", "period": "25"},
                 {"kind": "programme", "organisation": "haarlem", "period": "2025"},
                 {"kind": "impact_statement", "organisation": "haarlem", "period": "2025"},
                 {"kind": "annual", "organisation": "haarlem", "period": "1990"}):  # no measurement then
        assert client.post("/api/v1/monitoring/reports/", body, format="json").status_code == 400, body


@pytest.mark.django_db
def test_amersfoort_may_not_request_or_see_haarlems_drafts(annual, api, broker_amersfoort):
    client = api(broker_amersfoort)
    response = client.post("/api/v1/monitoring/reports/", {"kind": "annual", "organisation": "haarlem",
                                                           "period": "2025"}, format="json")
    assert response.status_code == 403
    assert client.get("/api/v1/monitoring/reports/").json()["results"] == []
    assert client.get(f"/api/v1/monitoring/reports/{annual.pk}/").status_code == 404
    assert client.get(f"/api/v1/monitoring/reports/{annual.pk}/file/").status_code == 404


@pytest.mark.django_db
def test_a_steering_member_sees_only_their_programmes_reports(annual, snapshots, chair, programme, run_report, api):
    other = f.ProgrammeFactory(name="Ander programma", slug="ander")
    other_member = f.steering(other, "ander-lid")
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    assert report.status == "done"
    assert [r["id"] for r in api(chair).get("/api/v1/monitoring/reports/").json()["results"]] == [report.pk]
    assert api(other_member).get("/api/v1/monitoring/reports/").json()["results"] == []
    assert api(other_member).get(f"/api/v1/monitoring/reports/{report.pk}/").status_code == 404
    text = pdf_text(report)
    assert "Per deelnemende organisatie" in text and "Gemeente Haarlem" in text and "Per doel" in text


@pytest.mark.django_db
def test_a_partner_never_sees_drafts(annual, haarlem, api):
    partner = f.partner(haarlem, f.partner_organisation(), "partner-x")
    assert api(partner).get("/api/v1/monitoring/reports/").json()["results"] == []


@pytest.mark.django_db
def test_a_failure_is_visible_with_its_reason(snapshots, broker_haarlem, haarlem, run_report):
    with mock.patch("monitoring.reports.render", side_effect=RuntimeError("WeasyPrint kapot")):
        report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert report.status == "failed" and "WeasyPrint kapot" in report.error
    assert report.job.status == "failed"
    # Asking again retries the same request.
    again, created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert created and again.pk == report.pk and again.status == "done"


@pytest.mark.django_db
def test_review_approval_is_immutable_in_service_model_and_database(annual, broker_haarlem, inkoper_haarlem):
    services.review_comment(report=annual, by=inkoper_haarlem, section="summary", body="Prima")
    with pytest.raises(PermissionDenied):  # a colleague comments, does not decide
        services.review_decide(report=annual, by=inkoper_haarlem, outcome="approved")
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved", note="Akkoord")
    annual.refresh_from_db()
    assert annual.is_approved and annual.approved_by == broker_haarlem and annual.approved_at
    with pytest.raises(ValidationError):
        services.review_comment(report=annual, by=broker_haarlem, section="summary", body="Nog iets")
    with pytest.raises(ValidationError):
        services.review_decide(report=annual, by=broker_haarlem, outcome="changes_requested")
    annual.period = "2024"
    with pytest.raises(ImmutableReport):
        annual.save()
    with pytest.raises(ImmutableReport):
        annual.delete()
    # The database refuses too (a trigger), also for a bulk update that skips save().
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportRequest.objects.filter(pk=annual.pk).update(checksum="f" * 64)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_reportrequest WHERE id = %s", [annual.pk])
    assert ReportRequest.objects.get(pk=annual.pk).checksum == annual.checksum


@pytest.mark.django_db
def test_the_chair_decides_a_programme_report_with_a_vote(snapshots, chair, programme, run_report):
    member = f.steering(programme, "lid-2")
    for n in range(3, 6):  # a group of five: the vote below counts 5
        f.steering(programme, f"lid-{n}")
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    services.review_comment(report=report, by=member, section="levels", body="Per thema toelichten")
    with pytest.raises(PermissionDenied):
        services.review_decide(report=report, by=member, outcome="approved")
    with pytest.raises(ValidationError):
        services.review_decide(report=report, by=chair, outcome="approved", votes_for=2, votes_against=3)
    # Asking for changes says which (user review 5: the decision without a note read "Wijzigingen gevraagd: —").
    services.review_decide(report=report, by=chair, outcome="changes_requested", votes_for=1, votes_against=4,
                           note="Per thema de voortgang toelichten")
    report.refresh_from_db()
    assert report.review_state == "changes_requested"
    with mock.patch("monitoring.tasks.build_report.apply_async"):
        new = services.report_new_version(report=report, by=chair)
    assert new.version == 2 and new.previous == report and report.reviews.count() == 2


@pytest.mark.django_db
def test_publish_makes_a_public_file_with_the_definitions(annual, broker_haarlem, client, haarlem):
    with pytest.raises(ValidationError):
        services.report_publish(report=annual, by=broker_haarlem)
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")
    services.report_publish(report=annual, by=broker_haarlem)
    annual.refresh_from_db()
    assert annual.published_at and annual.public_file and annual.is_approved
    page = client.get(f"/monitoring/openbaar/organisatie/{haarlem.slug}/").content.decode()
    assert f"/monitoring/openbaar/rapport/{annual.pk}/pdf/" in page
    response = client.get(f"/monitoring/openbaar/rapport/{annual.pk}/pdf/")
    content = b"".join(response.streaming_content)
    text = pdf_bytes_text(content)
    # A public figure says what it counts and where it is recorded (the appendix was left out).
    assert "Indicatoren" in text and "Bijlage: bronnen en status" in text and "Vastgelegd in" in text
    # Anonymous visitors never get the full file.
    assert client.get(f"/monitoring/rapporten/{annual.pk}/pdf/").status_code == 302


@pytest.mark.django_db
def test_admin_shows_an_approved_report_read_only(annual, broker_haarlem, admin_client):
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")
    page = admin_client.get(f"/admin/monitoring/reportrequest/{annual.pk}/change/")
    assert page.status_code == 200
    assert 'name="period"' not in page.content.decode()  # no editable field
    response = admin_client.post(f"/admin/monitoring/reportrequest/{annual.pk}/change/", {"period": "2024"})
    assert response.status_code == 403
    assert admin_client.post(f"/admin/monitoring/reportrequest/{annual.pk}/delete/", {"post": "yes"}).status_code == 403
    assert ReportRequest.objects.get(pk=annual.pk).period == "2025"


@pytest.mark.django_db
def test_impact_statement_of_an_enterprise(snapshots, enterprise_haarlem, ondernemer_1, ondernemer_2, run_report,
                                           api):
    from enterprises.models import Certification

    Certification.objects.create(enterprise=enterprise_haarlem, scheme="b_corp", status="verified")
    report, _created = run_report(user=ondernemer_1, kind="impact_statement", period="2025",
                                  enterprise=enterprise_haarlem)
    text = pdf_text(report)
    assert "Keurmerken" in text and "B Corp" in text and "MKBA-analyses" in text
    assert "Impactmeting" in text and "Niet gedeeld" in text  # no consent given
    assert api(ondernemer_2).get(f"/api/v1/monitoring/reports/{report.pk}/").status_code == 404
    assert api(ondernemer_1).get(f"/api/v1/monitoring/reports/{report.pk}/").json()["enterprise_id"] == \
        enterprise_haarlem.pk


@pytest.mark.django_db
def test_january_drafts_notify_brokers_and_steering(snapshots, broker_haarlem, stuurgroep, django_capture_on_commit_callbacks):
    from impactportal.models import Notification
    from monitoring.tasks import january_drafts

    f.UserFactory(username="root", is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        assert january_drafts(2025) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert january_drafts(2025) == 0  # idempotent
    assert ReportRequest.objects.get().status == "done"
    assert Notification.objects.filter(recipient=broker_haarlem).count() == 1
    assert Notification.objects.filter(recipient=stuurgroep).count() == 1


@pytest.mark.django_db
def test_report_figures_equal_the_snapshot(annual, haarlem):
    context = reports.build_context(annual)
    stored = dict(SnapshotValue.objects.filter(snapshot=annual.snapshot, organisation=haarlem,
                                               level="organisation").values_list("code", "value"))
    assert {row["code"]: row["value"] for row in context["rows"] if row["value"] is not None} == stored


@pytest.mark.django_db
def test_an_entrepreneur_requests_an_impact_statement_on_the_page(snapshots, enterprise_haarlem, enterprise_amersfoort,
                                                                  ondernemer_1, client,
                                                                  django_capture_on_commit_callbacks):
    client.force_login(ondernemer_1)
    form = client.get("/monitoring/rapporten/nieuw/").content.decode()
    assert enterprise_haarlem.name in form and enterprise_amersfoort.name not in form
    bad = client.post("/monitoring/rapporten/nieuw/", {"kind": "annual", "enterprise": enterprise_haarlem.pk,
                                                       "period": "2025"})
    assert bad.status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/monitoring/rapporten/nieuw/", {"kind": "impact_statement",
                                                                "enterprise": enterprise_haarlem.pk, "period": "2025"})
    report = ReportRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == report.get_absolute_url()
    assert report.enterprise == enterprise_haarlem and report.status == "done"
    assert client.get(f"/monitoring/rapporten/{report.pk}/pdf/").status_code == 200


@pytest.mark.django_db
def test_the_appendix_names_each_indicator_before_its_code(annual, api, broker_haarlem):
    """The appendix listed bare codes ("brokers.actions_completed") that the report's tables never show."""
    appendix = pdf_text(annual).split("Bijlage: bronnen en status")[-1]
    indicators = api(broker_haarlem).get("/api/v1/monitoring/indicators/").json()
    listed = [ind for ind in indicators if ind["code"] in appendix.replace(" ", "")]
    assert listed
    assert all(ind["name"] in appendix for ind in listed[:5]), [ind["name"] for ind in listed[:5]]


@pytest.mark.django_db
def test_a_report_is_written_and_named_in_dutch_whoever_asks(annual):
    """An English page downloaded the Dutch file under an English name, and a version published
    from an English page came out English beside its Dutch internal file."""
    from django.utils import translation

    from monitoring import reports

    dutch_name = reports.filename(annual)
    with translation.override("en"):
        assert reports.filename(annual) == dutch_name
        english_request = pdf_bytes_text(reports.render(annual, public=True))
    assert dutch_name.startswith("jaarlijkse-voortgangsrapportage")
    assert "Inhoud" in english_request and "Contents" not in english_request


@pytest.mark.django_db
def test_an_english_report_page_says_the_report_is_dutch(annual, login, broker_haarlem):
    client = login(broker_haarlem)
    assert 'id="report-language"' not in client.get(annual.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "en"
    assert 'id="report-language"' in client.get(annual.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_an_annual_report_sets_the_organisations_targets_beside_its_values(annual, haarlem, amersfoort):
    """The annual report's "per goal" part was one sentence; it now lists the year's targets of
    the organisation (not another's, not another year's) beside the snapshot's values."""
    from monitoring.models import Target

    stored = dict(SnapshotValue.objects.filter(snapshot=annual.snapshot, organisation=haarlem,
                                               level="organisation").values_list("code", "value"))
    code = next(iter(stored))
    for organisation, year, value in ((haarlem, 2025, 1234), (haarlem, 2026, 999), (amersfoort, 2025, 777)):
        Target.objects.update_or_create(code=code, year=year, organisation=organisation, defaults={
            "value": Decimal(value), "note": "Coalitieakkoord" if value == 1234 else "Ander doel"})
    goals = reports.build_context(annual)["goals"]
    assert len(goals) == Target.objects.filter(organisation=haarlem, year=2025).count()
    goal = next(goal for goal in goals if goal["note"] == "Coalitieakkoord")
    assert goal["target"] == "1.234" and {"999", "777"}.isdisjoint(g["target"] for g in goals)
    assert goal["value"] == reports.fmt(stored[code], reports.registry.by_code()[code].unit)
    text = pdf_bytes_text(reports.render(annual))
    assert "Per doel" in text and "Coalitieakkoord" in text and "Nog geen doelen vastgelegd" not in text


@pytest.mark.django_db
def test_every_word_of_a_programme_and_an_annual_report_stays_inside_the_margins(snapshots, chair, programme,
                                                                                 annual, run_report, haarlem):
    """The programme report's table per organisation (nine columns headed by indicator names) ran
    its last column off the page; chart labels of money lines were cut off at the edge."""
    from monitoring.models import Target

    Target.objects.update_or_create(code="procurement.sroi_obligation", year=2025, organisation=haarlem,
                                    defaults={"value": Decimal("2500000.00")})
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    assert words_outside_the_margins(reports.render(report)) == []
    assert words_outside_the_margins(reports.render(annual)) == []


@pytest.mark.django_db
def test_a_january_report_draws_no_december_of_last_year_and_the_public_version_has_no_target_notes(
        annual, haarlem, monkeypatch):
    """A report of 2026 asked in January reads last December's snapshot: its value was drawn as
    December of 2026. Target notes are for staff; the published file leaves them out."""
    from monitoring.models import Target

    Target.objects.update_or_create(code="enterprises.admitted", year=2025, organisation=haarlem,
                                    defaults={"value": Decimal(5), "note": "Interne toelichting"})
    assert reports.build_context(annual)["charts"]  # 2025's own snapshots are drawn
    assert "Interne toelichting" in [goal["note"] for goal in reports.build_context(annual)["goals"]]
    assert "Interne toelichting" not in [goal["note"] for goal in reports.build_context(annual, public=True)["goals"]]
    monkeypatch.setattr(annual, "period", "2026")
    monkeypatch.setattr(reports, "_series", lambda level, owner_id, year, codes: {code: [] for code in codes})
    assert reports.build_context(annual)["charts"] == []
