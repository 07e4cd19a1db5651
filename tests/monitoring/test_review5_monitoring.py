"""User review 5, monitoring: the steering group's budget carries an underspend over only under
that rule (and the City Deal's demo follows the deal: the steering group reallocates it, and
spending differs per year); demo targets are not copies of the latest value; mobilised financing
counts from 1 January and the dashboard says what period a figure covers; "Wijzigingen
gevraagd" needs an explanation and renders without a dangling colon; the request form's button
and the kinds an entrepreneur may request; the evaluation PDF's status column, wording and the
per-organisation headings without hyphens."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from financing import indicators as financing_indicators
from impactportal.accounts.models import Programme
from monitoring import registry, reports, seeding, services
from monitoring.constants import UnderspendRule
from monitoring.models import ReportRequest, Review, Spending, SteeringGroup, Target
from monitoring.views import budget_years
from tests import factories as f
from tests.monitoring.test_reports import pdf_bytes_text
from tests.pdf_words import words_outside_the_margins

pytestmark = pytest.mark.django_db
D = Decimal


# --- 8. the budget: carry-over only under that rule ------------------------------------------


@pytest.fixture
def budget(make_budget):
    return make_budget((2024, 2025), [(dt.date(2024, 6, 1), "6000"), (dt.date(2025, 6, 1), "12000")])


def test_an_underspend_is_carried_over_under_that_rule(budget, stuurgroep):
    rows = budget_years(budget, stuurgroep, UnderspendRule.CARRY_OVER)
    assert [(r["year"], r["carried_in"], r["available"], r["underspend"]) for r in rows] == [
        (2024, D(0), D("10000"), D("4000")), (2025, D("4000"), D("14000"), D("2000"))]


@pytest.mark.parametrize("rule", [UnderspendRule.REALLOCATE, UnderspendRule.RETURN, None])
def test_other_rules_leave_each_year_on_its_own(budget, stuurgroep, rule):
    rows = budget_years(budget, stuurgroep, rule)
    assert [(r["year"], r["carried_in"], r["underspend"]) for r in rows] == [
        (2024, D(0), D("4000")), (2025, D(0), D(0))]


def test_the_steering_page_shows_the_carry_over_and_says_what_the_rule_does(budget, stuurgroep, login):
    group = SteeringGroup.objects.create(programme=budget, chair=stuurgroep, underspend_rule=UnderspendRule.CARRY_OVER)
    client = login(stuurgroep)
    page = client.get("/monitoring/stuurgroep/").content.decode()
    start = page.index(f'id="budget-{budget.pk}"')
    table = page[start:page.index("</table>", start)]
    assert "Uit het vorige jaar" in table and "4.000,00" in table
    assert "gaat naar het volgende jaar" in page
    group.underspend_rule = UnderspendRule.REALLOCATE
    group.save()
    page = client.get("/monitoring/stuurgroep/").content.decode()
    assert "Uit het vorige jaar" not in page and "de stuurgroep bestemt haar" in page


def test_demo_spending_differs_per_year_and_the_deal_reallocates(programme, stuurgroep):
    seeding.seed_reference(ref={"programme": programme})
    assert SteeringGroup.objects.get(programme=programme).underspend_rule == UnderspendRule.REALLOCATE
    seeding._spending(programme, [2021, 2022, 2023, 2024, 2025], today=dt.date(2025, 8, 1))
    seeding._spending(programme, [2021, 2022, 2023, 2024, 2025], today=dt.date(2025, 8, 1))  # idempotent
    totals = [row["spent"] for row in budget_years(programme, stuurgroep)]
    assert len(totals) == 5 and len(set(totals)) == 5  # not the same € 135.000 every year
    assert not Spending.objects.filter(date__gt=dt.date(2025, 8, 1)).exists()  # nothing in the future
    assert Spending.objects.filter(description="Evaluatie eerste looptijd", date__year=2024).exists()


def test_reference_seeding_keeps_a_rule_the_steering_group_chose(programme):
    SteeringGroup.objects.create(programme=programme, underspend_rule=UnderspendRule.RETURN)
    seeding.seed_reference(ref={"programme": programme})
    assert SteeringGroup.objects.get(programme=programme).underspend_rule == UnderspendRule.RETURN


# --- 7. demo targets, and the period of a flow -----------------------------------------------


@pytest.mark.parametrize(("value", "factor", "fixed", "target"), [
    (D(11), D("1.5"), D(5), D(20)), (D(23), D("1.5"), D(5), D(35)),  # helpdesk: a round ambition above
    (D("2.7"), None, D(5), D(5)),  # the MVI share: a policy figure, not the measurement rounded
    (D(14), D("1.2"), None, D(17)), (D(1), D("1.0"), None, D(2)),  # never the value itself
])
def test_demo_targets_are_ambitions_not_copies(value, factor, fixed, target):
    assert seeding._ambition(value, factor, fixed) == target


def test_demo_targets_differ_from_the_latest_value(snapshots, programme, haarlem):
    from monitoring.models import Snapshot, SnapshotValue

    latest = Snapshot.objects.filter(kind="monthly").order_by("-period_end").first()
    SnapshotValue.objects.create(snapshot=latest, code="helpdesk.cases", level="organisation", organisation=haarlem,
                                 value=D(11), basis="measured", source="brokers")
    seeding._targets({"organisations": {"haarlem": haarlem}, "programme": programme}, 2025)
    target = Target.objects.get(code="helpdesk.cases", organisation=haarlem, year=2025)
    assert target.value == D(20) and target.note


def test_mobilised_financing_counts_from_the_first_of_january(haarlem, enterprise_haarlem):
    from financing.models import ImpactFund, Investment

    fund = ImpactFund.objects.create(organisation=haarlem, name="Haarlems Impactfonds")
    Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("150000"), date=dt.date(2026, 1, 15))
    Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount=D("60000"), date=dt.date(2025, 9, 1))
    assert financing_indicators.mobilised(registry.month_period(2026, 11)) == {haarlem.pk: D("150000.00")}
    assert financing_indicators.mobilised(registry.month_period(2026, 1)) == {haarlem.pk: D("150000.00")}
    assert financing_indicators.mobilised(registry.month_period(2025, 12)) == {haarlem.pk: D("60000.00")}
    assert financing_indicators.mobilised(registry.month_period(2027, 1)) == {}


def test_the_dashboard_says_what_period_a_figure_covers(snapshots, broker_haarlem, login):
    page = login(broker_haarlem).get("/monitoring/").content.decode()
    note = page[page.index('id="periods-note"'):page.index("</p>", page.index('id="periods-note"'))]
    assert "aan het eind van december 2025" in note and "tot en met december 2025" in note
    assert "Ondernemingen met de status toegelaten" in page  # the definition shows, not only on hover


# --- 9. a decision asking for changes says which; no dangling colon -----------------------------


@pytest.fixture
def under_review(snapshots, chair, programme, run_report):
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    return report


def test_changes_requested_needs_an_explanation(under_review, chair, login, api):
    with pytest.raises(ValidationError) as refused:
        services.review_decide(report=under_review, by=chair, outcome="changes_requested", note="  ")
    assert "note" in refused.value.message_dict
    client = login(chair)
    url = under_review.get_absolute_url()
    page = client.get(url).content.decode()
    assert "verplicht bij wijzigingen gevraagd" in page
    response = client.post(url, {"op": "decide", "outcome": "changes_requested", "note": ""})
    assert response.status_code == 400
    assert "Geef aan welke wijzigingen de stuurgroep vraagt." in response.content.decode()
    assert response.context["decision_form"].errors["note"]
    response = api(chair).post("/api/v1/monitoring/reviews/", {"report": under_review.pk, "kind": "decision",
                                                               "outcome": "changes_requested"}, format="json")
    assert response.status_code == 400 and "body" in response.json()
    under_review.refresh_from_db()
    assert under_review.review_state != "changes_requested" and not Review.objects.filter(kind="decision").exists()
    response = client.post(url, {"op": "decide", "outcome": "changes_requested", "note": "Per thema toelichten"})
    assert response.status_code == 302
    under_review.refresh_from_db()
    assert under_review.review_state == "changes_requested"


def test_a_decision_without_a_note_has_no_dangling_colon(under_review, chair, login):
    services.review_decide(report=under_review, by=chair, outcome="approved")
    page = login(chair).get(under_review.get_absolute_url()).content.decode()
    line = page[page.index('id="reviews"'):page.index("</ul>", page.index('id="reviews"'))]
    assert "Besluit: Vastgesteld</strong> — " in line and "</strong>: " not in line


# --- 9/10. the request form: its button, and the kinds an entrepreneur may ask for -----------------


def test_the_request_button_says_what_it_does(snapshots, broker_haarlem, login):
    page = login(broker_haarlem).get("/monitoring/rapporten/nieuw/").content.decode()
    form = page[page.index('id="report-request-form"'):page.index("</form>", page.index('id="report-request-form"'))]
    assert '<button class="utrecht-button utrecht-button--primary-action" type="submit">Rapport aanvragen</button>' in form
    assert ">Opslaan<" not in form


def test_an_entrepreneur_is_offered_only_their_enterprises_statement(snapshots, ondernemer_1, enterprise_haarlem,
                                                                      login):
    client = login(ondernemer_1)
    response = client.get("/monitoring/rapporten/nieuw/")
    form = response.context["form"]
    assert [value for value, _label in form.fields["kind"].choices] == ["impact_statement"]
    assert set(form.fields) == {"kind", "enterprise", "period"}
    page = response.content.decode()
    assert "Jaarlijkse voortgangsrapportage" not in page and 'name="organisation"' not in page
    response = client.post("/monitoring/rapporten/nieuw/", {"kind": "annual", "period": "2025"})
    assert response.status_code == 400 and "kind" in response.context["form"].errors
    assert not ReportRequest.objects.exists()


def test_a_broker_still_gets_every_kind_they_may_ask_for(snapshots, broker_haarlem, login):
    form = login(broker_haarlem).get("/monitoring/rapporten/nieuw/").context["form"]
    kinds = [value for value, _label in form.fields["kind"].choices]
    assert "annual" in kinds and "evaluation" in kinds and "organisation" in form.fields


# --- 11. the evaluation PDF -------------------------------------------------------------------


def test_evaluation_pdf_has_a_status_column_and_plain_words(snapshots, broker_haarlem, haarlem, run_report):
    report, _created = run_report(user=broker_haarlem, kind="evaluation", period="2025", organisation=haarlem)
    context = reports.build_context(report)
    assert all(row["basis"] for row in context["evaluation"])
    with report.file.open("rb") as handle:
        text = pdf_bytes_text(handle.read())
    start = text.index("Nulmeting, nu en doel Nulmeting:")
    section = text[start:text.index("Grafieken", start)]
    assert "Status" in section and "zelf opgegeven" in section and "gemeten" in section
    summary = text.index("Dit rapport beschrijft")
    assert "API" not in text[summary:text.index("Bruto-cijfers", summary)]


def test_programme_pdf_headings_per_organisation_are_not_hyphenated(snapshots, chair, programme, run_report, haarlem):
    programme.participants.add(f.OrganisationFactory(name="Gemeente Sittard-Geleen"))
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    context = reports.build_context(report)
    # The indicators the report lists that the participants measure, four a table.
    assert [len(part["names"]) for part in context["level_parts"]] == [4]
    with report.file.open("rb") as handle:
        content = handle.read()
    text = pdf_bytes_text(content)
    levels = text[text.index("Per deelnemende organisatie"):text.index("Per initiatief")]
    assert "\u2010" not in levels  # WeasyPrint marks the hyphen it adds at a line end with U+2010
    assert "Toegelaten impactondernemingen" in levels
    assert words_outside_the_margins(content) == []


def test_level_parts_keep_every_column(snapshots, chair, programme, run_report):
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    context = reports.build_context(report)
    assert [n for part in context["level_parts"] for n in part["names"]] == context["level_codes"]
    assert Programme.objects.count() == 1
