"""The API's filter backend skips the FilterSet when a request names none of its filters, and only
then (impactportal/api/filter_backends.py)."""

import django_filters
import pytest

from enterprises.filters import EnterpriseFilter
from impactportal.api.filter_backends import names_a_filter

URL = "/api/v1/enterprises/"


@pytest.fixture
def filtersets(monkeypatch):
    """The EnterpriseFilters the requests build."""
    built = []
    original = EnterpriseFilter.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(EnterpriseFilter, "__init__", counting)
    return built


def names(response):
    return sorted(row["name"] for row in response.json()["results"])


@pytest.mark.django_db
def test_a_list_without_filters_builds_no_filterset_and_lists_every_visible_row(
        api, broker_haarlem, enterprise_haarlem, enterprise_amersfoort, filtersets):
    response = api(broker_haarlem).get(URL, {"page": 1, "page_size": 10, "ordering": "-name"})
    assert response.status_code == 200
    assert filtersets == []
    assert names(response) == sorted([enterprise_haarlem.name, enterprise_amersfoort.name])
    assert response.json()["results"][0]["name"] == max(enterprise_haarlem.name, enterprise_amersfoort.name)


@pytest.mark.django_db
def test_a_filter_in_the_query_string_still_filters(api, broker_haarlem, enterprise_haarlem, enterprise_amersfoort,
                                                    filtersets):
    response = api(broker_haarlem).get(URL, {"municipality": enterprise_amersfoort.municipality.slug})
    assert response.status_code == 200
    assert len(filtersets) == 1
    assert names(response) == [enterprise_amersfoort.name]


@pytest.mark.django_db
def test_a_bad_filter_value_is_still_a_field_error(api, broker_haarlem, enterprise_haarlem):
    response = api(broker_haarlem).get(URL, {"stage": "no-such-stage"})
    assert response.status_code == 400
    assert "stage" in response.json()


def test_which_parameters_name_a_filter():
    assert not names_a_filter(EnterpriseFilter, {"page": "2", "page_size": "5", "ordering": "name", "format": "json"})
    assert names_a_filter(EnterpriseFilter, {"q": "bakkerij"})
    assert names_a_filter(EnterpriseFilter, {"stage": ""})  # empty, but django-filter decides what it means

    class Founded(django_filters.FilterSet):
        founded = django_filters.RangeFilter()

    assert names_a_filter(Founded, {"founded_min": "2000"})  # a range filter's own suffixes
    assert not names_a_filter(Founded, {"page": "1"})


def test_a_filterset_with_its_own_filtering_always_takes_django_filters_path():
    class OwnFiltering(django_filters.FilterSet):
        def filter_queryset(self, queryset):
            return queryset.none()

    class OwnQs(django_filters.FilterSet):
        @property
        def qs(self):
            return super().qs.none()

    assert names_a_filter(OwnFiltering, {})
    assert names_a_filter(OwnQs, {})
