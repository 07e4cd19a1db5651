"""Monitoring values computed from supplier payments follow the payments' department rule
(``Indicator.department_rows``): the payments are procurement's (inkoop), so before publication a
colleague of another department (vastgoed) reads "niet beschikbaar voor uw afdeling" on the
dashboard and in a draft report that holds them (its department copy: rows, charts, goals, the
table per organisation), and gets no such values from the API or the toolbox; brokers, inkoop
colleagues and the steering group read them as before, and a published report is public as it is."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from impactportal import access
from impactportal.accounts.constants import Department, Role
from impactportal.accounts.models import Membership
from impactportal.indicators import Level
from monitoring import registry, reports, services
from monitoring.models import Target
from procurement.models import SupplierPayment
from tests import factories as f

from .conftest import in_the_register_since
from .test_reports import pdf_bytes_text, pdf_text

pytestmark = pytest.mark.django_db

PAYMENT_CODES = {"procurement.spending_impact", "procurement.mvi_share"}
SPENT = "7654.32"  # Haarlem's one payment at an admitted impact enterprise: a figure nothing else adds up to
SPENT_TEXT = "7.654,32"
WITHHELD = "niet beschikbaar voor uw afdeling"
TARGET_TEXT = "9.876,00"  # Haarlem's target for the spending at impact enterprises (``draft``)


@pytest.fixture
def vastgoed(haarlem):
    return f.colleague(haarlem, Department.VASTGOED, "vastgoed-haarlem")


@pytest.fixture
def snapshot(haarlem, region, programme):
    """December 2025 with Haarlem's payments: one at an admitted impact enterprise, one elsewhere."""
    from enterprises.constants import AdmissionStatus

    admitted = f.EnterpriseFactory(municipality=haarlem, admission_status=AdmissionStatus.ADMITTED)
    in_the_register_since()  # in the register (and admitted) in December 2025
    for amount, enterprise in ((SPENT, admitted), ("2345.68", None)):
        SupplierPayment.objects.create(organisation=haarlem, supplier_kvk="12345678", supplier_name="Leverancier",
                                       date=dt.date(2025, 3, 15), amount=Decimal(amount), enterprise=enterprise)
    taken, _created = services.snapshot_take(period=registry.month_period(2025, 12))
    return taken


def _client(client, user):
    client.force_login(user)
    return client


def test_the_payment_indicators_declare_the_payments_as_their_rows():
    bound = {ind.code for ind in registry.indicators() if ind.department_rows}
    assert bound == PAYMENT_CODES
    assert all(ind.department_rows == "procurement.SupplierPayment" for ind in registry.indicators()
               if ind.code in PAYMENT_CODES)


def test_who_may_not_read_them(snapshot, haarlem, region, programme, vastgoed, inkoper_haarlem, broker_haarlem,
                               broker_amersfoort, stuurgroep, admin_user):
    for level, owner in ((Level.ORGANISATION, haarlem), (Level.REGION, region), (Level.PROGRAMME, programme)):
        assert set(registry.withheld(vastgoed, level, owner.pk)) == PAYMENT_CODES, level
        for user in (inkoper_haarlem, broker_haarlem, admin_user):
            assert registry.withheld(user, level, owner.pk) == {}, (level, user)
    # The steering group reads them for its programme and its participants; no programme is tied to a
    # region (steering groups read no region values at all, ``test_a_pure_steering_member_reads_…``).
    for level, owner in ((Level.ORGANISATION, haarlem), (Level.PROGRAMME, programme)):
        assert registry.withheld(stuurgroep, level, owner.pk) == {}, level
    assert set(registry.withheld(stuurgroep, Level.REGION, region.pk)) == PAYMENT_CODES
    # Another organisation's payments are not Amersfoort's broker's (they never see Haarlem's values anyway).
    assert set(registry.withheld(broker_amersfoort, Level.ORGANISATION, haarlem.pk)) == PAYMENT_CODES


def test_the_dashboard_says_not_available_for_the_department(snapshot, client, haarlem, vastgoed, inkoper_haarlem,
                                                             broker_haarlem):
    url = reverse("monitoring:dashboard") + f"?organisation={haarlem.slug}"
    html = _client(client, vastgoed).get(url).content.decode()
    for code in PAYMENT_CODES:
        assert f'<tr data-code="{code}" data-withheld>' in html
    # Said once per row, across the baseline and latest columns (both headers name the cell), and
    # labelled with both on a phone, instead of twice in a tall row.
    assert html.count(WITHHELD) == len(PAYMENT_CODES)
    assert html.count('colspan="2" data-label="Nulmeting, Laatste meting">' + WITHHELD) == len(PAYMENT_CODES)
    assert 'class="portal-table-scroll portal-stack"' in html and '<td class="numeric" data-label="Nulmeting">' in html
    assert SPENT_TEXT not in html and "Eigen inkoop bij impactondernemingen" in html
    assert 'data-code="enterprises.admitted">' in html  # the other indicators as before
    for user in (inkoper_haarlem, broker_haarlem):
        html = _client(client, user).get(url).content.decode()
        assert SPENT_TEXT in html and WITHHELD not in html and "data-withheld" not in html, user


def test_the_api_leaves_the_values_out(snapshot, client, haarlem, region, vastgoed, inkoper_haarlem, broker_haarlem):
    for scope in (f"organisation={haarlem.slug}", f"region={region.slug}"):
        url = reverse("monitoring-snapshot-detail", args=[snapshot.pk]) + f"?{scope}"
        values = _client(client, vastgoed).get(url).json()["values"]
        assert values and not PAYMENT_CODES & set(values), scope
        for user in (inkoper_haarlem, broker_haarlem):
            values = _client(client, user).get(url).json()["values"]
            assert set(values) >= PAYMENT_CODES, (scope, user)
    values = _client(client, broker_haarlem).get(
        reverse("monitoring-snapshot-detail", args=[snapshot.pk]) + f"?organisation={haarlem.slug}").json()["values"]
    assert Decimal(values["procurement.spending_impact"]) == Decimal(SPENT)


def test_the_toolbox_source_leaves_the_values_out(snapshot, haarlem, vastgoed, inkoper_haarlem):
    from monitoring.toolbox_sources import latest_values

    codes = {row["code"] for row in latest_values(vastgoed, haarlem)["rows"]}
    assert codes and not PAYMENT_CODES & codes
    assert {row["code"] for row in latest_values(inkoper_haarlem, haarlem)["rows"]} >= PAYMENT_CODES


@pytest.fixture
def draft(snapshot, broker_haarlem, haarlem, run_report):
    # A target for a payment figure: it stays in the department copy (as on the dashboard), the value not.
    Target.objects.create(code="procurement.spending_impact", year=2025, organisation=haarlem, value=Decimal("9876"))
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert report.status == "done" and SPENT_TEXT in pdf_text(report)
    return report


def _payment_texts(report) -> set[str]:
    """Every way the full report writes a payment figure: its rows, charts (dots, scale, lines) and goals."""
    context = reports.build_context(report)
    names = {str(ind.name) for ind in registry.indicators() if ind.code in PAYMENT_CODES}
    texts = {row["text"] for row in context["rows"] if row["code"] in PAYMENT_CODES}
    for chart in (chart for chart in context["charts"] if str(chart["name"]) in names):
        texts |= {dot["value"] for dot in chart["svg"]["dots"]} | {chart["svg"]["peak"]}
    texts |= {goal["value"] for goal in context["goals"] if str(goal["name"]) in names}
    # As the PDF's text reads them (the space after "€" does not break; ``pdf_bytes_text`` folds it).
    texts = {" ".join(text.split()) for text in texts}
    texts -= {"", TARGET_TEXT, "9.876"}  # the target (a goal set, not measured) and the chart's scale up to it
    assert f"€ {SPENT_TEXT}" in texts and "7.654" in texts, texts  # the table's and the chart's
    return texts


def _file_text(response) -> str:
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return pdf_bytes_text(b"".join(response.streaming_content))


def test_a_draft_report_says_not_available_where_the_payment_figures_stand(draft, client, api, vastgoed,
                                                                             inkoper_haarlem, broker_haarlem,
                                                                             broker_amersfoort):
    """The vastgoed colleague opens the draft (page, PDF, API) as the dashboard shows it: every payment
    figure replaced by "niet beschikbaar voor uw afdeling", nothing of it anywhere in the file."""
    assert [ind.code for ind in reports.withheld_in_draft(vastgoed, draft)] == [
        ind.code for ind in registry.indicators() if ind.code in PAYMENT_CODES]
    draft.refresh_from_db()
    assert draft.department_file and len(draft.department_checksum) == 64  # made with the file, by the task
    assert draft.department_checksum != draft.checksum
    leaked = _payment_texts(draft)
    page = _client(client, vastgoed).get(draft.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and 'id="report-withheld"' in html and 'id="report-pdf"' in html
    assert "Eigen inkoop bij impactondernemingen" in html and f"“{WITHHELD}”" in html and "Zodra het rapport is" in html
    assert draft.department_checksum in html and draft.checksum not in html  # the checksum of the file they get
    text = _file_text(client.get(reverse("monitoring:report-file", args=[draft.pk])))
    assert not {value for value in leaked if value in text}, text
    assert "Eigen inkoop bij impactondernemingen" in text and TARGET_TEXT in text  # the row and its target stay
    # The indicators' table, the charts and the goal each say so.
    assert text.count(WITHHELD) >= len(PAYMENT_CODES) + 2, text
    assert "Toegelaten impactondernemingen" in text  # the other figures as they are
    text = _file_text(api(vastgoed).get(reverse("monitoring-report-file", args=[draft.pk])))
    assert WITHHELD in text and not {value for value in leaked if value in text}
    detail = api(vastgoed).get(reverse("monitoring-report-detail", args=[draft.pk])).json()
    assert detail["checksum"] == draft.department_checksum
    for user in (inkoper_haarlem, broker_haarlem):
        page = _client(client, user).get(draft.get_absolute_url()).content.decode()
        assert 'id="report-pdf"' in page and 'id="report-withheld"' not in page and draft.checksum in page
        text = _file_text(client.get(reverse("monitoring:report-file", args=[draft.pk])))
        assert SPENT_TEXT in text and WITHHELD not in text, user
        response = api(user).get(reverse("monitoring-report-file", args=[draft.pk]))
        assert SPENT_TEXT in _file_text(response) and api(user).get(
            reverse("monitoring-report-detail", args=[draft.pk])).json()["checksum"] == draft.checksum
    # Who may open the report at all is the access module's, as before: another organisation's broker
    # finds no such report.
    assert _client(client, broker_amersfoort).get(reverse("monitoring:report-file", args=[draft.pk])).status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("kind", ["annual", "evaluation"])
def test_the_department_copy_holds_no_payment_figure(kind, snapshot, haarlem, broker_haarlem, vastgoed, run_report,
                                                     monkeypatch):
    """The HTML fed to WeasyPrint for the department copy: no payment figure in a table, a chart's SVG
    or a goal; each says "niet beschikbaar voor uw afdeling" where the full report has it."""
    Target.objects.create(code="procurement.spending_impact", year=2025, organisation=haarlem, value=Decimal("9876"))
    report, _created = run_report(user=broker_haarlem, kind=kind, period="2025", organisation=haarlem)
    leaked = _payment_texts(report)
    fed = []
    monkeypatch.setattr("impactportal.pdf.render_to_pdf",
                        lambda template, context: fed.append(render_to_string(template, context)) or b"%PDF-1.7")
    report.department_file = ""  # as a report made before there were copies: made when first asked for
    assert services.report_department_copy(report=report)
    (html,) = fed
    assert not {value for value in leaked if value in html}, leaked
    assert html.count(f'class="withheld">{WITHHELD}</td>') == len(PAYMENT_CODES) + 1  # the rows and the goal
    assert f'class="withheld chart-withheld">{WITHHELD}</p>' in html  # the chart
    if kind == "evaluation":  # baseline and now in one cell, as on the dashboard
        assert html.count(f'class="withheld" colspan="2">{WITHHELD}</td>') == len(PAYMENT_CODES)
    assert SPENT not in html and "7654" not in html  # not unformatted either (an SVG coordinate, an attribute)
    full = render_to_string("monitoring/pdf/report.html", reports.build_context(report))
    assert SPENT_TEXT in full and WITHHELD not in full


def test_the_table_per_organisation_says_so_in_the_withheld_cells(snapshot, chair, programme, run_report):
    """A programme report's cells per organisation of a withheld indicator (``build_context``'s rule is
    per code; the payment figures are not among the table's indicators, so another code stands in)."""
    report, _created = run_report(user=chair, kind="programme", period="2025", programme=programme)
    column = "enterprises.admitted"
    full, copy = reports.build_context(report), reports.build_context(report, withheld={column})
    at = [col["code"] for part in full["level_parts"] for col in part["columns"]].index(column)
    part, index = divmod(at, reports.LEVEL_COLUMNS)

    def cells(context):
        return [o["cells"][index] for o in context["level_parts"][part]["organisations"]]

    assert any(cell["text"] not in ("–", WITHHELD) for cell in cells(full))
    for shown, hidden in zip(cells(full), cells(copy), strict=True):
        assert hidden == ({"text": WITHHELD, "withheld": True} if shown["text"] != "–" else shown)
    html = render_to_string("monitoring/pdf/report.html", copy)
    assert f'<td class="withheld">{WITHHELD}</td>' in html


def test_a_draft_without_payment_figures_is_for_every_department(draft, client, vastgoed):
    from monitoring.models import SnapshotValue

    SnapshotValue.objects.filter(snapshot=draft.snapshot, code__in=PAYMENT_CODES).delete()
    assert reports.withheld_in_draft(vastgoed, draft) == []
    response = _client(client, vastgoed).get(reverse("monitoring:report-file", args=[draft.pk]))
    with draft.file.open("rb") as handle:
        assert b"".join(response.streaming_content) == handle.read()  # the file itself


def test_a_published_report_stays_as_it_is(draft, client, vastgoed, broker_haarlem):
    services.review_decide(report=draft, by=broker_haarlem, outcome="approved")
    services.report_publish(report=draft, by=broker_haarlem)
    draft.refresh_from_db()
    assert reports.withheld_in_draft(vastgoed, draft) == []
    vastgoed_client = _client(client, vastgoed)
    full = vastgoed_client.get(reverse("monitoring:report-file", args=[draft.pk]))
    assert full.status_code == 200 and SPENT_TEXT in pdf_bytes_text(b"".join(full.streaming_content))
    assert 'id="report-pdf"' in vastgoed_client.get(draft.get_absolute_url()).content.decode()
    client.logout()
    public = client.get(reverse("monitoring:public-file", args=[draft.pk]))
    assert public.status_code == 200 and SPENT_TEXT in pdf_bytes_text(b"".join(public.streaming_content))


# --- a steering membership lifts the department rule only for what it steers ------------------------


def _on_steering_group(user, programme):
    Membership.objects.create(user=user, role=Role.STEERING, programme=programme)
    access.forget(user)
    return user


@pytest.fixture
def other_programme(amersfoort):
    """A programme Haarlem takes no part in."""
    other = f.ProgrammeFactory(name="Actieprogramma Amersfoort", slug="actie-amersfoort")
    other.participants.add(amersfoort)
    return other


def test_a_steering_group_of_another_programme_keeps_the_department_rule(snapshot, client, haarlem, region,
                                                                          programme, other_programme, vastgoed,
                                                                          broker_haarlem, run_report):
    """A vastgoed colleague of Haarlem on the steering group of a programme Haarlem is not in reads
    Haarlem's payment figures nowhere: not on the dashboard, the API, the toolbox or a draft's PDF."""
    from monitoring.toolbox_sources import latest_values

    _on_steering_group(vastgoed, other_programme)
    for level, owner in ((Level.ORGANISATION, haarlem), (Level.REGION, region), (Level.PROGRAMME, programme)):
        assert set(registry.withheld(vastgoed, level, owner.pk)) == PAYMENT_CODES, level
    assert registry.withheld(vastgoed, Level.PROGRAMME, other_programme.pk) == {}  # the one they steer
    html = _client(client, vastgoed).get(reverse("monitoring:dashboard") + f"?organisation={haarlem.slug}")
    html = html.content.decode()
    assert SPENT_TEXT not in html and html.count(WITHHELD) == len(PAYMENT_CODES)  # once per row
    values = client.get(reverse("monitoring-snapshot-detail", args=[snapshot.pk])
                        + f"?organisation={haarlem.slug}").json()["values"]
    assert values and not PAYMENT_CODES & set(values)
    codes = {row["code"] for row in latest_values(vastgoed, haarlem)["rows"]}
    assert codes and not PAYMENT_CODES & codes
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert {ind.code for ind in reports.withheld_in_draft(vastgoed, report)} == PAYMENT_CODES
    for name in ("monitoring:report-file", "monitoring-report-file"):
        text = _file_text(client.get(reverse(name, args=[report.pk])))
        assert SPENT_TEXT not in text and WITHHELD in text, name


def test_a_steering_member_of_haarlems_programme_reads_them(snapshot, client, haarlem, amersfoort, region,
                                                            programme, vastgoed, broker_haarlem, run_report):
    """The same colleague on the steering group of the programme Haarlem takes part in reads them as
    that steering group does: for Haarlem and the programme, not for the region nor an organisation
    outside the programme."""
    from monitoring.toolbox_sources import latest_values

    _on_steering_group(vastgoed, programme)
    for level, owner in ((Level.ORGANISATION, haarlem), (Level.PROGRAMME, programme)):
        assert registry.withheld(vastgoed, level, owner.pk) == {}, level
    for level, owner in ((Level.ORGANISATION, amersfoort), (Level.REGION, region)):
        assert set(registry.withheld(vastgoed, level, owner.pk)) == PAYMENT_CODES, level
    html = _client(client, vastgoed).get(reverse("monitoring:dashboard") + f"?organisation={haarlem.slug}")
    html = html.content.decode()
    assert SPENT_TEXT in html and WITHHELD not in html and "data-withheld" not in html
    html = client.get(reverse("monitoring:dashboard") + f"?programme={programme.slug}").content.decode()
    assert SPENT_TEXT in html and "data-withheld" not in html
    for scope in (f"organisation={haarlem.slug}", f"programme={programme.slug}"):
        values = client.get(reverse("monitoring-snapshot-detail", args=[snapshot.pk]) + f"?{scope}").json()["values"]
        assert Decimal(values["procurement.spending_impact"]) == Decimal(SPENT), scope
    assert {row["code"] for row in latest_values(vastgoed, haarlem)["rows"]} >= PAYMENT_CODES
    report, _created = run_report(user=broker_haarlem, kind="annual", period="2025", organisation=haarlem)
    assert reports.withheld_in_draft(vastgoed, report) == []
    text = _file_text(client.get(reverse("monitoring:report-file", args=[report.pk])))
    assert SPENT_TEXT in text and WITHHELD not in text


def test_a_pure_steering_member_reads_them_as_before(snapshot, client, haarlem, region, programme, stuurgroep):
    html = _client(client, stuurgroep).get(reverse("monitoring:dashboard") + f"?organisation={haarlem.slug}")
    html = html.content.decode()
    assert SPENT_TEXT in html and "data-withheld" not in html
    html = client.get(reverse("monitoring:dashboard") + f"?programme={programme.slug}").content.decode()
    assert SPENT_TEXT in html and "data-withheld" not in html
    detail = reverse("monitoring-snapshot-detail", args=[snapshot.pk])
    values = client.get(detail + f"?organisation={haarlem.slug}").json()["values"]
    assert Decimal(values["procurement.spending_impact"]) == Decimal(SPENT)
    assert set(client.get(detail + f"?programme={programme.slug}").json()["values"]) >= PAYMENT_CODES
    # Region values were never the steering group's (no grant in ``VALUE_READERS``): the department
    # rule now withholding the payment figures there changes nothing it reads.
    assert client.get(detail + f"?region={region.slug}").json()["values"] == {}


def test_the_steering_check_costs_a_query_only_where_the_rule_withholds(snapshot, haarlem, programme, vastgoed,
                                                                         broker_haarlem, stuurgroep,
                                                                         django_assert_num_queries):
    """Brokers and inkoop colleagues never reach it; a steering member's programme level is answered
    from the memberships, an organisation by one query."""
    for user in (broker_haarlem, stuurgroep, vastgoed):
        access.memberships(user)  # loaded once per request anyway
    with django_assert_num_queries(1):  # the broker's organisations under whose rows (as before)
        assert registry.withheld(broker_haarlem, Level.ORGANISATION, haarlem.pk) == {}
    with django_assert_num_queries(0):
        assert registry.withheld(broker_haarlem, Level.PROGRAMME, programme.pk) == {}
        assert registry.withheld(stuurgroep, Level.PROGRAMME, programme.pk) == {}
        assert set(registry.withheld(vastgoed, Level.ORGANISATION, haarlem.pk)) == PAYMENT_CODES
    with django_assert_num_queries(1):
        assert registry.withheld(stuurgroep, Level.ORGANISATION, haarlem.pk) == {}
