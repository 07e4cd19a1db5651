"""The register by province: a province's broker had no municipality, so their register opened on
all 342 and offered no way to narrow it to their province (its organisation is not linked to its
municipalities in the data). The filter "Provincie" takes the CBS municipal division
(``impactportal.accounts.provinces``), and a province's broker's register opens on it."""

import pytest

from impactportal.accounts.constants import OrganisationKind
from impactportal.accounts.provinces import municipalities_in, provinces
from tests import factories as f
from tests.pages import text

pytestmark = pytest.mark.django_db


@pytest.fixture
def noord_holland(haarlem, amersfoort):
    """Haarlem (Noord-Holland, by its name), Amersfoort (Utrecht) and Zaanstad (Noord-Holland, by its
    CBS code under another name), each with an enterprise; the province with its broker."""
    zaanstad = f.OrganisationFactory(name="Gemeente Zaanstreek", slug="zaanstad", cbs_code="GM0479")
    for name, municipality in (("Fietsenmakerij Spaarne", haarlem), ("Bakkerij Eem", amersfoort),
                               ("Houtwerf Zaan", zaanstad)):
        f.EnterpriseFactory(name=name, municipality=municipality)
    province = f.OrganisationFactory(name="Provincie Noord-Holland", slug="provincie-noord-holland",
                                     kind=OrganisationKind.PROVINCIE)
    return f.broker(province, "makelaar-provincie")


def names(response):
    return sorted(row.record.name for row in response.context["table"].page.object_list)


def test_the_twelve_provinces_and_their_municipalities(noord_holland, haarlem, amersfoort):
    assert len(provinces()) == 12 and ("noord-holland", "Noord-Holland") in provinces()
    assert sorted(municipalities_in("noord-holland").values_list("slug", flat=True)) == ["haarlem", "zaanstad"]
    assert list(municipalities_in("utrecht").values_list("slug", flat=True)) == ["amersfoort"]
    assert not municipalities_in("atlantis").exists()


def test_a_province_broker_s_register_opens_on_the_province(login, noord_holland):
    client = login(noord_holland)
    response = client.get("/register/")
    assert names(response) == ["Fietsenmakerij Spaarne", "Houtwerf Zaan"]
    html = text(response)
    assert "Ondernemingen in de gemeenten van de provincie Noord-Holland." in html
    assert 'href="?province="' in html
    assert names(client.get("/register/", {"province": ""})) == ["Bakkerij Eem", "Fietsenmakerij Spaarne",
                                                                  "Houtwerf Zaan"]


def test_a_municipal_broker_narrows_to_a_province_by_the_filter(login, noord_holland, broker_haarlem):
    client = login(broker_haarlem)
    assert names(client.get("/register/")) == ["Fietsenmakerij Spaarne"]  # their municipality, as before
    assert names(client.get("/register/", {"province": "utrecht"})) == ["Bakkerij Eem"]
    assert names(client.get("/register/", {"province": "noord-holland", "municipality": ""})) == [
        "Fietsenmakerij Spaarne", "Houtwerf Zaan"]
    response = client.get("/register/", {"province": "atlantis", "municipality": ""})
    assert response.status_code == 200 and "province" in response.context["filter"].form.errors


def test_the_api_filters_on_a_province(api, noord_holland, broker_haarlem):
    rows = api(broker_haarlem).get("/api/v1/enterprises/", {"province": "noord-holland"}).json()["results"]
    assert sorted(row["name"] for row in rows) == ["Fietsenmakerij Spaarne", "Houtwerf Zaan"]
    response = api(broker_haarlem).get("/api/v1/enterprises/", {"province": "atlantis"})
    assert response.status_code == 400 and "province" in response.json()


def test_a_province_broker_s_tile_counts_and_opens_the_province(login, noord_holland):
    client = login(noord_holland)
    html = text(client.get("/dashboard/"))
    assert '<a class="portal-card" href="/register/?province=noord-holland"><span class="portal-figure">2</span>' \
           'ondernemingen in de provincie Noord-Holland</a>' in html
    assert names(client.get("/register/?province=noord-holland")) == ["Fietsenmakerij Spaarne", "Houtwerf Zaan"]
