"""Filters on one row's key are hidden inputs in a list's filter form, and the panel names the
row the list is narrowed to, only when the user may see that row."""

import django_filters
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from enterprises.filters import ContactMomentFilter
from enterprises.models import ContactMoment, Enterprise
from impactportal import access
from impactportal.ui.key_filters import is_key_filter, key_filters
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def moment(haarlem, enterprise_haarlem, broker_haarlem):
    return ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, kind="conversation",
                                        subject="Kennismaking", owner=broker_haarlem, date=timezone.localdate())


def test_a_key_filter_is_hidden_and_named(login, broker_haarlem, enterprise_haarlem, moment):
    url = reverse("enterprises:contact-list")
    page = login(broker_haarlem).get(url, {"enterprise": enterprise_haarlem.pk, "kind": "conversation", "page": "1"})
    html = page.content.decode()
    assert f'<input type="hidden" name="enterprise" value="{enterprise_haarlem.pk}"' in html
    assert "Onderneming (id)" not in html  # nobody is asked to type a database number
    assert f"Onderneming: <strong>{enterprise_haarlem.name}</strong>" in html
    assert 'href="?kind=conversation"' in html  # dropping it keeps the other filters, not the page


def test_the_panel_does_not_name_a_row_out_of_sight(rf, ondernemer_2, amersfoort):
    hidden = f.EnterpriseFactory(name="Niet voor iedereen BV", municipality=amersfoort, is_published=False)
    request = rf.get("/", {"enterprise": hidden.pk})
    request.user = ondernemer_2
    assert not access.scope(ondernemer_2, Enterprise).filter(pk=hidden.pk).exists()
    (key,) = key_filters(ContactMomentFilter(request.GET, queryset=ContactMoment.objects.all(), request=request), request)
    assert (key.label, key.name, key.without) == ("Onderneming", str(hidden.pk), "")
    request.user = hidden_viewer = f.UserFactory(is_superuser=True)
    assert access.scope(hidden_viewer, Enterprise).filter(pk=hidden.pk).exists()
    (key,) = key_filters(ContactMomentFilter(request.GET, queryset=ContactMoment.objects.all(), request=request), request)
    assert key.name == "Niet voor iedereen BV"


@pytest.mark.parametrize("garbage", ["abc", "-1", "1.5", "²", "99999999999999999999", "9" * 5000])
def test_a_garbage_key_is_refused_or_shown_as_asked(login, broker_haarlem, moment, garbage):
    page = login(broker_haarlem).get(reverse("enterprises:contact-list"), {"enterprise": garbage})
    assert page.status_code in (200, 400)  # the list's own check of its filters may refuse it
    if page.status_code == 200:
        assert f"Onderneming: <strong>{Truncator(garbage).chars(40)}</strong>" in page.content.decode()


def test_key_filters_are_the_exact_filters_on_a_key_or_slug():
    assert is_key_filter(django_filters.NumberFilter(field_name="enterprise_id"))
    assert is_key_filter(django_filters.CharFilter(field_name="programmes__slug"))
    assert not is_key_filter(django_filters.NumberFilter(field_name="enterprise_id", lookup_expr="gte"))
    assert not is_key_filter(django_filters.NumberFilter(field_name="headcount"))
    assert not is_key_filter(django_filters.CharFilter(field_name="enterprise__name", lookup_expr="icontains"))
    assert not is_key_filter(django_filters.ModelChoiceFilter(field_name="enterprise", queryset=ContactMoment.objects.none()))
    assert is_key_filter(ContactMomentFilter.base_filters["enterprise"])


def test_the_api_still_filters_on_the_key(api, broker_haarlem, enterprise_haarlem, moment):
    rows = api(broker_haarlem).get(reverse("contactmoment-list"), {"enterprise": enterprise_haarlem.pk}).json()
    assert [row["id"] for row in rows["results"]] == [moment.pk]
