"""Figures per organisation and year: obligations against verified (measured) and reported
(self-declared) realisations, statuses, contracts behind schedule, requests and responses, the
share of own spending at admitted impact enterprises; scoping; the page, the CSV and the API."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from impactportal import access
from procurement import figures, services
from procurement.constants import ContractStatus, RequestStatus
from procurement.models import PurchaseRequest, PurchaseResponse, SupplierPayment
from tests import factories as f
from tests.csv_export import csv_rows
from tests.procurement import factories as pf

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = dt.date(2025, 6, 1)


def line(contract, months, day, by, verify=None):
    r = pf.realisation(contract, "werkervaringsplek", by=by, months=D(months), date=day, today=TODAY)
    if verify is not None:
        r = services.realisation_assess(realisation=r, by=by, verify=verify, reason="" if verify else "Geen bewijs",
                                        today=TODAY)
    return r


@pytest.fixture
def world(haarlem, amersfoort, broker_haarlem, broker_amersfoort):
    pf.rule_set(organisation=haarlem, name="Regeling Haarlem")
    pf.rule_set(organisation=amersfoort, name="Regeling Amersfoort")
    running = pf.contract(organisation=haarlem, by=broker_haarlem, title="Schoonmaak stadhuis")  # 2025-2026, €50,000
    pf.contract(organisation=haarlem, by=broker_haarlem, title="Oud contract", award_date=dt.date(2024, 1, 1),
                end_date=dt.date(2024, 12, 31))
    late = pf.contract(organisation=haarlem, by=broker_haarlem, title="Groenonderhoud", value=D("200000"),
                       award_date=dt.date(2025, 12, 31), end_date=dt.date(2027, 12, 31))  # €10,000
    elsewhere = pf.contract(organisation=amersfoort, by=broker_amersfoort, title="Amersfoorts contract")
    line(running, "2", dt.date(2025, 3, 15), broker_haarlem, verify=True)  # 1,500 verified
    line(running, "4", dt.date(2025, 3, 20), broker_haarlem)  # 3,000 reported
    line(running, "1", dt.date(2025, 12, 31), broker_haarlem, verify=True)  # 750 on the last day
    line(running, "1", dt.date(2026, 1, 1), broker_haarlem, verify=True)  # next year
    line(running, "8", dt.date(2025, 5, 1), broker_haarlem, verify=False)  # rejected: never counted
    line(elsewhere, "10", dt.date(2025, 3, 1), broker_amersfoort, verify=True)
    return {"running": running, "late": late, "elsewhere": elsewhere}


def values(items):
    return {fig.key: fig.value for fig in items}


def test_obligation_against_verified_and_reported_lines(world, broker_haarlem, haarlem):
    result = figures.obligation_figures(broker_haarlem, haarlem, 2025)
    tiles = values(result["tiles"])
    assert tiles["contracts"] == 2  # the 2024 contract did not run in 2025; the one awarded on 31 Dec did
    assert tiles["obligation"] == D("60000.00")
    assert tiles["realised"] == D("2250.00")  # verified lines dated in 2025 only
    assert tiles["reported"] == D("3000.00")  # submitted, not yet verified, apart
    assert tiles["realised_share"] == D("3.8")
    march, december = result["periods"][2], result["periods"][11]
    assert (march["realised"], march["reported"]) == (D("1500.00"), D("3000.00"))
    assert december["realised"] == D("750.00") and december["realised_cumulative"] == D("2250.00")
    assert result["periods"][0]["obligation_awarded"] == D("50000.00")
    assert december["obligation_awarded"] == D("10000.00")
    basis = {fig.key: fig.basis for fig in result["tiles"]}
    assert basis["realised"] == figures.Basis.MEASURED and basis["reported"] == figures.Basis.SELF_DECLARED
    assert all(fig.source for fig in result["tiles"])


def test_next_year_starts_on_the_first_of_january(world, broker_haarlem, haarlem):
    tiles = values(figures.obligation_figures(broker_haarlem, haarlem, 2026)["tiles"])
    assert tiles["realised"] == D("750.00") and tiles["reported"] == D("0.00")
    assert tiles["contracts"] == 2


def test_quarters_add_up_the_months(world, broker_haarlem, haarlem):
    quarters = figures.obligation_figures(broker_haarlem, haarlem, 2025, quarters=True)["periods"]
    assert [q["label"] for q in quarters] == ["Q1", "Q2", "Q3", "Q4"]
    assert [q["realised"] for q in quarters] == [D("1500.00"), D("0.00"), D("0.00"), D("750.00")]
    assert quarters[0]["reported"] == D("3000.00")


def test_status_counts_and_behind_schedule(world, broker_haarlem, haarlem):
    result = figures.figures_for(broker_haarlem, haarlem, 2025)
    counts = {s["status"]: s["count"] for s in result.statuses}
    assert world["running"].status == ContractStatus.BEHIND  # a quarter elapsed, ~5 % realised
    assert counts[ContractStatus.BEHIND] == 1 and counts[ContractStatus.OPEN] == 1
    assert sum(counts.values()) == 2
    assert [c.title for c in result.behind] == ["Schoonmaak stadhuis"] and result.behind_count == 1


def test_requests_and_responses(haarlem, amersfoort, broker_haarlem, inkoper_haarlem):
    category = pf.category()
    responders = [f.EnterpriseFactory(municipality=haarlem) for _ in range(3)]
    posted = []
    for status in (RequestStatus.OPEN, RequestStatus.AWARDED, RequestStatus.CLOSED):
        posted.append(PurchaseRequest.objects.create(organisation=haarlem, title=f"Vraag {status}", description="x",
                                                     category=category, deadline=dt.date(2030, 1, 1), status=status))
    PurchaseRequest.objects.create(organisation=amersfoort, title="Elders", description="x", category=category,
                                   deadline=dt.date(2030, 1, 1))
    for enterprise in responders:
        PurchaseResponse.objects.create(request=posted[0], enterprise=enterprise, quote_amount=D("100"))
    PurchaseResponse.objects.create(request=posted[1], enterprise=responders[0], quote_amount=D("100"))
    from django.utils import timezone

    result = values(figures.request_figures(inkoper_haarlem, haarlem, timezone.localdate().year))
    assert result == {"requests_posted": 3, "requests_open": 1, "requests_awarded": 1, "responses": 4,
                      "responses_per_request": D("1.3")}
    assert values(figures.request_figures(inkoper_haarlem, haarlem, 2001))["responses_per_request"] is None


# --- own spending at impact enterprises ------------------------------------------------------


@pytest.fixture
def payments(haarlem, amersfoort):
    admitted = f.EnterpriseFactory(name="Kerstpakketten Sociaal", kvk_number="90000001", municipality=haarlem,
                                   admission_status=AdmissionStatus.ADMITTED)
    applied = f.EnterpriseFactory(name="Drukkerij in aanvraag", kvk_number="90000002", municipality=haarlem,
                                  admission_status=AdmissionStatus.APPLIED)

    def pay(org, name, day, amount, category="", enterprise=None, kvk=""):
        return SupplierPayment.objects.create(organisation=org, supplier_name=name, date=day, amount=D(amount),
                                              cost_category=category, enterprise=enterprise,
                                              supplier_kvk=enterprise.kvk_number if enterprise else kvk)

    pay(haarlem, "Kerstpakketten Sociaal", dt.date(2025, 12, 31), "500.00", "Relatiegeschenken", admitted)
    pay(haarlem, "Kerstpakketten Sociaal", dt.date(2026, 1, 1), "9999.00", "Relatiegeschenken", admitted)
    pay(haarlem, "Drukkerij in aanvraag", dt.date(2025, 6, 1), "1500.00", "Drukwerk", applied)
    pay(haarlem, "Kantoorreus BV", dt.date(2025, 1, 1), "7000.00", "Kantoorartikelen", kvk="12345678")
    pay(haarlem, "Kantoorreus BV", dt.date(2025, 2, 1), "1000.00", "Kantoorartikelen", kvk="12345678")
    pay(amersfoort, "Kerstpakketten Sociaal", dt.date(2025, 12, 1), "100000.00", "Relatiegeschenken", admitted)
    return {"admitted": admitted, "applied": applied}


def test_spending_share_counts_only_admitted_enterprises_in_the_year(payments, broker_haarlem, haarlem):
    result = figures.spending_figures(broker_haarlem, haarlem, 2025)
    spending = values(result["spending"])
    assert spending["spending_total"] == D("10000.00")  # 31 Dec in, 1 Jan next year out, Amersfoort out
    assert spending["spending_impact"] == D("500.00")  # the applied enterprise is in the register, not admitted
    assert spending["spending_share"] == D("5.0")
    assert spending["spending_registered_not_admitted"] == D("1500.00")
    assert spending["payments"] == 4
    categories = {row["cost_category"]: row for row in result["categories"]}
    assert categories["Relatiegeschenken"]["share"] == D("100.0")
    assert categories["Kantoorartikelen"]["total"] == D("8000.00") and categories["Kantoorartikelen"]["share"] == 0
    assert [r["supplier_name"] for r in result["top_suppliers"]][0] == "Kantoorreus BV"
    assert result["top_suppliers"][-1]["is_impact"] is True
    assert result["unmatched_count"] == 1
    assert result["unmatched_suppliers"][0] | {} == {"supplier_kvk": "12345678", "supplier_name": "Kantoorreus BV",
                                                    "total": D("8000.00"), "payments": 2}


def test_share_is_unknown_without_payments(broker_haarlem, haarlem):
    assert values(figures.spending_figures(broker_haarlem, haarlem, 2025)["spending"])["spending_share"] is None


def test_admission_changes_the_share(payments, broker_haarlem, haarlem):
    payments["applied"].admission_status = AdmissionStatus.ADMITTED
    payments["applied"].save()
    assert values(figures.spending_figures(broker_haarlem, haarlem, 2025)["spending"])["spending_share"] == D("20.0")


# --- scoping ----------------------------------------------------------------------------------


def test_a_broker_never_sees_another_organisations_figures(world, payments, broker_amersfoort, haarlem, amersfoort,
                                                           login, api):
    with pytest.raises(figures.Http404):
        figures.choose(broker_amersfoort, "haarlem")
    assert figures.choose(broker_amersfoort, None) == amersfoort
    # Even handed Haarlem directly, the scoped querysets give nothing of Haarlem.
    assert values(figures.obligation_figures(broker_amersfoort, haarlem, 2025)["tiles"])["obligation"] == 0
    assert values(figures.spending_figures(broker_amersfoort, haarlem, 2025)["spending"])["spending_total"] == 0
    client = login(broker_amersfoort)
    assert client.get(reverse("procurement:figures"), {"organisation": "haarlem"}).status_code == 404
    assert client.get(reverse("procurement:figures-export"), {"organisation": "haarlem"}).status_code == 404
    assert api(broker_amersfoort).get("/api/v1/procurement/figures/", {"organisation": "haarlem"}).status_code == 404
    own = api(broker_amersfoort).get("/api/v1/procurement/figures/", {"year": 2025}).json()
    assert own["organisation"] == "amersfoort"
    assert next(x for x in own["spending"] if x["key"] == "spending_total")["value"] == "100000.00"


def test_entrepreneurs_and_visitors_do_not_get_the_figures(ondernemer_1, login, api, client):
    assert client.get(reverse("procurement:figures")).status_code == 302
    assert login(ondernemer_1).get(reverse("procurement:figures")).status_code == 403
    assert api(ondernemer_1).get("/api/v1/procurement/figures/").status_code == 403
    assert api().get("/api/v1/procurement/figures/").status_code == 401


def test_a_superuser_sees_all_organisations_by_default(world, payments, api):
    admin = f.UserFactory(username="beheer", is_superuser=True, is_staff=True)
    body = api(admin).get("/api/v1/procurement/figures/", {"year": 2025}).json()
    assert body["organisation"] is None
    assert next(x for x in body["spending"] if x["key"] == "spending_total")["value"] == "110000.00"


# --- the page, the CSV and the API ------------------------------------------------------------


def test_figures_page(world, payments, broker_haarlem, login):
    response = login(broker_haarlem).get(reverse("procurement:figures"), {"year": 2025})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Schoonmaak stadhuis" in page and 'id="periods-table"' in page and 'data-chart="obligation-chart"' in page
    assert "zelf opgegeven" in page and "gemeten" in page
    assert "Kantoorreus BV" in page and 'id="unmatched-note"' in page
    assert "5,0%" in page


def test_figures_page_empty_state(broker_haarlem, login):
    page = login(broker_haarlem).get(reverse("procurement:figures")).content.decode()
    assert "Geen contracten achter op schema" in page
    assert reverse("procurement:payment-import-create") in page


def test_figures_csv(world, payments, inkoper_haarlem, login):
    client = login(inkoper_haarlem)
    response = client.get(reverse("procurement:figures-export"), {"year": 2025})
    rows = csv_rows(response.content)
    assert response["Content-Disposition"].endswith('inkoopcijfers-haarlem-2025.csv"')
    # Dutch Excel conventions: ";" between cells, a decimal comma, units in words (not "money")
    assert ["Waarvan gerealiseerd in 2025 (geverifieerd)", "2250,00", "euro", "gemeten"] in [row[5:9] for row in rows]
    assert ["Gerealiseerd t/m 2025 als deel van de verplichting", "3,8", "procent", "gemeten"] in [
        row[5:9] for row in rows]
    assert ["Gemeld, nog niet geverifieerd", "3000,00", "euro", "zelf opgegeven"] in [row[5:9] for row in rows]
    assert _period(rows, "2025-12") == ["10000,00", "750,00", "0,00", "2250,00"]
    client.cookies["django_language"] = "en"
    english = csv_rows(client.get(reverse("procurement:figures-export"), {"year": 2025}).content, ",")
    assert _period(english, "2025-12") == ["10000.00", "750.00", "0.00", "2250.00"]


def _period(rows, label):
    """A period's new obligation, realised, reported and cumulative realised value."""
    return [row[6] for row in rows if row[3] == label]


def test_figures_api(world, payments, broker_haarlem, api):
    body = api(broker_haarlem).get("/api/v1/procurement/figures/", {"organisation": "haarlem", "year": 2025}).json()
    obligations = {x["key"]: x for x in body["obligations"]}
    assert obligations["realised"] == obligations["realised"] | {"value": "2250.00", "basis": "measured"}
    assert obligations["reported"]["value"] == "3000.00" and obligations["reported"]["basis"] == "self_declared"
    assert obligations["contracts"]["value"] == 2 and obligations["realised"]["source"]
    assert body["periods"][2]["realised"] == "1500.00" and body["periods"][2]["reported"] == "3000.00"
    assert body["behind_schedule"][0]["title"] == "Schoonmaak stadhuis" and body["behind_count"] == 1
    spending = {x["key"]: x["value"] for x in body["spending"]}
    assert spending["spending_share"] == "5.0" and spending["spending_impact"] == "500.00"
    assert body["unmatched_suppliers"][0]["total"] == "8000.00"
    assert api(broker_haarlem).get("/api/v1/procurement/figures/", {"period": "quarter", "year": 2025}).json()[
        "periods"][0]["realised"] == "1500.00"


def test_payments_api_is_scoped_and_filtered(payments, broker_haarlem, broker_amersfoort, api):
    rows = api(broker_haarlem).get("/api/v1/procurement/payments/", {"year": 2025}).json()["results"]
    assert len(rows) == 4 and {r["organisation"] for r in rows} == {"haarlem"}
    assert {r["amount"] for r in rows} >= {"500.00", "7000.00"}
    matched = api(broker_haarlem).get("/api/v1/procurement/payments/", {"matched": "false"}).json()["results"]
    assert {r["supplier_name"] for r in matched} == {"Kantoorreus BV"}
    impact = api(broker_haarlem).get("/api/v1/procurement/payments/", {"matched": "true", "year": 2025}).json()
    assert {(r["supplier_name"], r["is_impact_enterprise"]) for r in impact["results"]} == {
        ("Kerstpakketten Sociaal", True), ("Drukkerij in aanvraag", False)}
    assert len(api(broker_amersfoort).get("/api/v1/procurement/payments/").json()["results"]) == 1
    other = SupplierPayment.objects.filter(organisation__slug="haarlem").first()
    assert api(broker_amersfoort).get(f"/api/v1/procurement/payments/{other.pk}/").status_code == 404
    assert api(broker_haarlem).post("/api/v1/procurement/payments/", {}).status_code == 405


def test_payment_list_filters(payments, broker_haarlem, login):
    client = login(broker_haarlem)
    page = client.get(reverse("procurement:payment-list"), {"cost_category": "Drukwerk"}).content.decode()
    assert "Drukkerij in aanvraag" in page and "Kantoorreus" not in page
    export = client.get(reverse("procurement:payment-list"), {"year": 2025, "_export": "csv"})
    assert export.status_code == 200 and "Kantoorreus BV" in export.content.decode("utf-8-sig")


# --- constant numbers of queries ----------------------------------------------------------------


def _more(haarlem, broker_haarlem, n):
    for i in range(n):
        c = pf.contract(organisation=haarlem, by=broker_haarlem, title=f"Extra {i}")
        line(c, "1", dt.date(2025, 4, 1), broker_haarlem, verify=True)
        SupplierPayment.objects.create(organisation=haarlem, supplier_name=f"Leverancier {i}", supplier_kvk="",
                                       date=dt.date(2025, 4, 1), amount=D("10"), cost_category=f"Soort {i}")


@pytest.mark.parametrize("path", ["page", "api", "payments-page", "payments-api"])
def test_constant_queries(path, world, payments, haarlem, broker_haarlem, login, api, django_assert_max_num_queries):
    client = login(broker_haarlem)
    urls = {"page": reverse("procurement:figures") + "?year=2025", "api": "/api/v1/procurement/figures/?year=2025",
            "payments-page": reverse("procurement:payment-list"), "payments-api": "/api/v1/procurement/payments/"}

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(urls[path]).status_code == 200
        return len(ctx.captured_queries)

    count()  # drop-down lists of reference data are cached from the first request on
    before = count()
    _more(haarlem, broker_haarlem, 6)
    assert count() == before
    with django_assert_max_num_queries(20):
        client.get(urls[path])


# --- demo data ---------------------------------------------------------------------------------


def test_demo_payments_are_idempotent_and_plausible(haarlem, amersfoort, broker_haarlem):
    from procurement.demo import figures as demo

    for prefix in ("Cateraar", "Schoonmaakbedrijf", "Drukkerij", "Bakkerij", "Kringloopwinkel", "Koffiebranderij"):
        f.EnterpriseFactory(name=f"{prefix} Demo", municipality=haarlem, admission_status=AdmissionStatus.ADMITTED)
    demo.seed(size="small", ref={}, stdout=None)
    count = SupplierPayment.objects.count()
    snapshot = set(SupplierPayment.objects.values_list("organisation", "supplier_name", "date", "amount"))
    demo.seed(size="small", ref={}, stdout=None)
    assert SupplierPayment.objects.count() == count and 300 <= count <= 600
    assert set(SupplierPayment.objects.values_list("organisation", "supplier_name", "date", "amount")) == snapshot
    from django.utils import timezone

    last_year = timezone.localdate().year - 1
    spending = values(figures.spending_figures(broker_haarlem, haarlem, last_year)["spending"])
    assert D("1") <= spending["spending_share"] <= D("8")
    assert SupplierPayment.objects.filter(cost_category="Relatiegeschenken", date__year=last_year,
                                          enterprise__name="Bakkerij Demo").count() == 2  # one per organisation


def test_broker_dashboard_panel_and_navigation(world, broker_haarlem, inkoper_haarlem, ondernemer_1, login):
    from django.utils import timezone

    year = timezone.localdate().year
    page = login(broker_haarlem).get(reverse("dashboard")).content.decode()
    assert f"{reverse('procurement:figures')}?organisation=haarlem&amp;year={year}" in page
    assert "social return gerealiseerd op de contracten" in page and "geverifieerd, tot nu toe" in page
    assert f'href="{reverse("procurement:figures")}"' in page  # "Inkoopcijfers" in the menu
    assert f'href="{reverse("procurement:figures")}"' in login(inkoper_haarlem).get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("procurement:figures")}"' not in login(ondernemer_1).get(reverse("dashboard")).content.decode()


def test_dashboard_summary_counts_this_years_verified_lines(world, broker_haarlem, haarlem):
    summary = figures.dashboard_summary(broker_haarlem, haarlem, 2025)
    # Nothing was realised before 2025 on these contracts: to date equals this year's lines here
    # (tests/procurement/test_first_user_figures.py has the case where they differ).
    assert summary == {"obligation": D("60000.00"), "realised_to_date": D("2250.00"), "realised": D("2250.00"),
                       "share": D("3.8")}


def test_dashboard_panel_counts_every_contract_behind_and_lists_the_first_three(haarlem, amersfoort, broker_haarlem,
                                                                               broker_amersfoort,
                                                                               django_assert_num_queries):
    from procurement.dashboard_contracts import behind_schedule
    from procurement.models import Contract

    pf.rule_set(organisation=haarlem, name="Regeling Haarlem")
    pf.rule_set(organisation=amersfoort, name="Regeling Amersfoort")
    ends = [dt.date(2027, 3, 31), dt.date(2026, 6, 30), dt.date(2028, 1, 31), dt.date(2026, 9, 30), dt.date(2027, 1, 31)]
    behind = [pf.contract(organisation=haarlem, by=broker_haarlem, title=f"Contract {n}", end_date=end)
              for n, end in enumerate(ends)]
    behind.append(pf.contract(organisation=amersfoort, by=broker_amersfoort, title="Elders"))
    pf.contract(organisation=haarlem, by=broker_haarlem, title="Op schema")
    Contract.objects.filter(pk__in=[c.pk for c in behind]).update(status=ContractStatus.BEHIND)
    Contract.objects.filter(title="Op schema").update(status=ContractStatus.ON_TRACK)
    access.memberships(broker_haarlem)  # loaded once per request before any panel
    # Two: the contracts the broker is a contact of (access._by_keys), then the panel's one query.
    with django_assert_num_queries(2):
        panel = behind_schedule(broker_haarlem)
    assert panel["count"] == 5  # all five of Haarlem's, not the three shown nor Amersfoort's
    assert [c.title for c in panel["first"]] == ["Contract 1", "Contract 3", "Contract 4"]  # by end date
    assert panel["list_url"].endswith(f"?status={ContractStatus.BEHIND}&organisation={haarlem.slug}")
    Contract.objects.filter(organisation=haarlem).update(status=ContractStatus.ON_TRACK)
    assert behind_schedule(broker_haarlem)["count"] == 0 and behind_schedule(broker_haarlem)["first"] == []


def test_figures_export_is_one_table_with_organisation_and_year(world, payments, inkoper_haarlem, login):
    """Three tables stacked under lower-case headers, split by blank lines, the organisation and
    the year only in the file name: a spreadsheet filter could not use it."""
    import io

    import openpyxl

    client = login(inkoper_haarlem)
    rows = csv_rows(client.get(reverse("procurement:figures-export"), {"year": 2025}).content)
    assert rows[0] == ["Onderdeel", "Organisatie", "Jaar", "Periode", "Kostensoort", "Cijfer", "Waarde", "Eenheid",
                       "Basis", "Bron"]
    assert all(len(row) == len(rows[0]) for row in rows)  # no blank separator lines, no second header
    assert {row[1] for row in rows[1:]} == {"Gemeente Haarlem"} and {row[2] for row in rows[1:]} == {"2025"}
    assert {row[0] for row in rows[1:]} == {"Cijfers", "Per maand", "Kostensoorten"}
    response = client.get(reverse("procurement:figures-export"), {"year": 2025, "_export": "xlsx"})
    assert response["Content-Disposition"].endswith('inkoopcijfers-haarlem-2025.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == rows[0] and len(values) == len(rows)
    assert ["Per maand", "Gemeente Haarlem", 2025, "2025-12", None, "Gerealiseerd (geverifieerd)", 750] in [
        row[:7] for row in values]
