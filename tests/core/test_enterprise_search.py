"""Enterprise pickers at national scale (100,000 enterprises): every form that picks an enterprise
offers a search box with suggestions (``enterprises.search_field``), never a select of the
register; the suggestions and the form's validation read the same scoped enterprises; the admin
picks enterprises, properties and users through search or id boxes and lists without a query per row."""

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enterprises.constants import AdmissionStatus
from enterprises.models import ContactMoment
from financing.models import FinancingNeed, ImpactFund, Investment, MkbaAnalysis, OutcomeContract
from tests import factories as f

from ..financing import outcome_factories as of
from ..financing.mkba_factories import analysis
from ..financing.test_mkba_views import form_data as mkba_data

pytestmark = pytest.mark.django_db

MANY = 30


def suggestions_url():
    return reverse("enterprises:suggestions")


@pytest.fixture
def many(haarlem):
    """30 admitted enterprises of Haarlem: in scope of every picker for Haarlem's broker."""
    return [f.EnterpriseFactory(name=f"Zoekbedrijf {i:02d}", municipality=haarlem,
                                admission_status=AdmissionStatus.ADMITTED) for i in range(MANY)]


@pytest.fixture
def fund(haarlem, region):
    return ImpactFund.objects.create(name="SIF Zuid-Kennemerland", organisation=haarlem, region=region)


def enterprise_options(html: str) -> int:
    """How many ``<option>``s of the page name one of the 30 enterprises."""
    return sum("Zoekbedrijf" in label for label in re.findall(r"<option[^>]*>([^<]*)</option>", html))


def assert_search_box(html: str, name: str, purpose: str):
    assert enterprise_options(html) == 0, "the enterprises are offered in a select"
    box = re.search(rf'<input type="text" name="{name}"[^>]*>', html)
    assert box, f"no search box {name}"
    assert f'list="id_{name}-suggestions"' in box.group(0) and f"purpose={purpose}" in box.group(0)
    assert f'<datalist id="id_{name}-suggestions"></datalist>' in html
    assert f'<label class="utrecht-form-label" for="id_{name}">' in html  # the label names the box


# --- (a) no select of the register ---------------------------------------------------------


def test_outcome_contract_forms_offer_a_search_box(login, broker_haarlem, haarlem, many):
    client = login(broker_haarlem)
    assert_search_box(client.get(reverse("financing:outcome-contract-create")).content.decode(), "provider",
                      "outcome-provider")
    contract = of.contract(haarlem, many[3])
    html = client.get(reverse("financing:outcome-contract-update", args=[contract.pk])).content.decode()
    assert_search_box(html, "provider", "outcome-provider")
    assert f'value="{many[3].kvk_number} Zoekbedrijf 03"' in html  # the stored provider, as a suggestion reads


def test_mkba_forms_offer_a_search_box(login, broker_haarlem, haarlem, many):
    client = login(broker_haarlem)
    assert_search_box(client.get(reverse("financing:mkba-create")).content.decode(), "enterprise", "mkba")
    stored = analysis(haarlem, enterprise=many[5])
    html = client.get(reverse("financing:mkba-update", args=[stored.pk])).content.decode()
    assert_search_box(html, "enterprise", "mkba")
    assert f'value="{many[5].kvk_number} Zoekbedrijf 05"' in html


def test_investment_form_offers_a_search_box(login, broker_haarlem, fund, many):
    html = login(broker_haarlem).get(reverse("financing:investment-create", args=[fund.pk])).content.decode()
    assert_search_box(html, "enterprise", "investment")


def test_need_and_space_request_forms_offer_a_search_box_also_to_the_superuser(login, broker_haarlem, admin_user,
                                                                              many):
    for user in (broker_haarlem, admin_user):
        client = login(user)
        assert_search_box(client.get(reverse("financing:need-create")).content.decode(), "enterprise", "need")
        assert_search_box(client.get(reverse("ecosystem:space-request-create")).content.decode(), "enterprise",
                          "space-request")


def test_an_entrepreneur_with_one_enterprise_finds_it_filled_in(login, ondernemer_1, enterprise_haarlem, many):
    client = login(ondernemer_1)
    label = f'value="{enterprise_haarlem.kvk_number} {enterprise_haarlem.name}"'
    assert label in client.get(reverse("financing:need-create")).content.decode()
    assert label in client.get(reverse("ecosystem:space-request-create")).content.decode()


# --- (b) the suggestions: in scope only, 403/404 for others -------------------------------------


def suggest(client, purpose, q, **extra):
    return client.get(suggestions_url(), {"purpose": purpose, "q": q, **extra})


@pytest.mark.parametrize("purpose", ["supplier", "outcome-provider", "mkba", "investment", "need", "space-request"])
def test_suggestions_give_the_enterprises_in_scope(login, broker_haarlem, many, purpose):
    response = suggest(login(broker_haarlem), purpose, "Zoekbedrijf")
    assert response.status_code == 200
    options = re.findall(r'<option value="(\d{8}) ([^"]*)">', response.content.decode())
    assert len(options) == 10 and all(name.startswith("Zoekbedrijf") for _kvk, name in options)  # ten at most
    found = suggest(login(broker_haarlem), purpose, many[7].kvk_number[:6]).content.decode()
    assert f"{many[7].kvk_number} Zoekbedrijf 07" in found


def test_suggestions_leave_out_what_the_form_refuses(login, broker_haarlem, ondernemer_1, amersfoort,
                                                     enterprise_haarlem, many):
    elsewhere = f.EnterpriseFactory(name="Zoekbedrijf Amersfoort", municipality=amersfoort,
                                    admission_status=AdmissionStatus.REJECTED)
    client = login(broker_haarlem)
    for purpose in ("need", "space-request", "mkba", "seller"):  # own municipality / admitted only
        assert "Zoekbedrijf Amersfoort" not in suggest(client, purpose, "Zoekbedrijf Am").content.decode(), purpose
    for purpose in ("supplier", "outcome-provider", "investment"):  # the shared register
        assert "Zoekbedrijf Amersfoort" in suggest(client, purpose, "Zoekbedrijf Am").content.decode(), purpose
    client = login(ondernemer_1)
    for purpose in ("need", "space-request"):  # an entrepreneur: their own enterprise only
        assert "Zoekbedrijf" not in suggest(client, purpose, "Zoekbedrijf").content.decode()
        assert enterprise_haarlem.name in suggest(client, purpose, enterprise_haarlem.name[:5]).content.decode()
    assert elsewhere.pk


@pytest.mark.parametrize(("actor", "purpose"), [
    ("ondernemer_1", "outcome-provider"), ("ondernemer_1", "mkba"), ("ondernemer_1", "investment"),
    ("inkoper_haarlem", "need"), ("inkoper_haarlem", "space-request"), ("stuurgroep", "mkba"),
    ("stuurgroep", "investment"), ("partner_haarlem", "outcome-provider"),
])
def test_suggestions_are_refused_to_roles_without_the_form(request, login, many, actor, purpose):
    response = suggest(login(request.getfixturevalue(actor)), purpose, "Zoekbedrijf")
    assert response.status_code == 403
    assert "<option" not in response.content.decode()


def test_suggestions_need_a_known_purpose_and_a_login(client, login, broker_haarlem, many):
    assert suggest(client, "need", "Zoekbedrijf").status_code == 302
    assert suggest(login(broker_haarlem), "everything", "Zoekbedrijf").status_code == 404
    assert login(broker_haarlem).get(suggestions_url()).status_code == 404
    assert suggest(login(broker_haarlem), "need", "Zoekbedrijf", field="purpose").status_code == 200
    # The box sends its text under its own name (the form's prefix included).
    response = login(broker_haarlem).get(suggestions_url(), {"purpose": "need", "field": "x-enterprise",
                                                             "x-enterprise": "Zoekbedrijf 1"})
    assert response.content.decode().count("<option") == 10


# --- (c) a pk outside the scope: the field's error ------------------------------------------


def test_need_for_an_enterprise_of_another_municipality_is_a_field_error(login, broker_haarlem,
                                                                         enterprise_amersfoort, many):
    data = {"purpose": "Kaping", "amount": "1", "horizon_months": "1"}
    for enterprise in (enterprise_amersfoort.pk, 999999, enterprise_amersfoort.kvk_number, enterprise_amersfoort.name):
        response = login(broker_haarlem).post(reverse("financing:need-create"), {**data, "enterprise": enterprise})
        assert response.status_code == 200
        # A well-formed KvK number hears that it is not among the choices (not "8 digits", which it is).
        expected = "hoort niet bij de ondernemingen die u hier kunt kiezen" \
            if enterprise == enterprise_amersfoort.kvk_number else "Kies een onderneming uit de suggesties"
        assert expected in str(response.context["form"].errors["enterprise"])
        assert enterprise_amersfoort.name not in response.content.decode().split("<main", 1)[1].replace(
            f'value="{enterprise_amersfoort.name}"', "")  # no word about the other enterprise but what was typed
    assert not FinancingNeed.objects.exists()


def test_typed_digits_are_never_read_as_an_id(login, broker_haarlem, many):
    """A person typing "12" meant a KvK number or a name, not enterprise number 12."""
    client = login(broker_haarlem)
    data = {"purpose": "Werkplaats", "amount": "1000", "horizon_months": "6"}
    response = client.post(reverse("financing:need-create"), {**data, "enterprise": str(many[0].pk),
                                                              "enterprise__typed": "1"})
    assert response.status_code == 200 and response.context["form"].errors["enterprise"]
    for typed in (f"{many[0].kvk_number} {many[0].name}", many[0].kvk_number, many[0].name.lower()):
        response = client.post(reverse("financing:need-create"), {**data, "enterprise": typed,
                                                                  "enterprise__typed": "1"})
        assert response.status_code == 302, typed
    assert FinancingNeed.objects.filter(enterprise=many[0]).count() == 3


def test_space_request_for_another_municipality_is_a_field_error(login, broker_haarlem, enterprise_amersfoort):
    response = login(broker_haarlem).post(reverse("ecosystem:space-request-create"), {
        "enterprise": enterprise_amersfoort.pk, "min_area": "50", "max_area": "100", "property_type": "workshop",
        "budget": "800", "area": "Centrum", "start_date": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        "purpose": "Werkplaats"})
    assert response.status_code == 200 and response.context["form"].errors["enterprise"]


def test_outcome_contract_and_investment_refuse_an_unknown_provider(login, broker_haarlem, haarlem, fund,
                                                                    enterprise_haarlem):
    client = login(broker_haarlem)
    response = client.post(reverse("financing:outcome-contract-create"), {
        "organisation": haarlem.pk, "title": "X", "provider": "999999", "start_date": "2025-01-01",
        "end_date": "2026-01-01", "maximum": "1000", "maximum_status": "estimated"})
    assert response.status_code == 200 and response.context["form"].errors["provider"]
    assert not OutcomeContract.objects.exists()
    response = client.post(reverse("financing:investment-create", args=[fund.pk]), {
        "enterprise": "999999", "kind": "loan", "amount": "1000", "date": "2025-01-15"})
    assert response.status_code == 400 or response.context["form"].errors["enterprise"]
    assert not Investment.objects.exists()
    response = client.post(reverse("financing:investment-create", args=[fund.pk]), {
        "enterprise": enterprise_haarlem.kvk_number, "kind": "loan", "amount": "1000", "date": "2025-01-15"})
    assert response.status_code == 302 and Investment.objects.get().enterprise == enterprise_haarlem


def test_mkba_refuses_another_municipalitys_rejected_registrant(login, broker_amersfoort, amersfoort, haarlem):
    rejected = f.EnterpriseFactory(name="Afgewezen Haarlem", municipality=haarlem,
                                   admission_status=AdmissionStatus.REJECTED)
    response = login(broker_amersfoort).post(reverse("financing:mkba-create"),
                                             mkba_data(organisation=amersfoort.pk, enterprise=rejected.pk))
    assert response.status_code == 400
    assert "Kies een onderneming uit de suggesties" in response.content.decode()
    assert not MkbaAnalysis.objects.exists()


# --- (d) the admin ----------------------------------------------------------------------------


def changelist_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_admin_lists_of_contributions_and_contact_moments_take_constant_queries(admin_client, admin_user, haarlem,
                                                                                 programme, enterprise_haarlem):
    from ecosystem.models import Party
    from monitoring.models import Contribution

    def add(start, end):
        for i in range(start, end):
            party = Party.objects.create(name=f"Partij {i}", category="business")
            Contribution.objects.create(programme=programme, party=party, year=2025, money=D("100"))
            ContactMoment.objects.create(organisation=haarlem, enterprise=enterprise_haarlem, subject=f"Gesprek {i}",
                                         owner=admin_user if i % 2 else None)

    urls = (reverse("admin:monitoring_contribution_changelist"), reverse("admin:enterprises_contactmoment_changelist"))
    add(0, 3)
    few = [changelist_queries(admin_client, url) for url in urls]
    add(3, 15)
    assert [changelist_queries(admin_client, url) for url in urls] == few


def test_admin_pickers_of_big_tables_are_search_or_id_boxes(admin_client, admin_user, haarlem, many):
    """No admin form lists the register (or every property, or every user) in a select."""
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from ecosystem.models import Property
    from enterprises.models import Enterprise
    from procurement.models import Contract

    big = {Enterprise, Property, Contract, get_user_model()}
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    missing = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_change_permission(request):
            continue  # read-only (the audit log)
        handled = set(model_admin.raw_id_fields) | set(model_admin.autocomplete_fields) | set(
            model_admin.readonly_fields)
        missing += [f"{model._meta.label}.{field.name}" for field in model._meta.get_fields()
                    if (field.many_to_one or field.many_to_many) and field.concrete and field.editable
                    and field.related_model in big and field.name not in handled]
    assert missing == []
    for url in (reverse("admin:ecosystem_event_add"), reverse("admin:ecosystem_party_add"),
                reverse("admin:ecosystem_propertyphoto_add"), reverse("admin:ecosystem_propertyresponse_add"),
                reverse("admin:monitoring_reportrequest_add")):
        html = admin_client.get(url).content.decode()
        assert enterprise_options(html) == 0, url

