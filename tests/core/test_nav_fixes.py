"""A first-time user's walk: menu pages that could only ever be empty for the user, links in a list
that led to the 403 page, and procurement's daily lists that no menu offered."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from enterprises.constants import AdmissionMode, Scheme
from enterprises.models import AdmissionRule
from impactportal.ui import navigation
from tests import factories as f

pytestmark = pytest.mark.django_db

ALLOCATIONS = "/ecosysteem/vastgoed/toewijzingen/"
SPACE_REQUESTS = "/ecosysteem/vastgoed/ruimtevragen/"
PAYMENTS = "/inkoop/betalingen/"
REQUEST_MANAGEMENT = "/inkoop/inkoopvragen/beheer/"


def menu_urls(user) -> set[str]:
    urls = set()
    for entry in navigation.items_for(user, "/dashboard/"):
        urls.update(child["url"] for child in entry.get("children", [entry]))
    return urls


def test_real_estate_lists_are_in_the_menu_of_those_whose_access_reaches_their_rows(
        inkoper_haarlem, vastgoed, broker_haarlem, ondernemer_1):
    """The inkoop colleague holds the colleague role of the real-estate grants, but their rows are
    vastgoed's: both pages said "Er zijn nog geen …" while Haarlem had allocations and requests."""
    inkoop = menu_urls(inkoper_haarlem)
    assert ALLOCATIONS not in inkoop and SPACE_REQUESTS not in inkoop
    assert {ALLOCATIONS, SPACE_REQUESTS} <= menu_urls(vastgoed)
    assert {ALLOCATIONS, SPACE_REQUESTS} <= menu_urls(broker_haarlem)
    entrepreneur = menu_urls(ondernemer_1)
    assert SPACE_REQUESTS in entrepreneur and ALLOCATIONS not in entrepreneur
    # The rendered menu is kept per roles: the two colleagues hold the same role, not the same menu.
    with translation.override("nl"):
        assert f'href="{ALLOCATIONS}"' not in navigation.menu_html(inkoper_haarlem, "/dashboard/")
        assert f'href="{ALLOCATIONS}"' in navigation.menu_html(vastgoed, "/dashboard/")


def test_the_empty_tenant_mix_speaks_of_filters_only_when_one_is_set(login, vastgoed):
    client = login(vastgoed)
    page = client.get(reverse("ecosystem:allocation-list")).content.decode()
    assert 'id="tenant-mix-empty"' in page and "met deze filters" not in page
    filtered = client.get(reverse("ecosystem:allocation-list"), {"procedure": "open"}).content.decode()
    assert "Nog geen toewijzingen met deze filters" in filtered


def test_procurement_lists_are_in_the_menu_of_exactly_who_may_use_them(
        broker_haarlem, inkoper_haarlem, vastgoed, ondernemer_1, stuurgroep):
    assert {PAYMENTS, REQUEST_MANAGEMENT} <= menu_urls(broker_haarlem)
    assert {PAYMENTS, REQUEST_MANAGEMENT} <= menu_urls(inkoper_haarlem)
    # The payments belong to inkoop: the real-estate colleague gets their 403 page.
    assert REQUEST_MANAGEMENT in menu_urls(vastgoed) and PAYMENTS not in menu_urls(vastgoed)
    for user in (ondernemer_1, stuurgroep):
        assert not {PAYMENTS, REQUEST_MANAGEMENT} & menu_urls(user)


def test_the_management_page_is_the_one_current_entry_on_its_path(broker_haarlem):
    """``/inkoop/inkoopvragen/beheer/`` lies under the public requests' ``/inkoop/inkoopvragen/``."""
    entries = navigation.items_for(broker_haarlem, REQUEST_MANAGEMENT)
    procurement = next(e for e in entries if str(e["label"]) == "Inkoop")
    assert [child["url"] for child in procurement["children"] if child["current"]] == [REQUEST_MANAGEMENT]


@pytest.mark.parametrize("username", ["broker_haarlem", "inkoper_haarlem", "vastgoed"])
def test_the_menu_offers_these_pages_only_to_users_they_open_for(request, login, username):
    """(The whole menu is walked with the demo data in tests/e2e/test_navigation.py.)"""
    user = request.getfixturevalue(username)
    client = login(user)
    for url in sorted(menu_urls(user) & {ALLOCATIONS, SPACE_REQUESTS, PAYMENTS, REQUEST_MANAGEMENT}):
        assert client.get(url).status_code == 200, url


@pytest.fixture
def rules(haarlem, amersfoort):
    """Haarlem's own rule, and the rule of Oost-Nederland (Amersfoort's region)."""
    oost = f.RegionFactory(name="Oost-Nederland", slug="oost-nederland", members=[amersfoort])
    return (AdmissionRule.objects.create(organisation=haarlem, platform_name="Kennemer Inkoop Platform"),
            AdmissionRule.objects.create(region=oost, platform_name="Impact Oost", mode=AdmissionMode.LABEL,
                                         accepted_schemes=[Scheme.CSO]))


def rule_links(page: str) -> set[str]:
    return set(re.findall(r'href="(/toelatingsregels/\d+/)"', page))


def test_admission_rules_link_only_the_rules_the_reader_may_change(login, rules, broker_haarlem, inkoper_haarlem,
                                                                   vastgoed):
    own, oost = rules
    url = reverse("enterprises:admission-rules")
    page = login(broker_haarlem).get(url).content.decode()
    assert rule_links(page) == {f"/toelatingsregels/{own.pk}/"}
    assert "Oost-Nederland" in page  # the rule still shows, as text
    for colleague in (inkoper_haarlem, vastgoed):  # colleagues read the published rules, change none
        page = login(colleague).get(url).content.decode()
        assert rule_links(page) == set() and "Oost-Nederland" in page and "Gemeente Haarlem" in page
    # Every link the broker is offered opens.
    client = login(broker_haarlem)
    assert all(client.get(link).status_code == 200 for link in rule_links(client.get(url).content.decode()))
    assert rule_links(client.get(url, {"sort": "-owner"}).content.decode()) == {f"/toelatingsregels/{own.pk}/"}


def test_the_admission_rules_export_names_the_owner_as_text(login, rules, broker_haarlem):
    csv = login(broker_haarlem).get(reverse("enterprises:admission-rules"), {"_export": "csv"}).content.decode()
    assert "Oost-Nederland" in csv and "<a " not in csv
