"""Review 13 of the ecosystem app: the API's authority decision on a space request's enterprise,
what the match reasons tell a requester about a rent they may not see, and the bottleneck and
real-estate decisions."""

import datetime as dt

import polib
import pytest
from django.conf import settings
from django.utils import timezone

from ecosystem.models import SpaceRequest
from enterprises.constants import AdmissionStatus

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/ecosystem/space-requests/"
FRAGMENT = settings.BASE_DIR / "locale/en/extra/review13_ecosystem.po"


@pytest.fixture
def fragment_english(tmp_path, settings):
    """This review's English ahead of the compiled catalogue (``make messages`` fills it in)."""
    (tmp_path / "en/LC_MESSAGES").mkdir(parents=True)
    polib.pofile(str(FRAGMENT)).save_as_mofile(str(tmp_path / "en/LC_MESSAGES/django.mo"))
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]


def request_body(enterprise, **kwargs):
    start = (timezone.localdate() + dt.timedelta(days=30)).isoformat()
    return {"enterprise": enterprise.pk, "min_area": "50", "max_area": "100", "property_type": "workshop",
            "budget": "800", "area": "Centrum", "start_date": start, "purpose": "Werkplaats", **kwargs}


@pytest.fixture
def showcased(enterprise_amersfoort):
    """Another municipality's enterprise in the public showcase: everyone can see it."""
    enterprise_amersfoort.is_published = True
    enterprise_amersfoort.admission_status = AdmissionStatus.ADMITTED
    enterprise_amersfoort.save()
    return enterprise_amersfoort


@pytest.mark.parametrize("extra", [{}, {"min_area": "500", "max_area": "10", "budget": "-5"}])
def test_a_visible_enterprise_the_caller_may_not_act_for_is_403(api, ondernemer_1, broker_haarlem, showcased,
                                                                 extra):
    for user in (ondernemer_1, broker_haarlem):
        response = api(user).post(REQUESTS, request_body(showcased, **extra), format="json")
        assert response.status_code == 403, response.json()
        assert "Bakkerij Amersfoort" in response.json()["detail"]
    assert not SpaceRequest.objects.exists()


def test_an_unknown_or_hidden_enterprise_stays_a_field_error(api, ondernemer_1, enterprise_amersfoort):
    for pk in (enterprise_amersfoort.pk, 999_999, "99999999999999999999999"):
        body = {**request_body(enterprise_amersfoort), "enterprise": pk}
        response = api(ondernemer_1).post(REQUESTS, body, format="json")
        assert response.status_code == 400 and "enterprise" in response.json(), response.json()
    wrong = api(ondernemer_1).post(REQUESTS, {**request_body(enterprise_amersfoort), "enterprise": "abc"},
                                   format="json")
    assert wrong.status_code == 400 and "enterprise" in wrong.json()
    assert not SpaceRequest.objects.exists()


def test_a_caller_without_the_role_is_refused_before_the_body(api, inkoper_haarlem, enterprise_haarlem):
    response = api(inkoper_haarlem).post(REQUESTS, {"budget": "-1"}, format="json")
    assert response.status_code == 403
    assert not SpaceRequest.objects.exists()


def test_own_enterprise_still_files_and_keeps_it_on_a_change(api, ondernemer_1, broker_haarlem, enterprise_haarlem):
    created = api(ondernemer_1).post(REQUESTS, request_body(enterprise_haarlem), format="json")
    assert created.status_code == 201, created.json()
    url = f"{REQUESTS}{created.json()['id']}/"
    changed = api(ondernemer_1).put(url, request_body(enterprise_haarlem, budget="900"), format="json")
    assert changed.status_code == 200, changed.json()
    by_staff = api(broker_haarlem).post(REQUESTS, request_body(enterprise_haarlem), format="json")
    assert by_staff.status_code == 201, by_staff.json()


# --- 2. a requester's match reasons and score say "fits your budget" or not, nothing finer ----------


def matches(api, user, space_request):
    return api(user).get(f"{REQUESTS}{space_request.pk}/matches/", HTTP_ACCEPT_LANGUAGE="nl").json()


@pytest.fixture
def over_budget(haarlem, enterprise_haarlem):
    """A request with a budget of € 800 and two published properties of Haarlem otherwise equal: one
    whose social tariff is 20 % over it (€ 960), one 45 % over (€ 1.160)."""
    from decimal import Decimal as D

    from tests import factories as f

    near = f.property_of(haarlem, name="Net te duur", social_tariff=D("960.00"))
    far = f.property_of(haarlem, name="Veel te duur", social_tariff=D("1160.00"))
    fits = f.property_of(haarlem, name="Past", social_tariff=D("700.00"))
    return f.space_request_of(enterprise_haarlem), near, far, fits


def test_the_entrepreneur_learns_only_whether_a_property_fits_the_budget(api, ondernemer_1, over_budget,
                                                                         fragment_english):
    space_request, near, far, fits = over_budget
    rows = {row["property"]["name"]: row for row in matches(api, ondernemer_1, space_request)}
    assert rows["Net te duur"]["reasons"]["budget"] == "Past niet binnen uw budget."
    assert rows["Veel te duur"]["reasons"]["budget"] == "Past niet binnen uw budget."
    assert rows["Past"]["reasons"]["budget"] == "Past binnen uw budget."
    # Neither the step nor the basis: and the score no longer tells 20 % from 45 % over.
    assert rows["Net te duur"]["score"] == rows["Veel te duur"]["score"]
    assert not any("tarief" in r["reasons"]["budget"] or "procent" in r["reasons"]["budget"] for r in rows.values())
    english = api(ondernemer_1).get(f"{REQUESTS}{space_request.pk}/matches/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert {r["reasons"]["budget"] for r in english} == {"Fits your budget.", "Does not fit your budget."}


def test_the_entrepreneurs_page_shows_the_same_yes_or_no(login, ondernemer_1, over_budget):
    space_request, *_ = over_budget
    page = login(ondernemer_1).get(space_request.get_absolute_url()).content.decode()
    assert "Past niet binnen uw budget." in page and "procent boven het budget" not in page


def test_the_owners_staff_keep_the_detail(api, broker_haarlem, vastgoed, over_budget):
    space_request, *_ = over_budget
    for user in (broker_haarlem, vastgoed):
        rows = {row["property"]["name"]: row for row in matches(api, user, space_request)}
        assert rows["Net te duur"]["reasons"]["budget"] == "Tot 25 procent boven het budget (maatschappelijk tarief)."
        assert rows["Net te duur"]["score"] > rows["Veel te duur"]["score"]


def test_staff_of_another_owner_get_the_yes_or_no_for_its_properties(api, broker_haarlem, amersfoort,
                                                                     enterprise_haarlem):
    from decimal import Decimal as D

    from ecosystem import services_realestate as services
    from tests import factories as f

    theirs = f.property_of(amersfoort, name="Amersfoorts pand", social_tariff=D("960.00"))  # area Centrum too
    own = f.property_of(enterprise_haarlem.municipality, name="Eigen pand", social_tariff=D("960.00"))
    space_request = f.space_request_of(enterprise_haarlem)
    rows = {row["property"]["name"]: row for row in matches(api, broker_haarlem, space_request)}
    assert rows[theirs.name]["reasons"]["budget"] == "Past niet binnen uw budget."
    assert rows[own.name]["reasons"]["budget"].startswith("Tot 25 procent")
    # The database's pre-ranking scores them the same way (a twin of the pure score).
    pool = {p.name: p for p in services.match_candidates(space_request, broker_haarlem)}
    assert pool[theirs.name].rent_visible is False and pool[own.name].rent_visible is True


# --- the steering group's response is one transaction (the lock and the save with the notice) ------


def test_a_failing_notice_leaves_the_steering_response_unsaved(make_bottleneck, deal, broker_haarlem, stuurgroep,
                                                               monkeypatch):
    """``steering_respond`` locks its row (``require_locked``) and saves before it notifies; the
    ``atomic`` sat on ``respond_errors`` instead, so the lock held outside a transaction and a
    failure after the save left the response half-applied."""
    from ecosystem import services_bottlenecks as services
    from ecosystem.models import Bottleneck

    bottleneck = make_bottleneck()
    services.bottleneck_share(bottleneck=bottleneck, programme=deal, by=broker_haarlem)
    services.bottleneck_change_status(bottleneck=bottleneck, by=broker_haarlem, status="on_agenda",
                                      agenda_where="Stuurgroep City Deal", agenda_on=timezone.localdate())

    def broken(*args, **kwargs):
        raise RuntimeError("mail server down")

    monkeypatch.setattr(services, "notify_all", broken)
    with pytest.raises(RuntimeError):
        services.steering_respond(bottleneck=bottleneck, by=stuurgroep, text="Wij brengen dit in bij EZ.",
                                  date=timezone.localdate())
    assert Bottleneck.objects.get(pk=bottleneck.pk).response_text == ""


# --- a change to a space request is decided on its locked row --------------------------------------


def test_a_change_read_before_an_allocation_does_not_reopen_the_request(api, ondernemer_1, enterprise_haarlem,
                                                                       monkeypatch):
    from ecosystem.api.realestate import SpaceRequestViewSet
    from tests import factories as f

    space_request = f.space_request_of(enterprise_haarlem, start_date=timezone.localdate() + dt.timedelta(days=9))
    original = SpaceRequestViewSet.get_object

    def allocated_meanwhile(self):
        obj = original(self)  # read while still open ...
        SpaceRequest.objects.filter(pk=obj.pk).update(status="allocated")  # ... allocated before the save
        return obj

    monkeypatch.setattr(SpaceRequestViewSet, "get_object", allocated_meanwhile)
    response = api(ondernemer_1).patch(f"{REQUESTS}{space_request.pk}/", {"budget": "900"}, format="json")
    assert response.status_code == 403
    space_request.refresh_from_db()
    assert space_request.status == "allocated" and space_request.budget == 800


def test_the_municipality_follows_the_enterprise_of_a_request(api, ondernemer_1, enterprise_haarlem,
                                                              enterprise_amersfoort):
    from impactportal.accounts.constants import Role
    from impactportal.accounts.models import Membership

    Membership.objects.create(user=ondernemer_1, role=Role.ENTREPRENEUR, enterprise=enterprise_amersfoort)
    client = api(ondernemer_1)
    created = client.post(REQUESTS, request_body(enterprise_haarlem), format="json").json()
    moved = client.patch(f"{REQUESTS}{created['id']}/", {"enterprise": enterprise_amersfoort.pk}, format="json")
    assert moved.status_code == 200, moved.json()
    assert moved.json()["organisation"] == enterprise_amersfoort.municipality.slug
    assert SpaceRequest.objects.get(pk=created["id"]).organisation == enterprise_amersfoort.municipality


# --- 3. a rent below the social tariff: the domain sets no floor (only the market rent caps it) ----


def test_an_agreed_rent_below_the_social_tariff_is_a_decision_not_an_error(broker_haarlem, haarlem,
                                                                            enterprise_haarlem):
    """DOMAIN.md: a municipality may let at a social tariff (the reduced rent) and the allocation
    records the benefit below the market rent; nothing caps the reduction. So a rent under the
    social tariff (here € 0 for a community initiative) is allowed; above the market rent is not."""
    from decimal import Decimal as D

    from ecosystem import services_realestate as services
    from tests import factories as f

    prop = f.property_of(haarlem)  # market rent 1500, social tariff 700
    allocation = services.allocate(property=prop, space_request=f.space_request_of(enterprise_haarlem), rent=D(0),
                                   procedure="exception", by=broker_haarlem, decided_by="College van B&W",
                                   justification="Alleen dit buurtinitiatief kan de ruimte nu gebruiken.",
                                   decision_date=timezone.localdate())
    assert allocation.monthly_benefit == D("1500.00")


# --- a public event does not list parties hidden from visitors -------------------------------------


def test_the_events_api_lists_the_published_parties_only(api, haarlem, broker_haarlem):
    from ecosystem.models import Event, Party

    shown = Party.objects.create(name="Kennemer Impact Helpdesk", category="fonds", is_published=True)
    hidden = Party.objects.create(name="Verborgen", category="fonds", is_published=False)
    event = Event.objects.create(organisation=haarlem, kind="pitch_day", title="Pitchdag", is_public=True,
                                 starts_at=timezone.now())
    event.parties.add(shown, hidden)
    for user in (None, broker_haarlem):  # as the event's page: published parties, for everyone
        row = api(user).get(f"/api/v1/ecosystem/events/{event.pk}/").json()
        assert row["parties"] == [shown.pk]
        listed = api(user).get("/api/v1/ecosystem/events/").json()["results"]
        assert [r["parties"] for r in listed] == [[shown.pk]]


def test_a_property_colleague_files_no_space_request_in_the_api_either(api, vastgoed, enterprise_haarlem):
    """The page never offered vastgoed colleagues the form (403), the API let them file: they
    allocate, entrepreneurs and brokers file."""
    from django.core.exceptions import PermissionDenied

    from ecosystem import services_realestate

    response = api(vastgoed).post(REQUESTS, request_body(enterprise_haarlem), format="json")
    assert response.status_code == 403
    assert not SpaceRequest.objects.exists()
    with pytest.raises(PermissionDenied):
        services_realestate.space_request_create(
            space_request=SpaceRequest(enterprise=enterprise_haarlem, min_area=10, max_area=20,
                                       start_date=dt.date(2027, 1, 1), purpose="Atelier"), by=vastgoed)
