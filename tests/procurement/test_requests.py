"""Purchase requests: who may respond (admission, art. 2.82 reserved contracts, deadline, one
response per enterprise), the poster's decisions, notifications, public pages and query counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from enterprises.models import OfferingCategory
from impactportal.models import Notification
from procurement import services_requests as services
from procurement.constants import RequestStatus, ResponseStatus
from procurement.models import PurchaseRequest, PurchaseResponse
from tests import factories as f

from .builders_requests import admitted, pdf, purchase_request, response
from .factories import category

pytestmark = pytest.mark.django_db


def in_a_month() -> str:
    """A deadline ahead (within the five years a deadline may lie ahead)."""
    return (timezone.localdate() + dt.timedelta(days=30)).isoformat()


def respond_url(req):
    return reverse("procurement:request-respond", args=[req.pk])


def api_responses(req):
    return f"/api/v1/procurement/requests/{req.pk}/responses/"


# --- reserved requests (art. 2.82) ---------------------------------------------------------------


def test_ineligible_enterprise_cannot_respond_to_reserved_request_in_the_ui(haarlem, enterprise_haarlem, ondernemer_1,
                                                                          login):
    admitted(enterprise_haarlem, headcount=10, disadvantaged=2)  # 20 %: below the 30 % of art. 2.82
    req = purchase_request(haarlem, reserved=True)
    client = login(ondernemer_1)
    page = client.get(respond_url(req)).content.decode()
    assert "voorbehouden opdracht" in page and "niet aangetoond" in page
    answer = client.post(respond_url(req), {"enterprise": enterprise_haarlem.pk, "quote_amount": "1000"})
    assert answer.status_code == 400
    assert "niet aangetoond" in answer.content.decode()
    assert not PurchaseResponse.objects.exists()


def test_ineligible_enterprise_cannot_respond_to_reserved_request_in_the_api(haarlem, enterprise_haarlem, ondernemer_1,
                                                                           api):
    admitted(enterprise_haarlem, headcount=10, disadvantaged=2)
    req = purchase_request(haarlem, reserved=True)
    answer = api(ondernemer_1).post(api_responses(req), {"enterprise": enterprise_haarlem.pk, "quote_amount": "1000.00"},
                                    format="json")
    assert answer.status_code == 400
    assert "voorbehouden opdracht" in answer.json()["enterprise"][0]
    assert not PurchaseResponse.objects.exists()


@pytest.mark.parametrize("headcount, disadvantaged, pso30, allowed", [
    (10, 3, False, True),      # exactly 30 %, self-declared
    (100, 29, False, False),   # 29 %
    (100, 30, False, True),
    (10, 0, True, True),       # a valid PSO 30+ certificate proves it whatever the counts
    (None, None, False, False),  # no counts, no certificate
])
def test_reserved_eligibility_boundaries(haarlem, enterprise_haarlem, ondernemer_1, api, headcount, disadvantaged,
                                         pso30, allowed):
    admitted(enterprise_haarlem, headcount=headcount, disadvantaged=disadvantaged, pso30=pso30)
    req = purchase_request(haarlem, reserved=True)
    answer = api(ondernemer_1).post(api_responses(req), {"enterprise": enterprise_haarlem.pk, "quote_amount": "950.50"},
                                    format="json")
    assert answer.status_code == (201 if allowed else 400), answer.content
    if allowed:
        assert answer.json()["quote_amount"] == "950.50"  # decimals as strings
        assert PurchaseResponse.objects.get().submitted_by == ondernemer_1


def test_eligible_enterprise_responds_to_reserved_request_in_the_ui(haarlem, enterprise_haarlem, ondernemer_1, login):
    admitted(enterprise_haarlem, pso30=True)
    req = purchase_request(haarlem, reserved=True)
    client = login(ondernemer_1)
    assert "geldig PSO 30+-certificaat" in client.get(req.get_absolute_url()).content.decode()
    answer = client.post(respond_url(req), {"enterprise": enterprise_haarlem.pk, "quote_amount": "1200.00",
                                            "message": "Graag", "attachment": pdf()})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    saved = PurchaseResponse.objects.get()
    assert saved.quote_amount == Decimal("1200.00") and saved.attachment


# --- other refusals ------------------------------------------------------------------------------


def test_not_admitted_enterprise_is_refused(haarlem, enterprise_haarlem, ondernemer_1, api, login):
    req = purchase_request(haarlem)
    answer = api(ondernemer_1).post(api_responses(req), {"enterprise": enterprise_haarlem.pk, "quote_amount": "10"},
                                    format="json")
    assert answer.status_code == 400 and "niet toegelaten" in answer.json()["enterprise"][0]
    assert "niet toegelaten" in login(ondernemer_1).get(respond_url(req)).content.decode()
    assert not PurchaseResponse.objects.exists()


def test_deadline_passed_refuses_responses(haarlem, enterprise_haarlem, ondernemer_1, api):
    admitted(enterprise_haarlem)
    req = purchase_request(haarlem, deadline=timezone.localdate() - dt.timedelta(days=1))
    answer = api(ondernemer_1).post(api_responses(req), {"enterprise": enterprise_haarlem.pk, "quote_amount": "10"},
                                    format="json")
    assert answer.status_code == 400 and "verlopen" in str(answer.json())
    # The service decides, whoever calls it; the deadline day itself still counts.
    with pytest.raises(ValidationError):
        services.response_submit(request=req, enterprise=enterprise_haarlem, by=ondernemer_1, quote_amount=1)
    services.response_submit(request=req, enterprise=enterprise_haarlem, by=ondernemer_1, quote_amount=1,
                             today=req.deadline)


def test_one_response_per_enterprise(haarlem, enterprise_haarlem, ondernemer_1, api):
    admitted(enterprise_haarlem)
    req = purchase_request(haarlem)
    client = api(ondernemer_1)
    body = {"enterprise": enterprise_haarlem.pk, "quote_amount": "10"}
    assert client.post(api_responses(req), body, format="json").status_code == 201
    second = client.post(api_responses(req), body, format="json")
    assert second.status_code == 400 and "al gereageerd" in second.json()["enterprise"][0]
    assert PurchaseResponse.objects.count() == 1


def test_entrepreneur_chooses_among_own_enterprises_only(haarlem, enterprise_haarlem, enterprise_amersfoort,
                                                         ondernemer_1, api, login):
    second = admitted(f.EnterpriseFactory(name="Tweede zaak", municipality=haarlem))
    f.entrepreneur(second, "ondernemer-1-tweede")
    from impactportal.accounts.models import Membership

    Membership.objects.create(user=ondernemer_1, role="entrepreneur", enterprise=second)
    admitted(enterprise_haarlem)
    admitted(enterprise_amersfoort)
    req = purchase_request(haarlem)
    page = login(ondernemer_1).get(respond_url(req)).content.decode()
    assert "Tweede zaak" in page and enterprise_haarlem.name in page and enterprise_amersfoort.name not in page
    client = api(ondernemer_1)
    refused = client.post(api_responses(req), {"enterprise": enterprise_amersfoort.pk, "quote_amount": "10"},
                          format="json")
    assert refused.status_code == 400 and "enterprise" in refused.json()
    assert client.post(api_responses(req), {"enterprise": second.pk, "quote_amount": "10"},
                       format="json").status_code == 201
    assert PurchaseResponse.objects.get().enterprise == second


def test_staff_cannot_respond(haarlem, broker_haarlem, api):
    req = purchase_request(haarlem)
    assert api(broker_haarlem).post(api_responses(req), {"enterprise": 1, "quote_amount": "10"},
                                    format="json").status_code == 403


def test_closed_request_refuses_responses(haarlem, enterprise_haarlem, ondernemer_1, login):
    admitted(enterprise_haarlem)
    req = purchase_request(haarlem, status=RequestStatus.CLOSED)
    assert login(ondernemer_1).post(respond_url(req), {"enterprise": enterprise_haarlem.pk,
                                                       "quote_amount": "10"}).status_code == 404


# --- own responses -------------------------------------------------------------------------------


def test_edit_and_withdraw_own_response_while_submitted(haarlem, enterprise_haarlem, ondernemer_1, ondernemer_2,
                                                        broker_haarlem, login, api):
    admitted(enterprise_haarlem)
    req = purchase_request(haarlem)
    resp = response(req, enterprise_haarlem, by=ondernemer_1)
    url = f"/api/v1/procurement/responses/{resp.pk}/"
    assert api(ondernemer_2).patch(url, {"quote_amount": "1"}, format="json").status_code == 404
    assert api(broker_haarlem).patch(url, {"quote_amount": "1"}, format="json").status_code == 403
    changed = api(ondernemer_1).patch(url, {"quote_amount": "19999.99", "message": "Scherper"}, format="json")
    assert changed.status_code == 200 and changed.json()["quote_amount"] == "19999.99"
    services.response_shortlist(response=resp, by=broker_haarlem)
    assert api(ondernemer_1).patch(url, {"quote_amount": "1"}, format="json").status_code == 403  # not submitted
    services.response_shortlist(response=resp, by=broker_haarlem, shortlisted=False)
    client = login(ondernemer_1)
    assert client.post(reverse("procurement:response-withdraw", args=[resp.pk])).status_code == 302
    resp.refresh_from_db()
    assert resp.status == ResponseStatus.WITHDRAWN and resp.quote_amount == Decimal("19999.99")


def test_attachment_download_is_permission_checked(haarlem, enterprise_haarlem, ondernemer_1, ondernemer_2,
                                                   inkoper_haarlem, broker_amersfoort, client):
    admitted(enterprise_haarlem)
    resp = response(purchase_request(haarlem), enterprise_haarlem)
    url = reverse("procurement:response-attachment", args=[resp.pk])
    for user, expected in ((inkoper_haarlem, 200), (ondernemer_1, 200), (ondernemer_2, 404), (broker_amersfoort, 404)):
        client.force_login(user)
        assert client.get(url).status_code == expected, user


# --- decisions -------------------------------------------------------------------------------------


@pytest.fixture
def three_responses(haarlem, enterprise_haarlem, enterprise_amersfoort, ondernemer_1, ondernemer_2):
    third = admitted(f.EnterpriseFactory(name="Derde", municipality=haarlem))
    admitted(enterprise_haarlem)
    admitted(enterprise_amersfoort)
    req = purchase_request(haarlem)
    return req, [response(req, enterprise_haarlem, amount=Decimal("20000")),
                 response(req, enterprise_amersfoort, amount=Decimal("18000")),
                 response(req, third, amount=Decimal("30000"))]


def test_award_locks_decides_and_notifies(three_responses, inkoper_haarlem, ondernemer_1, ondernemer_2, login):
    req, (first, second, third) = three_responses
    services.response_withdraw(response=third, by=f.UserFactory(is_superuser=True, is_active=True))
    client = login(inkoper_haarlem)
    assert client.post(reverse("procurement:response-award", args=[second.pk])).status_code == 302
    req.refresh_from_db()
    statuses = dict(PurchaseResponse.objects.values_list("pk", "status"))
    assert req.status == RequestStatus.AWARDED
    assert statuses == {first.pk: ResponseStatus.NOT_SELECTED, second.pk: ResponseStatus.AWARDED,
                        third.pk: ResponseStatus.WITHDRAWN}
    winner = Notification.objects.get(recipient=ondernemer_2)
    loser = Notification.objects.get(recipient=ondernemer_1)
    assert "gegund" in winner.body.lower() and "niet gekozen" in loser.body.lower()
    assert "18" not in loser.body  # nobody hears another's quote
    # Decided: a second award is refused and changes nothing.
    again = client.post(reverse("procurement:response-award", args=[first.pk]))
    assert again.status_code == 400
    assert PurchaseResponse.objects.get(pk=first.pk).status == ResponseStatus.NOT_SELECTED


def test_only_the_posting_organisation_awards(three_responses, broker_amersfoort, ondernemer_1, api):
    req, (first, *_rest) = three_responses
    for user, expected in ((broker_amersfoort, 404), (ondernemer_1, 403)):
        assert api(user).post(f"/api/v1/procurement/responses/{first.pk}/award/").status_code == expected
    with pytest.raises(PermissionDenied):
        services.request_award(response=first, by=ondernemer_1)
    assert PurchaseRequest.objects.get(pk=req.pk).status == RequestStatus.OPEN


def test_poster_sees_all_responses_entrepreneur_only_own(three_responses, broker_haarlem, ondernemer_1, api):
    req, responses = three_responses
    assert len(api(broker_haarlem).get(api_responses(req)).json()) == 3
    own = api(ondernemer_1).get(api_responses(req)).json()
    assert [r["id"] for r in own] == [responses[0].pk]


def test_close_and_withdraw(haarlem, broker_haarlem, enterprise_haarlem, ondernemer_1, api):
    admitted(enterprise_haarlem)
    req = purchase_request(haarlem)
    response(req, enterprise_haarlem)
    client = api(broker_haarlem)
    url = f"/api/v1/procurement/requests/{req.pk}/close/"
    assert client.post(url, {"decision": "close"}, format="json").json()["status"] == "closed"
    assert client.post(url, {"decision": "close"}, format="json").status_code == 400
    assert client.post(url, {"decision": "withdraw"}, format="json").json()["status"] == "withdrawn"
    assert PurchaseResponse.objects.get().status == ResponseStatus.NOT_SELECTED
    assert Notification.objects.filter(recipient=ondernemer_1, subject__contains="ingetrokken").count() == 1


# --- posting and notifications -----------------------------------------------------------------------


def test_posting_notifies_fitting_enterprises_once(haarlem, inkoper_haarlem, enterprise_haarlem, enterprise_amersfoort,
                                                  ondernemer_1, ondernemer_2, login):
    schoonmaak, catering = category(), category("catering", "Catering")
    admitted(enterprise_haarlem, offers=schoonmaak)
    admitted(enterprise_amersfoort, offers=catering)
    client = login(inkoper_haarlem)
    answer = client.post(reverse("procurement:request-create"), {
        "organisation": haarlem.pk, "title": "Schoonmaak bibliotheek", "description": "Dagelijks",
        "category": schoonmaak.pk, "budget_indication": "40000", "deadline": in_a_month(), "procedure": "multiple"})
    assert answer.status_code == 302, answer.content.decode()[:3000]
    req = PurchaseRequest.objects.get()
    assert req.posted_by == inkoper_haarlem and req.status == RequestStatus.OPEN
    assert Notification.objects.filter(recipient=ondernemer_1).count() == 1
    assert not Notification.objects.filter(recipient=ondernemer_2).exists()
    assert services.notify_fitting(req) == 0  # once per request


def test_fitting_entrepreneurs_is_bounded(haarlem, django_assert_num_queries):
    cat = category()
    for index in range(5):
        enterprise = admitted(f.EnterpriseFactory(municipality=haarlem), offers=cat)
        f.entrepreneur(enterprise, f"fit-{index}")
    req = purchase_request(haarlem, cat=cat)
    with django_assert_num_queries(2):  # the fitting enterprises, their entrepreneurs: however many
        assert len(list(services.fitting_entrepreneurs(req))) == 5


def test_posting_via_api_under_another_organisation_is_refused(amersfoort, inkoper_haarlem, api):
    answer = api(inkoper_haarlem).post("/api/v1/procurement/requests/", {
        "organisation": amersfoort.slug, "title": "X", "description": "Y", "category": category().slug,
        "deadline": in_a_month()}, format="json")
    assert answer.status_code == 403  # organisations are public: one the caller may not act for is a 403
    assert not PurchaseRequest.objects.exists()


def test_posting_via_api(haarlem, inkoper_haarlem, api):
    answer = api(inkoper_haarlem).post("/api/v1/procurement/requests/", {
        "organisation": haarlem.slug, "title": "Groenonderhoud", "description": "Parken", "category": category().slug,
        "budget_indication": "12500.50", "deadline": in_a_month(), "is_reserved": True}, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["budget_indication"] == "12500.50" and answer.json()["status"] == "open"


# --- public pages ------------------------------------------------------------------------------------


def test_public_list_shows_only_open_requests(haarlem, client):
    open_one = purchase_request(haarlem, title="Open vraag")
    purchase_request(haarlem, title="Gesloten vraag", status=RequestStatus.CLOSED)
    purchase_request(haarlem, title="Verlopen vraag", deadline=timezone.localdate() - dt.timedelta(days=1))
    page = client.get(reverse("procurement:request-public-list")).content.decode()
    assert "Open vraag" in page and "Gesloten vraag" not in page and "Verlopen vraag" not in page
    assert client.get(open_one.get_absolute_url()).status_code == 200
    rows = client.get("/api/v1/procurement/requests/").json()["results"]
    assert sorted(r["title"] for r in rows) == ["Open vraag", "Verlopen vraag"]  # the API lists what is open


def test_closed_request_is_private(haarlem, broker_haarlem, broker_amersfoort, client):
    closed = purchase_request(haarlem, status=RequestStatus.AWARDED)
    assert client.get(closed.get_absolute_url()).status_code == 302  # to the login page
    client.force_login(broker_amersfoort)
    assert client.get(closed.get_absolute_url()).status_code == 404
    client.force_login(broker_haarlem)
    assert client.get(closed.get_absolute_url()).status_code == 200


def test_my_responses_keep_the_outcome(three_responses, inkoper_haarlem, ondernemer_1, login):
    req, (first, second, _third) = three_responses
    services.request_award(response=second, by=inkoper_haarlem)
    page = login(ondernemer_1).get(reverse("procurement:my-responses")).content.decode()
    assert req.title in page and "Niet gekozen" in page


def test_dashboard_panel_lists_fitting_open_requests(haarlem, enterprise_haarlem, ondernemer_1):
    from procurement.dashboard_requests import fitting_requests

    admitted(enterprise_haarlem, offers=category())
    fitting = purchase_request(haarlem, title="Past")
    purchase_request(haarlem, title="Past niet", cat=category("catering", "Catering"))
    purchase_request(haarlem, title="Gesloten", status=RequestStatus.CLOSED)
    assert fitting_requests(ondernemer_1)["requests"] == [fitting]


# --- query counts ------------------------------------------------------------------------------------


def _many_requests(haarlem, amersfoort, n):
    cats = [category(), category("catering", "Catering")]
    for index in range(n):
        purchase_request(haarlem if index % 2 else amersfoort, title=f"Vraag {index}", cat=cats[index % 2],
                         reserved=index % 3 == 0)


@pytest.mark.parametrize("url", ["/inkoop/inkoopvragen/", "/inkoop/inkoopvragen/beheer/",
                                 "/api/v1/procurement/requests/", "/api/v1/procurement/responses/"])
def test_list_query_count_is_constant(haarlem, amersfoort, broker_haarlem, enterprise_haarlem, client, url,
                                      django_assert_max_num_queries):
    client.force_login(broker_haarlem)
    admitted(enterprise_haarlem)
    _many_requests(haarlem, amersfoort, 3)
    for req in PurchaseRequest.objects.filter(organisation=haarlem):
        response(req, enterprise_haarlem, attachment=False)
    client.get(url)  # warm caches (content types, sessions)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    _many_requests(haarlem, amersfoort, 20)
    for req in PurchaseRequest.objects.filter(organisation=haarlem, responses__isnull=True):
        response(req, enterprise_haarlem, attachment=False)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def test_my_responses_query_count_is_constant(haarlem, amersfoort, enterprise_haarlem, ondernemer_1, client,
                                              django_assert_max_num_queries):
    admitted(enterprise_haarlem)
    client.force_login(ondernemer_1)
    url = reverse("procurement:my-responses")
    _many_requests(haarlem, amersfoort, 2)
    for req in PurchaseRequest.objects.all():
        response(req, enterprise_haarlem, attachment=False)
    client.get(url)
    with django_assert_max_num_queries(30) as small:
        assert client.get(url).status_code == 200
    _many_requests(haarlem, amersfoort, 15)
    for req in PurchaseRequest.objects.filter(responses__isnull=True):
        response(req, enterprise_haarlem, attachment=False)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert page.status_code == 200 and "Vraag 14" in page.content.decode()


def test_entrepreneur_dashboard_shows_the_panel(haarlem, enterprise_haarlem, ondernemer_1, login):
    admitted(enterprise_haarlem, offers=category())
    purchase_request(haarlem, title="Schoonmaak gemeentewerf")
    page = login(ondernemer_1).get(reverse("dashboard")).content.decode()
    assert 'id="panel-fitting-requests"' in page and "Schoonmaak gemeentewerf" in page


def test_a_deadline_in_the_past_is_a_field_error(haarlem, inkoper_haarlem, api):
    answer = api(inkoper_haarlem).post("/api/v1/procurement/requests/", {
        "organisation": haarlem.slug, "title": "Te laat", "description": "Y", "category": category().slug,
        "deadline": "2001-01-01"}, format="json")
    assert answer.status_code == 400 and "deadline" in answer.json()
    assert not PurchaseRequest.objects.exists()


def test_lists_name_the_category_in_the_page_language(haarlem, client):
    purchase_request(haarlem, title="Open vraag", cat=category("groenonderhoud", "Groenonderhoud en hoveniers"))
    OfferingCategory.objects.filter(slug="groenonderhoud").update(name_en="Grounds maintenance and gardening")
    url = reverse("procurement:request-public-list")
    assert "Groenonderhoud en hoveniers" in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert "Grounds maintenance and gardening" in english and "Groenonderhoud en hoveniers" not in english


def test_an_unverified_pso30_certificate_proves_nothing_for_a_reserved_request(haarlem, enterprise_haarlem,
                                                                                ondernemer_1, api):
    """Typed in by the entrepreneur and not verified: the counts decide, as without a certificate."""
    admitted(enterprise_haarlem, headcount=10, disadvantaged=0, pso30=True)
    enterprise_haarlem.certifications.update(status="unverified", verified_at=None)
    req = purchase_request(haarlem, reserved=True)
    answer = api(ondernemer_1).post(api_responses(req), {"enterprise": enterprise_haarlem.pk, "quote_amount": "950.50"},
                                    format="json")
    assert answer.status_code == 400 and "voorbehouden opdracht" in answer.json()["enterprise"][0]
