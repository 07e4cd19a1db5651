"""The MKBA API: the stateless calculation (POST /api/v1/financing/mkba/) and stored analyses
(/api/v1/financing/analyses/), scoped by the access module."""


import pytest

from financing.models import MkbaAnalysis

from .mkba_factories import analysis

pytestmark = pytest.mark.django_db

CALC = "/api/v1/financing/mkba/"
ANALYSES = "/api/v1/financing/analyses/"


def body(**kw):
    data = {"indicators": [{"name": "Uit de bijstand", "count": "3", "value_per_case": 1000, "deadweight": "0.1",
                            "attribution": 0, "substitution": "0", "short_term": "1", "medium_term": 0,
                            "long_term": "0"}],
            "costs": "1000", "discount_rate": "0"}
    data.update(kw)
    return data


def test_calculation_shape(api, broker_haarlem):
    response = api(broker_haarlem).post(CALC, body(), format="json")
    assert response.status_code == 200, response.data
    data = response.json()
    assert data["indicators"] == [{"name": "Uit de bijstand", "beneficiary": "", "outcome": "3000.00",
                                   "impact": "2700.00"}]
    assert data["total_outcome"] == "3000.00" and data["total_impact"] == "2700.00"
    assert data["present_value"] == "2700.00" and data["net_present_value"] == "1700.00"
    assert data["benefit_cost_ratio"] == "2.70"
    assert data["yearly_benefits"] == ["900.00"] * 3 + ["0.00"] * 7
    assert data["estimate"] is True and data["kind"] == "quick_scan"


def test_calculation_default_rate_and_zero_costs(api, ondernemer_1):
    response = api(ondernemer_1).post(CALC, {"indicators": [{"name": "x", "count": 1, "value_per_case": 1000,
                                                             "medium_term": 1}]}, format="json")
    assert response.status_code == 200
    assert response.json()["present_value"] == "904.78"
    assert response.json()["benefit_cost_ratio"] is None


def test_calculation_errors_name_the_indicator(api, broker_haarlem):
    data = body()
    data["indicators"].append({"name": "Zorg", "count": "-2", "value_per_case": "1", "deadweight": "0.7",
                               "attribution": "0.4"})
    response = api(broker_haarlem).post(CALC, data, format="json")
    assert response.status_code == 400
    errors = response.json()["indicators"]
    assert errors[0] == {} and set(errors[1]) == {"count", "substitution"}


@pytest.mark.parametrize("payload", [[], "x", {"indicators": None}, {"indicators": [None]},
                                     {"indicators": [{"name": "x", "count": "1e9999", "value_per_case": "NaN"}]},
                                     {"indicators": [{"name": "x", "count": 1, "value_per_case": 1}], "costs": "abc",
                                      "discount_rate": 7}])
def test_calculation_never_fails_with_a_500(api, broker_haarlem, payload):
    response = api(broker_haarlem).post(CALC, payload, format="json")
    assert response.status_code == 400


def test_calculation_needs_a_signed_in_user(api):
    assert api().post(CALC, body(), format="json").status_code == 401
    assert api().get(CALC).status_code == 401


def new_analysis(haarlem, enterprise=None, **kw):
    data = {"organisation": "haarlem", "title": "Schoonmaak", "kind": "full", "costs": "20000",
            "discount_rate": "0.0225", "is_shared": False,
            "indicators": [{"name": "Uit de bijstand", "beneficiary": "social_assistance", "count": "2",
                            "value_per_case": "18000", "deadweight": "0.25", "long_term": "1"}],
            "change_steps": [{"activity": "Baan", "change": "Inkomen", "indicator": "Uit de bijstand"}],
            "assumptions": [{"text": "Uitkering € 18.000", "source": "Kengetal", "status": "estimated",
                             "visibility": "public"}]}
    if enterprise is not None:
        data["enterprise"] = enterprise.pk
    data.update(kw)
    return data


def test_broker_creates_an_analysis_with_figures(api, haarlem, broker_haarlem, enterprise_haarlem):
    response = api(broker_haarlem).post(ANALYSES, new_analysis(haarlem, enterprise_haarlem), format="json")
    assert response.status_code == 201, response.data
    data = response.json()
    stored = MkbaAnalysis.objects.get(pk=data["id"])
    assert stored.created_by == broker_haarlem and stored.indicators.count() == 1
    indicator = stored.indicators.get()
    assert (indicator.short_term, indicator.long_term) == (0, 1)  # timing given: the rest is 0
    figures = data["figures"]
    assert figures["kind"] == "full" and figures["total_outcome"] == {"value": "36000.00", "estimate": True,
                                                                      "kind": "full"}
    assert figures["total_impact"]["value"] == "27000.00"
    assert figures["benefit_cost_ratio"]["estimate"] is True
    assert len(figures["yearly_benefits"]["values"]) == 10
    assert data["change_steps"][0]["activity"] == "Baan"


def test_field_errors_per_indicator_on_create(api, haarlem, broker_haarlem):
    data = new_analysis(haarlem)
    data["indicators"] = [data["indicators"][0], {"name": "Zorg", "count": "1", "value_per_case": "1",
                                                  "deadweight": "0.6", "attribution": "0.6"}]
    response = api(broker_haarlem).post(ANALYSES, data, format="json")
    assert response.status_code == 400
    assert response.json()["indicators"][0] == {} and "substitution" in response.json()["indicators"][1]
    assert not MkbaAnalysis.objects.exists()


def test_no_indicators_is_refused(api, haarlem, broker_haarlem):
    response = api(broker_haarlem).post(ANALYSES, new_analysis(haarlem, indicators=[]), format="json")
    assert response.status_code == 400 and "indicators" in response.json()


def test_other_organisation_and_colleagues_cannot_create(api, haarlem, broker_amersfoort, inkoper_haarlem):
    # Organisations are public: one the caller may not act for is a 403, not a field error.
    assert api(broker_amersfoort).post(ANALYSES, new_analysis(haarlem), format="json").status_code == 403
    assert api(inkoper_haarlem).post(ANALYSES, new_analysis(haarlem), format="json").status_code == 403
    assert not MkbaAnalysis.objects.exists()


def test_update_replaces_the_indicators(api, haarlem, broker_haarlem):
    obj = analysis(haarlem)
    response = api(broker_haarlem).patch(f"{ANALYSES}{obj.pk}/", {"indicators": [
        {"name": "Nieuw", "count": "4", "value_per_case": "100"}]}, format="json")
    assert response.status_code == 200, response.data
    assert list(obj.indicators.values_list("name", flat=True)) == ["Nieuw"]
    assert response.json()["figures"]["total_outcome"]["value"] == "400.00"
    assert obj.change_steps.count() == 1  # not given: kept


def test_scope(api, haarlem, amersfoort, broker_haarlem, broker_amersfoort, inkoper_haarlem, ondernemer_1,
               ondernemer_2, stuurgroep, enterprise_haarlem):
    obj = analysis(haarlem, enterprise=enterprise_haarlem)
    url = f"{ANALYSES}{obj.pk}/"
    assert api(broker_amersfoort).get(url).status_code == 404
    assert api(stuurgroep).get(url).status_code == 404
    assert api(ondernemer_1).get(url).status_code == 404  # not shared yet
    assert api(inkoper_haarlem).get(url).status_code == 200
    assert api(inkoper_haarlem).patch(url, {"title": "x"}, format="json").status_code == 403
    assert api(broker_amersfoort).delete(url).status_code == 404
    obj.is_shared = True
    obj.save()
    response = api(ondernemer_1).get(url)
    assert response.status_code == 200
    assert [a["text"] for a in response.json()["assumptions"]] == ["Openbare aanname"]  # no confidential one
    assert api(ondernemer_1).patch(url, {"title": "x"}, format="json").status_code == 403
    assert api(ondernemer_2).get(url).status_code == 404
    colleague = api(inkoper_haarlem).get(url).json()
    assert len(colleague["assumptions"]) == 2
    assert api(broker_haarlem).delete(url).status_code == 204
    assert not MkbaAnalysis.objects.exists()


def test_list_is_scoped_with_constant_queries(api, haarlem, amersfoort, broker_haarlem,
                                              django_assert_max_num_queries):
    for index in range(3):
        analysis(haarlem, title=f"Analyse {index}")
    analysis(amersfoort, title="Van Amersfoort")
    client = api(broker_haarlem)
    with django_assert_max_num_queries(8):
        response = client.get(ANALYSES)
    assert response.status_code == 200
    titles = {row["title"] for row in response.json()["results"]}
    assert titles == {"Analyse 0", "Analyse 1", "Analyse 2"}
    for index in range(3, 8):
        analysis(haarlem, title=f"Analyse {index}")
    with django_assert_max_num_queries(8):
        assert client.get(ANALYSES).json()["count"] == 8
