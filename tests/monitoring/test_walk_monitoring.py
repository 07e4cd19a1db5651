"""The walk through monitoring and annual reports: a refused publication or new version is a 400
with the service's reason (it was a 500); asking again for a year that has versions makes the next
version; the baseline counts the register as it stood at the programme's start; a month without
questions or events is a measured 0; the decision form of an organisation's report speaks of its
brokers, and a superseded version says so and offers nothing; the request form preselects the
broker's organisation and says which list each kind needs; a running report shows its step; the
report list calls its figures gross results; the SROI share stands beside the amount it is computed
from; the API answers 401 for the full file, the public PDF's checksum and only published earlier
versions to visitors; the public programme page links its participants' public pages; the
dashboard draws the baseline over the series."""

import datetime as dt
import hashlib
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from enterprises.constants import AdmissionStatus
from impactportal.jobs import job_progress
from monitoring import registry, reports, services
from monitoring.models import ReportRequest, SnapshotValue
from tests import factories as f
from tests.procurement import factories as pf

from .conftest import in_the_register_since

pytestmark = pytest.mark.django_db
D = Decimal


def aware(*args):
    return timezone.make_aware(dt.datetime(*args))


# --- 1. a refused publication or new version: 400 with the reason, not a 500 ----------------------


def test_a_refused_publication_or_new_version_is_a_400_with_the_reason(snapshots, broker_haarlem, haarlem,
                                                                       run_report, login,
                                                                       django_capture_on_commit_callbacks):
    first, _ = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    client = login(broker_haarlem)
    # A draft: not to be published, no new version yet (a hand-made or stale form).
    for op, reason in (("publish", "Alleen een vastgesteld rapport kan worden gepubliceerd."),
                       ("new_version", "Een nieuwe versie kan pas als")):
        response = client.post(first.get_absolute_url(), {"op": op})
        assert response.status_code == 400, op
        alert = response.content.decode().split('id="action-error"', 1)[1].split("</div>", 1)[0]
        assert reason in alert
    assert ReportRequest.objects.count() == 1 and ReportRequest.objects.get().published_at is None
    # A stale tab publishing v1 after v2 was approved.
    services.review_decide(report=first, by=broker_haarlem, outcome="approved")
    with django_capture_on_commit_callbacks(execute=True):
        second = services.report_new_version(report=first, by=broker_haarlem)
    services.review_decide(report=second, by=broker_haarlem, outcome="approved")
    response = client.post(first.get_absolute_url(), {"op": "publish"})
    assert response.status_code == 400
    assert "Versie 2 van dit rapport is later vastgesteld; publiceer die." in response.content.decode()
    assert not ReportRequest.objects.filter(published_at__isnull=False).exists()


# --- 2. asking again for a year with versions: the next version ---------------------------------


def test_asking_again_after_a_newer_measurement_makes_the_next_version(register, broker_haarlem, haarlem, run_report,
                                                                       django_capture_on_commit_callbacks, login,
                                                                       admin_user):
    services.snapshot_take(period=registry.month_period(2025, 11))
    first, _ = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    services.review_decide(report=first, by=broker_haarlem, outcome="changes_requested", note="Meer toelichting")
    with django_capture_on_commit_callbacks(execute=True):
        second = services.report_new_version(report=first, by=broker_haarlem)
    services.snapshot_take(period=registry.month_period(2025, 12))  # December is measured
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/monitoring/rapporten/nieuw/", {"kind": "annual", "organisation": "haarlem",
                                                                "period": "2025"}, follow=True)
    third = ReportRequest.objects.order_by("-pk").first()
    assert (third.version, third.previous, third.snapshot.label) == (3, second, "2025-12")
    assert "dit is versie 3, uit de meting van december 2025" in response.content.decode().lower()
    assert services.later_version(third) is None and services.later_version(second) == third
    services.review_comment(report=third, by=broker_haarlem, section="summary", body="Klopt")  # the newest: open
    # The January job asks again: the same version, nothing new.
    from monitoring.tasks import january_drafts

    january_drafts(year=2025)
    assert list(ReportRequest.objects.filter(organisation=haarlem).order_by("version")
                .values_list("version", flat=True)) == [1, 2, 3]


# --- 3. the baseline: the register as it stood then --------------------------------------------


def test_the_baseline_counts_the_register_as_it_stood_at_the_start(haarlem, programme, broker_haarlem, login):
    programme.start_date = dt.date(2021, 3, 11)
    programme.save()
    old = f.EnterpriseFactory(municipality=haarlem, admission_status=AdmissionStatus.ADMITTED,
                              admission_decided_at=aware(2020, 6, 1))
    later = f.EnterpriseFactory(municipality=haarlem, admission_status=AdmissionStatus.ADMITTED,
                                admission_decided_at=aware(2024, 6, 1))
    f.EnterpriseFactory(municipality=haarlem)  # added today
    in_the_register_since(aware(2020, 1, 1), pk=old.pk)
    in_the_register_since(aware(2019, 1, 1), pk=later.pk)  # in the register then, admitted later
    baseline, _ = services.baseline_take(programme=programme)
    values = dict(SnapshotValue.objects.filter(snapshot=baseline, level="organisation", organisation=haarlem)
                  .values_list("code", "value"))
    assert values["enterprises.registered"] == 2 and values["enterprises.admitted"] == 1
    now, _ = services.snapshot_take(period=registry.previous_month())
    values = dict(SnapshotValue.objects.filter(snapshot=now, level="organisation", organisation=haarlem)
                  .values_list("code", "value"))
    assert values["enterprises.admitted"] == 2
    # The dashboard says what a baseline's stock can and cannot tell.
    html = login(broker_haarlem).get("/monitoring/?organisation=haarlem").content.decode()
    assert "De nulmeting is de stand op 11 maart 2021: de ondernemingen die toen in het register stonden" in html


# --- 4. a month without questions or events: a measured 0 ---------------------------------------


def test_a_month_without_questions_or_events_is_a_measured_zero(haarlem, amersfoort, broker_haarlem):
    from brokers.models import Case
    from ecosystem.models_events import Event

    enterprise = f.EnterpriseFactory(municipality=haarlem)
    Case.objects.create(organisation=haarlem, enterprise=enterprise, category="other", subject="Vraag",
                        submitted_at=aware(2025, 3, 3, 9))
    Event.objects.create(organisation=haarlem, kind="network", title="Netwerk", starts_at=aware(2025, 3, 5, 15))
    by_code = registry.by_code()
    may, january = registry.month_period(2025, 5), registry.month_period(2025, 1)
    assert by_code["helpdesk.cases"].compute(may) == {haarlem.pk: 0}
    assert by_code["ecosystem.events_held"].compute(may) == {haarlem.pk: 0}
    # Before the helpdesk or the events were used, nothing is known: no value (not a 0).
    assert by_code["helpdesk.cases"].compute(january) == {}
    assert by_code["ecosystem.events_held"].compute(january) == {}
    from monitoring import views

    for month in (3, 4):
        services.snapshot_take(period=registry.month_period(2025, month))
    row = next(r for r in views.dashboard_data(broker_haarlem, "organisation", haarlem)["rows"]
               if r["code"] == "helpdesk.cases")
    assert row["chart"]["values"] == [1.0, 0.0] and row["single"] is None  # a line, not "Eén maandmeting"


# --- 5. who decides, and a superseded version -----------------------------------------------------


def test_an_organisations_decision_form_speaks_of_its_brokers(snapshots, broker_haarlem, haarlem, run_report, login):
    report, _ = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    html = login(broker_haarlem).get(report.get_absolute_url()).content.decode()
    form = html.split('id="decision-heading"', 1)[1].split("</form>", 1)[0]
    assert "stuurgroep" not in form.lower() and 'name="votes_for"' not in form
    assert "De makelaars van Gemeente Haarlem stellen dit rapport vast" in form
    response = login(broker_haarlem).post(report.get_absolute_url(),
                                          {"op": "decide", "outcome": "changes_requested", "note": ""})
    assert response.status_code == 400
    assert response.context["decision_form"].errors["note"] == [
        "Geef aan welke wijzigingen er in het rapport moeten komen."]


def test_a_superseded_version_says_so_and_offers_nothing(versions, broker_haarlem, login):
    first, second = versions
    html = login(broker_haarlem).get(first.get_absolute_url()).content.decode()
    assert 'id="superseded"' in html and "Deze versie is vervangen door versie 2." in html
    assert f'href="{second.get_absolute_url()}"' in html.split('id="later-version"', 1)[1].split("</p>", 1)[0]
    for offered in ('id="new-version-form"', 'id="publish-form"', 'id="decision-form"', 'id="comment-form"',
                    'id="review-next-step"'):
        assert offered not in html, offered


# --- 6. the request form of a broker with one organisation -------------------------------------


def test_a_brokers_only_organisation_is_preselected_and_the_labels_say_which_list(snapshots, broker_haarlem,
                                                                                   enterprise_haarlem, login,
                                                                                   django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    page = client.get("/monitoring/rapporten/nieuw/").content.decode()
    select = page[page.index('name="organisation"'):page.index("</select>", page.index('name="organisation"'))]
    assert 'value="haarlem" selected' in select
    assert "(optioneel)" not in page
    assert "verplicht, behalve bij een impactverklaring" in page and "alleen bij een impactverklaring" in page
    # An impact statement without an enterprise: said on the enterprise, nothing made.
    response = client.post("/monitoring/rapporten/nieuw/", {"kind": "impact_statement", "organisation": "haarlem",
                                                            "enterprise": "", "period": "2025"})
    assert response.status_code == 400
    assert response.context["form"].errors == {"enterprise": ["Kies de onderneming van de impactverklaring."]}
    # The preselected organisation stays beside an impact statement's enterprise.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/monitoring/rapporten/nieuw/", {
            "kind": "impact_statement", "organisation": "haarlem", "enterprise": enterprise_haarlem.pk,
            "period": "2025"})
    assert response.status_code == 302
    report = ReportRequest.objects.get()
    assert (report.kind, report.enterprise, report.organisation) == ("impact_statement", enterprise_haarlem, None)


# --- 7. a running report shows its step --------------------------------------------------------


def test_a_running_report_shows_the_step_its_job_is_at(snapshots, broker_haarlem, haarlem, login):
    report, _ = services.report_request(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    job_progress(report.job_id, 50, "Grafieken getekend")
    ReportRequest.objects.filter(pk=report.pk).update(status="running")
    client = login(broker_haarlem)
    for headers in ({}, {"HX-Request": "true"}):
        html = client.get(report.get_absolute_url(), headers=headers).content.decode()
        box = html.split('id="report-status"', 1)[1]
        assert '<span id="report-step">Grafieken getekend</span>' in box
        assert 'value="50"' in box


def test_the_last_poll_brings_the_decision_a_finished_report_offers(snapshots, broker_haarlem, haarlem, login):
    """A broker watching their report being made saw "Klaar" in the box, and no decision form
    or "what happens next" below it until they reloaded the page."""
    report, _ = services.report_request(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    ReportRequest.objects.filter(pk=report.pk).update(status="running")
    client = login(broker_haarlem)
    page = client.get(report.get_absolute_url()).content.decode()
    assert '<div id="report-decisions">' in page and 'id="decision-form"' not in page
    poll = lambda: client.get(report.get_absolute_url(), headers={"HX-Request": "true"}).content.decode()  # noqa: E731
    running = poll()
    assert "hx-swap-oob" not in running and 'id="decision-form"' not in running  # nothing to change yet
    ReportRequest.objects.filter(pk=report.pk).update(status="done")
    done = poll()
    assert 'hx-trigger="every 1s"' not in done  # the last poll
    decisions = done.split('<div id="report-decisions" hx-swap-oob="true">', 1)[1]
    assert 'id="decision-form"' in decisions and 'name="csrfmiddlewaretoken"' in decisions
    assert '<div id="review-next-step-slot" hx-swap-oob="true">' in done
    # The page as reloaded holds the same: the out-of-band parts are the page's own.
    reloaded = client.get(report.get_absolute_url()).content.decode()
    assert 'id="decision-form"' in reloaded.split('<div id="report-decisions">', 1)[1]


# --- 8. the report list: gross results, not impact ------------------------------------------------


def test_the_report_list_calls_its_figures_gross_results(broker_haarlem, login):
    html = login(broker_haarlem).get("/monitoring/rapporten/").content.decode()
    intro = html.split('id="report-intro">', 1)[1].split("</p>", 1)[0]
    assert "impactcijfers" not in intro and "bruto-resultaten" in intro and "geen netto-impact" in intro


# --- 9. the SROI share beside the amount it is computed from --------------------------------------


def test_the_sroi_share_stands_beside_the_amount_it_is_computed_from(haarlem, broker_haarlem, run_report):
    from procurement.constants import RealisationStatus
    from procurement.models import Realisation

    rules = pf.rule_set(organisation=haarlem)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=rules,
                           award_date=dt.date(2024, 1, 1), end_date=dt.date(2026, 12, 31))  # 5% of a million
    for date, value in ((dt.date(2024, 6, 1), "15000"), (dt.date(2025, 3, 1), "5000")):
        line = pf.realisation(contract, by=broker_haarlem, date=date)
        Realisation.objects.filter(pk=line.pk).update(status=RealisationStatus.VERIFIED, value=D(value))
    services.snapshot_take(period=registry.month_period(2025, 12))
    report, _ = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    rows = {row["code"]: row for row in reports.build_context(report)["rows"]}
    assert rows["procurement.sroi_realised"]["text"] == "€\xa05.000,00"  # the year's lines
    assert rows["procurement.sroi_realised_to_date"]["text"] == "€\xa020.000,00"  # since the contract began
    assert rows["procurement.sroi_realised_share"]["text"] == "40%"  # 20,000 of 50,000
    assert "sinds de start" in str(rows["procurement.sroi_realised_share"]["name"])


# --- 10. the API: 401 for the file, the public PDF's checksum, published versions only ------------


def test_the_api_gives_visitors_401_the_public_checksum_and_no_draft(versions, broker_haarlem, api,
                                                                       django_capture_on_commit_callbacks):
    first, second = versions
    services.review_decide(report=second, by=broker_haarlem, outcome="approved")
    services.report_publish(report=second, by=broker_haarlem)
    second.refresh_from_db()
    anonymous = api(None)
    response = anonymous.get(f"/api/v1/monitoring/reports/{second.pk}/file/")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Token")
    rows = anonymous.get("/api/v1/monitoring/reports/").json()["results"]
    assert [row["id"] for row in rows] == [second.pk]
    with second.public_file.open("rb") as stream:
        public = hashlib.sha256(stream.read()).hexdigest()
    assert rows[0]["checksum"] == public == rows[0]["public_checksum"] != second.checksum
    assert rows[0]["previous"] is None  # v1 is an unpublished draft
    own = {row["id"]: row for row in api(broker_haarlem).get("/api/v1/monitoring/reports/").json()["results"]}
    assert own[second.pk]["previous"] == first.pk and own[second.pk]["checksum"] == second.checksum
    detail = api(broker_haarlem).get(f"/api/v1/monitoring/reports/{second.pk}/").json()
    assert detail["checksum"] == second.checksum and detail["public_checksum"] == public


# --- 11. the public programme page links its participants' public pages ---------------------------


def test_the_public_programme_page_links_the_participants_public_reports(versions, broker_haarlem, haarlem,
                                                                         programme, client):
    _first, second = versions
    services.review_decide(report=second, by=broker_haarlem, outcome="approved")
    services.report_publish(report=second, by=broker_haarlem)
    html = client.get(f"/monitoring/openbaar/programma/{programme.slug}/").content.decode()
    links = html.split('id="participant-reports"', 1)[1].split("</ul>", 1)[0]
    assert f'href="/monitoring/openbaar/organisatie/{haarlem.slug}/"' in links
    html = client.get(f"/monitoring/openbaar/organisatie/{haarlem.slug}/").content.decode()
    assert f'href="/monitoring/openbaar/programma/{programme.slug}/"' in html  # and back


# --- 12. the dashboard's baseline over the series ----------------------------------------------


def test_the_dashboard_draws_the_baseline_and_target_over_the_series():
    script = (settings.BASE_DIR / "static" / "js" / "monitoring-charts.js").read_text()
    baseline = next(line for line in script.splitlines() if "names.baseline" in line and "push" in line)
    follows = script.split(baseline, 1)[1].splitlines()[1]  # the push goes on on the next line
    # Chart.js draws a lower ``order`` later, on top; the series keeps the default 0.
    assert "order: -1" in baseline + follows

