"""The keepers' texts of a report version, per section (``ReportText``): written while the version is
an undecided draft (refused once approved, decided or superseded, also for a page or object loaded
before that happened), the PDF made again with them under the sections' headings (draft, approved
and public variants, escaped, paragraphs from blank lines), copied into the next version, frozen
with an approved report (model and database), shown on the report's page beside the comments and
in the API."""

import re
import subprocess

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.template.loader import render_to_string

from monitoring import services
from monitoring.models import ImmutableReport, ReportRequest, ReportText, Review
from monitoring.services import TextsNotEditable
from monitoring.tasks import build_report
from tests.pdf_words import PDFTOTEXT

pytestmark = pytest.mark.django_db

SUMMARY = "Haarlem verdubbelde het aantal toegelaten impactondernemingen dankzij het Kennemer Inkoop Platform."
SECOND = "Volgend jaar volgt een tweede ronde."


def pdf_text(content: bytes) -> str:
    run = subprocess.run([PDFTOTEXT, "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603
    return " ".join(run.stdout.decode().split())


def file_text(field) -> str:
    with field.open("rb") as handle:
        return pdf_text(handle.read())


@pytest.fixture
def save(django_capture_on_commit_callbacks):
    """``save(report, by, **texts)``: the keepers' texts stored and the PDF made again (eager task)."""

    def run(report, by, **texts):
        with django_capture_on_commit_callbacks(execute=True):
            changed = services.report_texts_save(report=report, by=by, texts=texts)
        report.refresh_from_db()
        return changed

    return run


def stored(report) -> dict:
    return dict(ReportText.objects.filter(report=report).values_list("section", "body"))


# --- the service --------------------------------------------------------------------------------


def test_saving_texts_makes_the_pdf_again_with_them_and_keeps_the_comments(annual, broker_haarlem, inkoper_haarlem,
                                                                           save):
    services.review_comment(report=annual, by=inkoper_haarlem, section="summary", body="Wat betekent dit?")
    old_file, old_checksum, old_job = annual.file.name, annual.checksum, annual.job_id
    assert SUMMARY not in file_text(annual.file)
    assert save(annual, broker_haarlem, summary=SUMMARY, indicators="") is True
    assert stored(annual) == {"summary": SUMMARY}
    text = ReportText.objects.get(report=annual)
    assert text.changed_by == broker_haarlem and text.changed_at
    assert LogEntry.objects.get_for_object(text).filter(action=LogEntry.Action.CREATE).exists()  # audited
    # Made again through the report's job, with its progress; the old file is gone from storage.
    assert annual.status == "done" and annual.job_id != old_job and annual.job.progress == 100
    assert annual.checksum != old_checksum and annual.file.name != old_file
    assert not annual.file.storage.exists(old_file)
    pdf = file_text(annual.file)
    assert SUMMARY in pdf
    # Under the section's heading: after the contents (which name every section), before the next section.
    body = pdf[pdf.index("Samenvatting", pdf.index("Inhoud") + 60):]
    assert body.index(SUMMARY) < body.index("Indicatoren")
    assert Review.objects.filter(report=annual, body="Wat betekent dit?").exists()
    # The same texts again: nothing changes, no new PDF.
    assert save(annual, broker_haarlem, summary=SUMMARY) is False
    assert annual.checksum == ReportRequest.objects.get(pk=annual.pk).checksum
    # An empty box removes the section's text.
    assert save(annual, broker_haarlem, summary="  ") is True
    assert stored(annual) == {}


def test_only_the_keepers_write_texts(annual, inkoper_haarlem, broker_amersfoort):
    with pytest.raises(PermissionDenied):  # reads the report, may not change it
        services.report_texts_save(report=annual, by=inkoper_haarlem, texts={"summary": SUMMARY})
    with pytest.raises(Http404):  # another organisation's draft
        services.report_texts_save(report=annual, by=broker_amersfoort, texts={"summary": SUMMARY})
    assert stored(annual) == {}


def test_bad_input_is_a_field_error_and_changes_nothing(annual, broker_haarlem):
    with pytest.raises(ValidationError) as error:
        services.report_texts_save(report=annual, by=broker_haarlem, texts={"summary": SUMMARY,
                                                                           "indicators": "x" * 5001})
    assert "indicators" in error.value.message_dict
    with pytest.raises(ValidationError, match="bijlage|appendix|onderdeel"):  # the appendix has no text
        services.report_texts_save(report=annual, by=broker_haarlem, texts={"appendix": "Bronnen"})
    assert stored(annual) == {} and ReportRequest.objects.get(pk=annual.pk).status == "done"


def test_texts_are_refused_once_the_version_is_decided_or_superseded(versions, broker_haarlem, save):
    first, second = versions  # v1: changes requested, followed by v2
    with pytest.raises(TextsNotEditable, match="versie 2"):
        services.report_texts_save(report=first, by=broker_haarlem, texts={"summary": SUMMARY})
    assert save(second, broker_haarlem, summary=SUMMARY)
    services.review_decide(report=second, by=broker_haarlem, outcome="changes_requested", note="Korter")
    with pytest.raises(TextsNotEditable, match="wijzigingen gevraagd"):
        services.report_texts_save(report=second, by=broker_haarlem, texts={"summary": SECOND})
    assert stored(first) == {} and stored(second) == {"summary": SUMMARY}


def test_the_service_checks_the_locked_row_not_the_callers_copy(annual, broker_haarlem):
    """A page (or API client) holding the report as it was before the decision: the row read under
    the lock decides."""
    stale = ReportRequest.objects.get(pk=annual.pk)
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")
    assert stale.review_state == "draft"
    with pytest.raises(TextsNotEditable, match="vastgesteld"):
        services.report_texts_save(report=stale, by=broker_haarlem, texts={"summary": SUMMARY})
    assert stored(annual) == {}


def test_a_new_version_starts_from_the_previous_texts(annual, broker_haarlem, save,
                                                      django_capture_on_commit_callbacks):
    save(annual, broker_haarlem, summary=SUMMARY, levels=SECOND)
    services.review_decide(report=annual, by=broker_haarlem, outcome="changes_requested", note="Meer uitleg")
    with django_capture_on_commit_callbacks(execute=True):
        second = services.report_new_version(report=annual, by=broker_haarlem)
    second.refresh_from_db()
    assert stored(second) == {"summary": SUMMARY, "levels": SECOND}
    copied = ReportText.objects.get(report=second, section="summary")
    assert copied.changed_by == broker_haarlem and copied.changed_at == ReportText.objects.get(
        report=annual, section="summary").changed_at
    assert SUMMARY in file_text(second.file)  # the new version's PDF has them from the start
    save(second, broker_haarlem, summary=SUMMARY + " Aangevuld.")
    assert stored(annual)["summary"] == SUMMARY  # the earlier version keeps its own


def test_texts_of_an_approved_report_are_frozen_in_the_model_and_the_database(annual, broker_haarlem, save):
    save(annual, broker_haarlem, summary=SUMMARY)
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")
    text = ReportText.objects.get(report=annual)
    text.body = "Achteraf anders"
    with pytest.raises(ImmutableReport):
        text.save()
    with pytest.raises(ImmutableReport):
        text.delete()
    with pytest.raises(ImmutableReport):
        ReportText(report=annual, section="charts", body="Nieuw").save()
    # The database refuses too (triggers), also for writes that skip save().
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportText.objects.filter(pk=text.pk).update(body="Achteraf anders")
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportText.objects.bulk_create([ReportText(report=annual, section="charts", body="Nieuw")])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_reporttext WHERE id = %s", [text.pk])
    assert stored(annual) == {"summary": SUMMARY}


def test_a_draft_text_is_not_held_by_the_triggers(annual):
    text = ReportText.objects.create(report=annual, section="summary", body="Eerste")
    ReportText.objects.filter(pk=text.pk).update(body="Tweede")
    assert ReportText.objects.get(pk=text.pk).body == "Tweede"
    ReportText.objects.filter(pk=text.pk).delete()
    assert stored(annual) == {}


def test_a_build_replaced_by_a_later_one_stores_nothing(annual, broker_haarlem):
    """Texts saved twice before the first build ran: only the last job stores the file (with the
    last texts); the first, running late, neither marks the report done nor leaves its file."""
    # Not committed (the test's transaction): the tasks are not started, their jobs are made.
    services.report_texts_save(report=annual, by=broker_haarlem, texts={"summary": "Eerste versie"})
    first_job = ReportRequest.objects.get(pk=annual.pk).job_id
    services.report_texts_save(report=annual, by=broker_haarlem, texts={"summary": SUMMARY})
    last_job = ReportRequest.objects.get(pk=annual.pk).job_id
    assert ReportRequest.objects.get(pk=annual.pk).status == "queued"
    assert build_report(report_id=annual.pk, job_id=first_job) == {"report": annual.pk, "superseded_by": last_job}
    assert ReportRequest.objects.get(pk=annual.pk).status == "queued"
    build_report(report_id=annual.pk, job_id=last_job)
    annual.refresh_from_db()
    assert annual.status == "done" and SUMMARY in file_text(annual.file) and "Eerste versie" not in file_text(
        annual.file)


# --- the PDF ------------------------------------------------------------------------------------


def test_the_text_is_escaped_and_split_into_paragraphs():
    html = render_to_string("monitoring/pdf/_text.html", {"body": "Eerste alinea\nmet een regel.\n\n<b>Tweede</b>"})
    assert "<p>Eerste alinea<br>met een regel.</p>" in html and "<p>&lt;b&gt;Tweede&lt;/b&gt;</p>" in html
    assert render_to_string("monitoring/pdf/_text.html", {"body": ""}).strip() == ""


def test_draft_approved_and_public_pdfs_show_the_texts(annual, broker_haarlem, save):
    save(annual, broker_haarlem, summary="<b>Vet</b> is geen opmaak.", charts=SECOND)
    draft = file_text(annual.file)
    assert "<b>Vet</b> is geen opmaak." in draft and SECOND in draft
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")
    annual.refresh_from_db()
    approved = file_text(annual.file)
    assert "vastgesteld door" in approved and SECOND in approved
    services.report_publish(report=annual, by=broker_haarlem)
    annual.refresh_from_db()
    public = file_text(annual.public_file)
    assert "<b>Vet</b> is geen opmaak." in public and SECOND in public


# --- the pages ----------------------------------------------------------------------------------


def texts_url(report) -> str:
    return f"/monitoring/rapporten/{report.pk}/teksten/"


def version_of(html: str) -> str:
    return re.search(r'name="_version" value="([^"]+)"', html)[1]


def test_the_edit_page_labels_each_box_with_its_section_and_saves(annual, broker_haarlem, inkoper_haarlem, login):
    services.review_comment(report=annual, by=inkoper_haarlem, section="charts", body="Grafiek van de banen?")
    client = login(broker_haarlem)
    page = client.get(texts_url(annual))
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("Samenvatting", "Indicatoren", "Grafieken", "Per organisatie, initiatief en doel"):
        assert re.search(rf'<label class="utrecht-form-label" for="id_\w+">{label}', html), label
    assert 'name="appendix"' not in html and "opnieuw gemaakt" in html and "Grafiek van de banen?" in html
    response = client.post(texts_url(annual), {"_version": version_of(html), "summary": SUMMARY, "indicators": "",
                                                "charts": "", "levels": ""})
    assert response.status_code == 302 and response["Location"] == annual.get_absolute_url()
    assert stored(annual) == {"summary": SUMMARY}
    detail = client.get(annual.get_absolute_url()).content.decode()
    assert SUMMARY in detail and 'id="edit-texts"' in detail


def test_a_too_long_text_is_a_field_error(annual, broker_haarlem, login):
    client = login(broker_haarlem)
    response = client.post(texts_url(annual), {"summary": SUMMARY, "levels": "x" * 5001})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_levels_error"' in html and "5000" in html
    assert stored(annual) == {}


def test_readers_without_the_change_grant_get_403_others_404(annual, inkoper_haarlem, broker_amersfoort, login,
                                                             broker_haarlem, save):
    save(annual, broker_haarlem, summary=SUMMARY)
    client = login(inkoper_haarlem)
    detail = client.get(annual.get_absolute_url()).content.decode()
    assert SUMMARY in detail and 'id="edit-texts"' not in detail  # reads the text, no edit link
    assert client.get(texts_url(annual)).status_code == 403
    assert client.post(texts_url(annual), {"summary": "Van de inkoper"}).status_code == 403
    client = login(broker_amersfoort)
    assert client.get(texts_url(annual)).status_code == 404
    assert client.post(texts_url(annual), {"summary": "Van Amersfoort"}).status_code == 404
    assert stored(annual) == {"summary": SUMMARY}


def test_the_report_page_says_when_a_section_has_no_text_yet(annual, broker_haarlem, inkoper_haarlem, login):
    html = login(broker_haarlem).get(annual.get_absolute_url()).content.decode()
    assert html.count("report-text-empty") == 4 and "Teksten bewerken" in html
    html = login(inkoper_haarlem).get(annual.get_absolute_url()).content.decode()
    assert 'id="no-texts"' in html and "nog geen teksten" in html and "report-text-empty" not in html


def test_a_page_loaded_before_another_save_is_refused(annual, broker_haarlem, login, save):
    client = login(broker_haarlem)
    token = version_of(client.get(texts_url(annual)).content.decode())
    save(annual, broker_haarlem, summary=SUMMARY)  # a colleague saved meanwhile
    response = client.post(texts_url(annual), {"_version": token, "summary": "Mijn oudere tekst"})
    assert response.status_code == 409 and SUMMARY in response.content.decode()
    assert stored(annual) == {"summary": SUMMARY}


def test_a_page_loaded_before_the_decision_gets_a_clear_error(annual, broker_haarlem, login):
    client = login(broker_haarlem)
    token = version_of(client.get(texts_url(annual)).content.decode())
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")
    response = client.post(texts_url(annual), {"_version": token, "summary": "Te laat"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "vastgesteld" in html and "Te laat" in html  # what was typed stays on the page
    assert stored(annual) == {}
    # Opened again: back to the report, which says why.
    response = client.get(texts_url(annual), follow=True)
    assert response.redirect_chain[-1][0] == annual.get_absolute_url()
    html = response.content.decode()
    assert "de teksten liggen vast" in html and 'id="edit-texts"' not in html


# --- the API ------------------------------------------------------------------------------------


def test_the_api_shows_the_texts_read_only(annual, broker_haarlem, api, save):
    save(annual, broker_haarlem, summary=SUMMARY, levels=SECOND)
    data = api(broker_haarlem).get(f"/api/v1/monitoring/reports/{annual.pk}/").json()
    assert [(t["section"], t["body"]) for t in data["texts"]] == [("summary", SUMMARY), ("levels", SECOND)]
    assert data["texts"][0]["changed_by"] == str(broker_haarlem) and data["texts"][0]["changed_at"]
    listed = api(broker_haarlem).get("/api/v1/monitoring/reports/").json()["results"]
    assert next(row for row in listed if row["id"] == annual.pk)["texts"] == data["texts"]
    services.review_decide(report=annual, by=broker_haarlem, outcome="approved")
    services.report_publish(report=annual, by=broker_haarlem)
    public = api().get(f"/api/v1/monitoring/reports/{annual.pk}/").json()
    assert [(t["section"], t["body"], t["changed_by"]) for t in public["texts"]] == [
        ("summary", SUMMARY, None), ("levels", SECOND, None)]  # the public reads the texts, not who wrote them


def test_the_admin_shows_the_texts_read_only(annual, broker_haarlem, save, admin_client):
    save(annual, broker_haarlem, summary=SUMMARY)
    html = admin_client.get(f"/admin/monitoring/reportrequest/{annual.pk}/change/").content.decode()
    assert SUMMARY in html and 'name="texts-0-body"' not in html


def test_an_impact_statement_has_texts_for_its_own_sections(snapshots, broker_haarlem, enterprise_haarlem,
                                                            ondernemer_1, run_report, login, save):
    report, _created = run_report(user=broker_haarlem, kind="impact_statement", period="2025",
                                  enterprise=enterprise_haarlem)
    html = login(broker_haarlem).get(texts_url(report)).content.decode()
    assert 'name="summary"' in html and 'name="indicators"' in html and 'name="charts"' not in html
    with pytest.raises(ValidationError):
        services.report_texts_save(report=report, by=broker_haarlem, texts={"charts": SECOND})
    save(report, broker_haarlem, summary=SUMMARY)
    assert SUMMARY in file_text(report.file)
    client = login(ondernemer_1)  # the entrepreneur reads her statement's texts, writes none
    assert SUMMARY in client.get(report.get_absolute_url()).content.decode()
    assert client.get(texts_url(report)).status_code == 403
