"""The public showcase: admitted, published enterprises only; search and filters; valid
certificates only."""

import pytest
from django.urls import reverse

from enterprises.constants import AdmissionStatus, CertificationStatus, Scheme
from enterprises.models import ImpactTheme, Offering, OfferingCategory
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(haarlem, amersfoort, showcase_enterprise, make_cert):
    showcase_enterprise.themes.set([ImpactTheme.objects.get(slug="voedsel")])
    showcase_enterprise.sdgs.set([2])
    Offering.objects.create(enterprise=showcase_enterprise, name="Koffie voor kantoren",
                            category=OfferingCategory.objects.get(slug="catering"), price_indication="Op aanvraag")
    make_cert(showcase_enterprise, Scheme.PSO_30, days=200, number="PSO30-ZICHTBAAR")
    make_cert(showcase_enterprise, Scheme.CSO, days=-5, number="CSO-VERLOPEN", status=CertificationStatus.EXPIRED)
    make_cert(showcase_enterprise, Scheme.B_CORP, days=300, number="BC-ONGECONTROLEERD",
              status=CertificationStatus.UNVERIFIED, verified_at=None)
    other = f.EnterpriseFactory(name="Groen Amersfoort", municipality=amersfoort, is_published=True,
                                admission_status=AdmissionStatus.ADMITTED)
    other.themes.set([ImpactTheme.objects.get(slug="circulaire-economie")])
    hidden = {
        "unpublished": f.EnterpriseFactory(name="Niet Gepubliceerd", municipality=haarlem,
                                           admission_status=AdmissionStatus.ADMITTED),
        "applied": f.EnterpriseFactory(name="Nog Aangevraagd", municipality=haarlem, is_published=True,
                                       admission_status=AdmissionStatus.APPLIED),
    }
    return {"shown": showcase_enterprise, "other": other, **hidden}


def names(response):
    return response.content.decode()


def test_anonymous_sees_only_admitted_published(client, catalogue):
    page = names(client.get(reverse("etalage")))
    assert "Koffiebranderij Etalage" in page and "Groen Amersfoort" in page
    assert "Niet Gepubliceerd" not in page and "Nog Aangevraagd" not in page
    assert 'id="showcase-search"' in page and 'for="id_q"' in page


@pytest.mark.parametrize(
    "query, shown, hidden",
    [
        ({"q": "koffie"}, "Koffiebranderij", "Groen Amersfoort"),
        ({"theme": "circulaire-economie"}, "Groen Amersfoort", "Koffiebranderij"),
        ({"sdg": "2"}, "Koffiebranderij", "Groen Amersfoort"),
        ({"municipality": "amersfoort"}, "Groen Amersfoort", "Koffiebranderij"),
        ({"category": "catering"}, "Koffiebranderij", "Groen Amersfoort"),
        ({"certification": "pso_30"}, "Koffiebranderij", "Groen Amersfoort"),
    ],
)
def test_search_and_filters(client, catalogue, query, shown, hidden):
    page = names(client.get(reverse("etalage"), query))
    assert shown in page and hidden not in page


def test_certificate_filter_ignores_expired_and_unverified(client, catalogue):
    for scheme in ("cso", "b_corp"):
        assert "Koffiebranderij" not in names(client.get(reverse("etalage"), {"certification": scheme}))


def test_bad_filter_values_give_an_empty_result_not_an_error(client, catalogue):
    response = client.get(reverse("etalage"), {"sdg": "99", "theme": "onzin", "page": "x"})
    assert response.status_code == 200 and "Koffiebranderij" not in names(response)


def test_htmx_returns_only_the_results(client, catalogue):
    response = client.get(reverse("etalage"), {"q": "koffie"}, HTTP_HX_REQUEST="true")
    assert "<html" not in names(response) and "Koffiebranderij" in names(response)


def test_enterprise_page_shows_offerings_and_valid_certificates_only(client, catalogue):
    page = names(client.get(reverse("enterprises:showcase-detail", args=[catalogue["shown"].pk])))
    assert "Koffie voor kantoren" in page and "Op aanvraag" in page
    assert "PSO30-ZICHTBAAR" in page
    assert "CSO-VERLOPEN" not in page and "BC-ONGECONTROLEERD" not in page


@pytest.mark.parametrize("key", ["unpublished", "applied"])
def test_enterprise_page_outside_showcase_is_404_even_for_brokers(client, login, broker_haarlem, catalogue, key):
    url = reverse("enterprises:showcase-detail", args=[catalogue[key].pk])
    assert client.get(url).status_code == 404
    assert login(broker_haarlem).get(url).status_code == 404


def test_sdg_names_follow_the_language(db):
    from django.utils import translation

    from enterprises.models import Sdg

    goal = Sdg.objects.get(number=2)
    with translation.override("nl"):
        assert str(goal) == "2. Geen honger"
    with translation.override("en"):
        assert str(goal) == "2. Zero hunger"


def test_anonymous_showcase_runs_eight_queries_whatever_the_page_holds(client, haarlem, make_cert,
                                                                       django_assert_num_queries):
    """Count, page, themes, certificates; the filter choices (theme, SDG, municipality, category)
    on the first visit only, then from the cache (``cache_choices_of``)."""
    def add(count):
        for _ in range(count):
            enterprise = f.EnterpriseFactory(municipality=haarlem, is_published=True,
                                             admission_status=AdmissionStatus.ADMITTED)
            enterprise.themes.set([ImpactTheme.objects.get(slug="voedsel")])
            make_cert(enterprise, Scheme.PSO_30, days=100)

    add(3)
    with django_assert_num_queries(8):
        assert "3 ondernemingen gevonden" in names(client.get(reverse("etalage")))
    with django_assert_num_queries(4):
        assert "3 ondernemingen gevonden" in names(client.get(reverse("etalage")))
    add(30)
    with django_assert_num_queries(4):
        page = names(client.get(reverse("etalage")))
    assert "33 ondernemingen gevonden" in page and "Pagina 1 van 2" in page
    assert 'href="?theme=voedsel&amp;page=2#showcase-results-count"' in names(client.get(reverse("etalage"), {"theme": "voedsel"}))


@pytest.mark.django_db
def test_managed_lists_show_their_english_names_on_english_pages(client):
    from django.utils import translation

    from enterprises.models import ImpactTheme, OfferingCategory

    theme = ImpactTheme.objects.get(slug="circulaire-economie")
    category = OfferingCategory.objects.get(slug="catering")
    with translation.override("en"):
        assert (str(theme), str(category)) == ("Circular economy", "Catering and hospitality")
    with translation.override("nl"):
        assert (str(theme), str(category)) == ("Circulaire economie", "Catering en horeca")
    added = ImpactTheme.objects.create(slug="nieuw", name="Nieuw thema")  # no English name yet: the Dutch one
    with translation.override("en"):
        assert str(added) == "Nieuw thema"
