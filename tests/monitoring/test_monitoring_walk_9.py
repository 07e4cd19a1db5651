"""User walk 9: the enterprise's impact statement holds only the enterprise's own figures and tells
its entrepreneur the next step; the dashboard's lines never pass values that were not measured and a
single measurement is a sentence; a steering decision's votes must be possible."""

import json
import re

import pytest

from monitoring import registry, services

pytestmark = pytest.mark.django_db


# --- 2. the dashboard's charts ----------------------------------------------------------------


def chart_json(html: str, chart_id: str) -> dict:
    found = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found[1]) if found else {}


def test_the_dashboard_lines_are_monotone_and_one_measurement_is_a_sentence(register, client, broker_haarlem):
    """A smoothed line dipped below 8 between two months that both measured 8; a chart of one point
    ("Toegewezen panden") was a near-empty chart."""
    services.snapshot_take(period=registry.month_period(2025, 11))
    client.force_login(broker_haarlem)
    html = client.get("/monitoring/?organisation=haarlem").content.decode()
    # One monthly measurement: a sentence with its value and month, no canvas.
    assert 'data-single-point="chart-0"' in html and "Eén maandmeting" in html and "november 2025" in html
    assert '<canvas data-monitoring-chart="chart-0"' not in html
    services.snapshot_take(period=registry.month_period(2025, 12))
    html = client.get("/monitoring/?organisation=haarlem").content.decode()
    assert '<canvas data-monitoring-chart="chart-0"' in html and "data-single-point" not in html
    assert chart_json(html, "chart-0")["interpolation"] == "monotone"


# --- 3. a steering decision's votes -----------------------------------------------------------


@pytest.fixture
def programme_report(snapshots, chair, programme, run_report):
    """A report of a programme whose steering group has 6 members (the chair and 5 more)."""
    from tests import factories as f

    for n in range(2, 7):
        f.steering(programme, f"lid-{n}")
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    return report


@pytest.mark.parametrize(("votes", "field", "message"), [
    ({"votes_for": 0, "votes_against": 0, "votes_abstain": 0}, "votes_for", "geen enkele stem"),
    ({"votes_for": 0}, "votes_for", "geen enkele stem"),
    ({"votes_against": 3}, "votes_for", "niet vastgesteld"),  # an empty "for" beside 3 against counts 0
    ({"votes_for": 2, "votes_against": 3, "votes_abstain": 1}, "votes_for", "niet vastgesteld"),
    ({"votes_for": 5, "votes_abstain": -1}, "votes_abstain", "0 of meer"),
    ({"votes_for": 5000}, "votes_for", "ten hoogste 1000"),
])
def test_an_impossible_vote_is_refused_on_its_field(programme_report, chair, login, api, votes, field, message):
    """An approval with 0 for, 0 against and 0 abstentions (or only "3 against") was recorded."""
    from django.core.exceptions import ValidationError

    from monitoring.models import Review

    with pytest.raises(ValidationError) as refused:
        services.review_decide(report=programme_report, by=chair, outcome="approved", **votes)
    assert message in " ".join(refused.value.message_dict[field])
    response = login(chair).post(programme_report.get_absolute_url(), {"op": "decide", "outcome": "approved",
                                                                       **votes})
    assert response.status_code == 400 and message in " ".join(response.context["decision_form"].errors[field])
    response = api(chair).post("/api/v1/monitoring/reviews/", {"report": programme_report.pk, "kind": "decision",
                                                               "outcome": "approved", **votes}, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not Review.objects.filter(kind="decision").exists()


def test_a_possible_vote_is_recorded(programme_report, chair, login):
    """A vote within the steering group's size is recorded (the votes together are at most its
    members: ``test_steering_vote_count``). No vote at all is fine too."""
    from monitoring.models import Review

    client = login(chair)
    form = client.get(programme_report.get_absolute_url()).content.decode()
    assert "niet meer dan het aantal leden van de stuurgroep" in form
    response = client.post(programme_report.get_absolute_url(), {"op": "decide", "outcome": "changes_requested",
                                                                  "note": "Per thema", "votes_for": "0",
                                                                  "votes_against": "4", "votes_abstain": ""})
    assert response.status_code == 302
    assert services.vote_errors(outcome="approved") == {}
    assert services.vote_errors(outcome="approved", votes_for=5, votes_abstain=1) == {}
    assert Review.objects.get(kind="decision").votes_against == 4


# --- 1. the enterprise's impact statement -----------------------------------------------------


@pytest.fixture
def statement(haarlem, enterprise_haarlem, ondernemer_1, broker_haarlem, run_report):
    """Ondernemer-1's impact statement of 2025, Haarlem's payments (inkoop's rows: the MVI share)
    measured in the snapshot it is built from."""
    import datetime as dt
    from decimal import Decimal

    from enterprises.constants import AdmissionStatus
    from procurement.models import SupplierPayment
    from tests import factories as f

    admitted = f.EnterpriseFactory(municipality=haarlem, admission_status=AdmissionStatus.ADMITTED)
    SupplierPayment.objects.create(organisation=haarlem, supplier_kvk="12345678", supplier_name="Leverancier",
                                   date=dt.date(2025, 3, 15), amount=Decimal("7654.32"), enterprise=admitted)
    services.snapshot_take(period=registry.month_period(2025, 12))
    report, _created = run_report(user=ondernemer_1, kind="impact_statement", period="2025",
                                  enterprise=enterprise_haarlem)
    return report


def test_the_impact_statement_holds_only_the_enterprises_own_figures(statement, ondernemer_1):
    """The statement held its municipality's indicators, and told its own entrepreneur that the
    municipality's purchasing figures were "niet beschikbaar voor uw afdeling"."""
    from monitoring import reports

    from .test_reports import pdf_text

    context = reports.build_context(statement)
    assert context["rows"] == [] and context["charts"] == [] and "goals" not in context
    assert [code for code, _label in context["sections"]] == ["summary", "indicators"]
    assert reports.department_values(statement) == [] and reports.withheld_in_draft(ondernemer_1, statement) == []
    text = pdf_text(statement)
    assert "Keurmerken" in text and "Cijfers van haar gemeente staan er niet in" in " ".join(text.split())
    assert "inkoop" not in text.lower() and "niet beschikbaar" not in text
    assert not statement.department_file


def test_the_entrepreneur_reads_the_next_step_and_the_brokers_hear_of_it(statement, client, ondernemer_1,
                                                                        broker_haarlem):
    """The page said "No comments yet" under "Review" without a word on who reviews the statement."""
    from impactportal.models import Notification
    from monitoring.models import ReportRequest

    client.force_login(ondernemer_1)
    page = client.get(statement.get_absolute_url()).content.decode()
    assert 'id="report-withheld"' not in page and "niet beschikbaar voor uw afdeling" not in page
    assert 'id="review-next-step"' in page and "De makelaars van Gemeente Haarlem beoordelen" in page
    assert "Nog geen opmerkingen" not in page and 'id="report-pdf"' in page
    told = Notification.objects.get(recipient=broker_haarlem)
    assert told.url == statement.get_absolute_url()
    # The brokers decide; then the entrepreneur reads that it is theirs.
    services.review_decide(report=statement, by=broker_haarlem, outcome="approved")
    page = client.get(statement.get_absolute_url()).content.decode()
    assert "hebben deze impactverklaring vastgesteld. De PDF is van u" in page
    # The broker has the actions, not the sentence; an impact statement has no charts to comment on.
    client.force_login(broker_haarlem)
    other = ReportRequest.objects.get(pk=statement.pk)
    response = client.get(other.get_absolute_url())
    assert response.context["next_step"] == ""
    assert [code for code, _l in response.context["comment_form"].fields["section"].choices] == \
        ["summary", "indicators"]
