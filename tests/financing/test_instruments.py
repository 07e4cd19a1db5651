"""Instrument catalogue and financing mix: pages, forms, API, scoping, constant queries."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from financing.models import FinancingNeed, Instrument, MixComponent
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def loan():
    return Instrument.objects.create(slug="qredits", kind="loan", name="Qredits microfinanciering", provider="Qredits",
                                     amount_min=D("1000"), amount_max=D("50000"))


@pytest.fixture
def crowd():
    return Instrument.objects.create(slug="crowd", kind="crowdfunding", name="Oneplanetcrowd", provider="Oneplanetcrowd",
                                     amount_min=D("50000"), amount_max=None)


@pytest.fixture
def need(enterprise_haarlem, loan, crowd):
    need = FinancingNeed.objects.create(enterprise=enterprise_haarlem, purpose="Tweede werkplaats", amount=D("80000"))
    MixComponent.objects.create(need=need, instrument=loan, amount=D("40000"), status="granted")
    MixComponent.objects.create(need=need, instrument=crowd, amount=D("20000"), status="applied")
    MixComponent.objects.create(need=need, label="Eigen inbreng", amount=D("9000"), status="rejected")
    return need


def test_catalogue_is_public_and_filters_by_kind_and_amount(client, loan, crowd):
    page = client.get(reverse("financing:instrument-list"), {"kind": "crowdfunding"}).content.decode()
    assert "Oneplanetcrowd" in page and "Qredits" not in page
    page = client.get(reverse("financing:instrument-list"), {"amount": "20000"}).content.decode()
    assert "Qredits" in page and "Oneplanetcrowd" not in page
    detail = client.get(reverse("financing:instrument-detail", args=[loan.pk]))
    assert detail.status_code == 200 and "Qredits" in detail.content.decode()


def test_catalogue_empty_state_and_export(client, loan):
    empty = client.get(reverse("financing:instrument-list"), {"q": "bestaatniet"}).content.decode()
    assert "Niets gevonden met deze filters." in empty
    export = client.get(reverse("financing:instrument-list"), {"_export": "csv"})
    assert export.status_code == 200
    assert "Qredits microfinanciering" in export.content.decode()


def test_catalogue_api_is_public_read_only(api, loan):
    response = api().get("/api/v1/financing/instruments/", {"kind": "loan"})
    assert response.status_code == 200
    assert [row["slug"] for row in response.json()["results"]] == ["qredits"]
    assert api().post("/api/v1/financing/instruments/", {"name": "x"}, format="json").status_code in (401, 405)


def test_need_page_shows_coverage_chart_and_table(login, ondernemer_1, need):
    page = login(ondernemer_1).get(reverse("financing:need-detail", args=[need.pk])).content.decode()
    assert 'data-chart="need-chart"' in page and 'id="need-chart"' in page
    assert "doughnut" in page
    assert "40.000,00" in page  # covered (granted)
    assert "20.000,00" in page  # pending
    assert "Afgewezen onderdelen" in page  # rejected named, not counted
    assert 'id="mix-components"' in page


def test_entrepreneur_and_broker_see_own_needs_only(login, need, ondernemer_2, broker_amersfoort, broker_haarlem,
                                                     enterprise_amersfoort):
    other = FinancingNeed.objects.create(enterprise=enterprise_amersfoort, purpose="Bakoven", amount=D("5000"))
    mine = login(ondernemer_2).get(reverse("financing:need-list")).content.decode()
    assert "Bakoven" in mine and "Tweede werkplaats" not in mine
    assert login(ondernemer_2).get(reverse("financing:need-detail", args=[need.pk])).status_code == 404
    haarlem = login(broker_haarlem).get(reverse("financing:need-list")).content.decode()
    assert "Tweede werkplaats" in haarlem and "Bakoven" not in haarlem
    assert login(broker_amersfoort).get(reverse("financing:need-detail", args=[other.pk])).status_code == 200


def test_colleague_and_steering_get_no_needs(login, need, inkoper_haarlem, stuurgroep):
    assert login(inkoper_haarlem).get(reverse("financing:need-list")).status_code == 403
    assert login(stuurgroep).get(reverse("financing:need-detail", args=[need.pk])).status_code == 404


def test_entrepreneur_records_a_need_and_adds_components(login, ondernemer_1, enterprise_haarlem, loan):
    client = login(ondernemer_1)
    response = client.post(reverse("financing:need-create"), {"enterprise": enterprise_haarlem.pk,
                                                              "purpose": "Elektrische bakfiets", "amount": "12000",
                                                              "horizon_months": "6"})
    need = FinancingNeed.objects.get(purpose="Elektrische bakfiets")
    assert response.status_code == 302 and need.created_by == ondernemer_1
    response = client.post(reverse("financing:component-create", args=[need.pk]),
                           {"instrument": loan.pk, "amount": "8000", "status": "granted"})
    assert response.status_code == 302
    response = client.post(reverse("financing:component-create", args=[need.pk]),
                           {"label": "Eigen spaargeld", "amount": "1000", "status": "idea"})
    assert response.status_code == 302
    assert sorted(need.components.values_list("status", flat=True)) == ["granted", "idea"]


def test_need_for_another_enterprise_is_refused_with_a_field_error(login, ondernemer_1, enterprise_amersfoort):
    response = login(ondernemer_1).post(reverse("financing:need-create"), {
        "enterprise": enterprise_amersfoort.pk, "purpose": "Kaping", "amount": "1", "horizon_months": "1"})
    assert response.status_code == 200
    assert response.context["form"].errors["enterprise"]
    assert not FinancingNeed.objects.filter(purpose="Kaping").exists()


@pytest.mark.parametrize("data, field", [
    ({"amount": "0", "status": "idea", "label": "x"}, "amount"),
    ({"amount": "100", "status": "idea"}, "instrument"),
    ({"amount": "abc", "status": "idea", "label": "x"}, "amount"),
    ({"amount": "100", "status": "maybe", "label": "x"}, "status"),
])
def test_bad_component_input_explains_the_error(login, broker_haarlem, need, data, field):
    response = login(broker_haarlem).post(reverse("financing:component-create", args=[need.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert need.components.count() == 3


def test_need_form_refuses_zero_amount_and_long_horizon(login, broker_haarlem, enterprise_haarlem):
    response = login(broker_haarlem).post(reverse("financing:need-create"), {
        "enterprise": enterprise_haarlem.pk, "purpose": "Nul", "amount": "0", "horizon_months": "500"})
    errors = response.context["form"].errors
    assert "amount" in errors and "horizon_months" in errors


def test_component_of_another_municipality_cannot_be_changed(login, broker_amersfoort, need):
    component = need.components.first()
    response = login(broker_amersfoort).post(reverse("financing:component-update", args=[component.pk]),
                                             {"amount": "1", "status": "granted", "label": "x"})
    assert response.status_code == 404
    component.refresh_from_db()
    assert component.amount == D("40000")


def test_need_list_has_constant_queries_and_exports(login, broker_haarlem, haarlem, loan,
                                                    django_assert_max_num_queries):
    for index in range(12):
        enterprise = f.EnterpriseFactory(municipality=haarlem)
        need = FinancingNeed.objects.create(enterprise=enterprise, purpose=f"Doel {index}", amount=D("1000"))
        MixComponent.objects.create(need=need, instrument=loan, amount=D("400"), status="granted")
    client = login(broker_haarlem)
    client.get(reverse("financing:need-list"))  # warm caches (sessions, content types)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("financing:need-list"))
    assert page.status_code == 200 and "Doel 11" in page.content.decode()
    export = client.get(reverse("financing:need-list"), {"_export": "csv"}).content.decode()
    assert "Doel 3" in export and "400" in export


def test_need_list_empty_state(login, ondernemer_1):
    page = login(ondernemer_1).get(reverse("financing:need-list")).content.decode()
    assert "Er zijn nog geen financieringsbehoeften." in page


def test_needs_api_is_scoped_and_carries_the_coverage(api, need, ondernemer_1, ondernemer_2):
    rows = api(ondernemer_1).get("/api/v1/financing/needs/").json()["results"]
    assert [row["id"] for row in rows] == [need.pk]
    cover = rows[0]["coverage"]
    assert (cover["covered"], cover["pending"], cover["rejected"], cover["remaining"]) == (
        "40000.00", "20000.00", "9000.00", "20000.00")
    assert {c["status"] for c in rows[0]["components"]} == {"granted", "applied", "rejected"}
    assert api(ondernemer_2).get("/api/v1/financing/needs/").json()["results"] == []
    assert api(ondernemer_2).get(f"/api/v1/financing/needs/{need.pk}/").status_code == 404
    filtered = api(ondernemer_1).get("/api/v1/financing/needs/", {"status": "idea"}).json()["results"]
    assert filtered == []


def test_entrepreneur_dashboard_panel_shows_their_needs(login, ondernemer_1, need):
    page = login(ondernemer_1).get(reverse("dashboard")).content.decode()
    assert 'id="panel-financing-needs"' in page
    assert "Tweede werkplaats" in page
