"""API lists: ``?ordering=`` never sorts by a to-many relation (a region once per member, another
on no page), the filters a client expects on answers, realisations, responses, allocations and
mandates (each within the caller's scope), and the cursor's error as a full sentence."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import models
from django.utils import timezone

from brokers.models import Answer, Mandate
from ecosystem.models import Allocation
from impactportal.access import crosses_many
from impactportal.accounts.models import Region
from impactportal.api.filter_backends import OrderingFilter, sortable
from impactportal.api.pagination import PageNumberPagination
from impactportal.api.urls import router
from tests import factories as f
from tests.procurement import builders_requests as br
from tests.procurement import factories as pf


def list_views():
    """Every registered list view whose rows come from a model, as a view instance for a list."""
    for prefix, viewset, _basename in router.registry:
        queryset = getattr(viewset, "queryset", None)
        if queryset is None or not hasattr(viewset, "list"):
            continue
        view = viewset()
        view.request, view.format_kwarg, view.action, view.kwargs = None, None, "list", {}
        yield prefix, view, queryset


def stored_path(model, path: str) -> bool:
    """``path`` names a column of ``model`` or of a record it points to (checked apart from
    ``sortable``): no to-many step, no JSON list, every step a concrete field."""
    if path == "pk":
        return True
    if crosses_many(model, path):
        return False
    current = model
    for part in path.split("__"):
        field = current._meta.get_field(part)  # raises for a property or method: no column
        if not field.concrete or isinstance(field, models.JSONField):
            return False
        current = field.related_model
    return True


def test_no_registered_list_sorts_by_a_to_many_relation_or_what_is_no_column():
    backend = OrderingFilter()
    checked = 0
    for prefix, view, queryset in list_views():
        if OrderingFilter not in [type(b) for b in (b() for b in view.filter_backends)]:
            continue
        names = [name for name, _label in backend.get_valid_fields(queryset, view, {"request": None})]
        for name in names:
            assert name in queryset.query.annotations or stored_path(queryset.model, name), (prefix, name)
        # What the schema advertises is what the backend allows.
        parameters = backend.get_schema_operation_parameters(view)
        text = " ".join(p.get("description", "") for p in parameters)
        for bad in ("members", "phases", "tracks", "accepted_schemes", "body", "author"):
            assert f"`{bad}`" not in text, (prefix, bad)
        checked += 1
    assert checked > 30


def test_the_backend_refuses_to_many_paths_even_when_a_view_lists_them():
    class View:
        ordering_fields = ["name", "members", "members__name", "slug", "programmes"]

    names = [name for name, _ in OrderingFilter().get_valid_fields(Region.objects.all(), View(), {})]
    assert names == ["name", "slug"]
    assert sortable(Mandate, "team__organisation__name") and not sortable(Mandate, "team__members")
    assert not sortable(Region, "no_such_field")


def test_every_paged_list_pages_with_the_id_as_tie_breaker():
    """The project's page-number pagination adds the id to every ordering (``stable``); a list with
    another pagination class would lose that."""
    for prefix, view, _queryset in list_views():
        if view.pagination_class is not None:
            assert issubclass(view.pagination_class, PageNumberPagination), prefix


@pytest.mark.django_db
def test_regions_sorted_by_members_are_refused_and_each_listed_once(api, broker_haarlem, haarlem, amersfoort):
    # The review's case: sorted by member, the join listed region B once per member and the page
    # (as long as the count of regions) ended before region A, whose member sorts last. Members
    # are no sort key: the request is refused with the names that are (it was dropped silently).
    first = Region.objects.create(name="Regio A", slug="regio-a")
    first.members.add(f.OrganisationFactory(name="Zandvoort", slug="zandvoort"))
    second = Region.objects.create(name="Regio B", slug="regio-b")
    second.members.add(haarlem, amersfoort)
    client = api(broker_haarlem)
    for ordering in ("members", "-members"):
        refused = client.get("/api/v1/regions/", {"ordering": ordering})
        assert refused.status_code == 400
        assert "members" in refused.json()["ordering"][0] and "name" in refused.json()["ordering"][0]
    everything = client.get("/api/v1/regions/").json()
    slugs = [row["slug"] for row in everything["results"]]
    assert len(slugs) == len(set(slugs)) == everything["count"]
    assert {"regio-a", "regio-b"} <= set(slugs)
    paged = [row["slug"] for page in range(1, everything["count"] + 1)
             for row in client.get("/api/v1/regions/", {"ordering": "-name", "page_size": 1,
                                                         "page": page}).json()["results"]]
    assert paged == sorted(slugs, reverse=True)


# --- filters ---------------------------------------------------------------------------------


def ids(response):
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


@pytest.mark.django_db
def test_answers_filter_on_module_question_and_organisation(api, broker_haarlem, haarlem, amersfoort):
    edition = f.toolbox_edition()
    vision, other = f.toolbox_question("vision", edition), None
    other = type(vision).objects.filter(module__edition=edition).exclude(module=vision.module).first()
    mine = Answer.objects.create(organisation=haarlem, question=vision, value="x")
    mine_other = Answer.objects.create(organisation=haarlem, question=other, value="y")
    theirs = Answer.objects.create(organisation=amersfoort, question=vision, value="z")
    client = api(broker_haarlem)
    url = "/api/v1/toolbox/answers/"
    assert ids(client.get(url)) == sorted([mine.pk, mine_other.pk])
    assert ids(client.get(url, {"module": vision.module.number})) == [mine.pk]
    assert ids(client.get(url, {"question": other.pk})) == [mine_other.pk]
    assert ids(client.get(url, {"organisation": haarlem.slug})) == sorted([mine.pk, mine_other.pk])
    # Outside the scope: another organisation is no choice (400, as every organisation filter),
    # and a question filter never reaches another organisation's answer.
    assert client.get(url, {"organisation": amersfoort.slug}).status_code == 400
    assert theirs.pk not in ids(client.get(url, {"question": vision.pk}))


@pytest.mark.django_db
def test_realisations_filter_on_contract_and_organisation(api, broker_haarlem, broker_amersfoort, haarlem, amersfoort,
                                                          region):
    pf.rule_set(region=region, name="Regeling ZKIJ")
    first = pf.contract(organisation=haarlem, by=broker_haarlem, title="Eerste")
    second = pf.contract(organisation=haarlem, by=broker_haarlem, title="Tweede")
    pf.rule_set(organisation=amersfoort, name="Regeling Amersfoort")
    elsewhere = pf.contract(organisation=amersfoort, by=broker_amersfoort, title="Elders")
    one = pf.realisation(first, by=broker_haarlem)
    two = pf.realisation(second, by=broker_haarlem)
    pf.realisation(elsewhere, by=broker_amersfoort)
    client = api(broker_haarlem)
    url = "/api/v1/procurement/realisations/"
    assert ids(client.get(url, {"contract": first.pk})) == [one.pk]
    assert ids(client.get(url, {"contract": second.pk})) == [two.pk]
    assert ids(client.get(url, {"organisation": haarlem.slug})) == sorted([one.pk, two.pk])
    assert ids(client.get(url, {"contract": elsewhere.pk})) == []  # outside the scope: nothing
    assert client.get(url, {"organisation": amersfoort.slug}).status_code == 400


@pytest.mark.django_db
def test_responses_filter_on_enterprise(api, broker_haarlem, haarlem, enterprise_haarlem, enterprise_amersfoort):
    request = br.purchase_request(haarlem)
    from_haarlem = br.response(request, enterprise_haarlem, attachment=False)
    from_amersfoort = br.response(request, enterprise_amersfoort, attachment=False)
    client = api(broker_haarlem)
    url = "/api/v1/procurement/responses/"
    assert ids(client.get(url)) == sorted([from_haarlem.pk, from_amersfoort.pk])
    assert ids(client.get(url, {"enterprise": enterprise_amersfoort.pk})) == [from_amersfoort.pk]
    # The entrepreneur sees their own responses only, whatever enterprise they name.
    entrepreneur = f.entrepreneur(enterprise_haarlem, "ondernemer-filter")
    assert ids(api(entrepreneur).get(url, {"enterprise": enterprise_amersfoort.pk})) == []


def allocate(org, prop, space_request):
    today = timezone.localdate()
    return Allocation.objects.create(organisation=org, property=prop, space_request=space_request, rent=D(1),
                                     market_rent=D(2), start_date=today, procedure="open", procedure_reference="R",
                                     publication_date=today, candidates=2)


@pytest.mark.django_db
def test_allocations_filter_on_property_and_space_request(api, broker_haarlem, haarlem, amersfoort,
                                                          enterprise_haarlem, enterprise_amersfoort):
    first = allocate(haarlem, f.property_of(haarlem), f.space_request_of(enterprise_haarlem))
    second = allocate(haarlem, f.property_of(haarlem, name="Tweede pand"),
                      f.space_request_of(enterprise_haarlem, purpose="Tweede"))
    theirs = allocate(amersfoort, f.property_of(amersfoort), f.space_request_of(enterprise_amersfoort))
    client = api(broker_haarlem)
    url = "/api/v1/ecosystem/allocations/"
    assert ids(client.get(url)) == sorted([first.pk, second.pk])
    assert ids(client.get(url, {"property": second.property_id})) == [second.pk]
    assert ids(client.get(url, {"space_request": first.space_request_id})) == [first.pk]
    assert ids(client.get(url, {"property": theirs.property_id})) == []  # outside the scope: nothing
    assert ids(client.get(url, {"space_request": theirs.space_request_id})) == []


@pytest.mark.django_db
def test_mandates_filter_on_valid_today(api, broker_haarlem, broker_amersfoort, haarlem, amersfoort):
    team = f.broker_team(haarlem)
    today = timezone.localdate()

    def mandate(team, valid_from, valid_until=None):
        return Mandate.objects.create(team=team, granted_by="College", scope="Actieprogramma",
                                      valid_from=valid_from, valid_until=valid_until)

    current = mandate(team, today - dt.timedelta(days=10))
    ended = mandate(team, today - dt.timedelta(days=400), today - dt.timedelta(days=1))
    coming = mandate(team, today + dt.timedelta(days=5), today + dt.timedelta(days=50))
    ends_today = mandate(team, today - dt.timedelta(days=5), today)
    mandate(f.broker_team(amersfoort), today - dt.timedelta(days=10))  # valid, but outside the scope
    client = api(broker_haarlem)
    url = "/api/v1/mandates/"
    assert ids(client.get(url, {"valid": "true"})) == sorted([current.pk, ends_today.pk])
    assert ids(client.get(url, {"valid": "false"})) == sorted([ended.pk, coming.pk])
    assert ids(client.get(url, {"valid": "true", "team": team.pk})) == sorted([current.pk, ends_today.pk])


# --- pagination ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_bad_cursor_is_a_full_sentence(api, broker_haarlem, language):
    response = api(broker_haarlem).get("/api/v1/enterprises/", {"cursor": "nonsense"},
                                       HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert detail.endswith("."), detail
    assert detail != "Invalid cursor"
