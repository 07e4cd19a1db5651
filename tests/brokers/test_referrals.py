"""External referrals of a helpdesk case (issue 10 part 4): to the labour-market desk, UWV, the
Chamber of Commerce, a network partner or a knowledge institution, with a follow-up date."""

import datetime as dt
import re

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from brokers.constants import CaseStatus, InstrumentKind
from brokers.helpdesk import referrals, services
from brokers.models import ExternalReferral, KnowledgeInstrument

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _refer(case, by, kind="uwv", days=7, **kwargs):
    return referrals.referral_create(case=case, by=by, kind=kind, follow_up_on=TODAY() + dt.timedelta(days=days),
                                     **kwargs)


@pytest.fixture
def thrive(db):
    return KnowledgeInstrument.objects.create(name="Thrive Institute", kind=InstrumentKind.KNOWLEDGE,
                                              description="Kennis over impact meten")


@pytest.fixture
def kennemer(db):
    return KnowledgeInstrument.objects.create(name="Kennemer Impact Netwerk", kind=InstrumentKind.NETWORK,
                                              description="Netwerk")


# --- services -----------------------------------------------------------------------------------


def test_referral_is_recorded_audited_and_starts_the_case(case_haarlem, broker_haarlem):
    assert case_haarlem.status == CaseStatus.NEW
    referral = _refer(case_haarlem, broker_haarlem, party_name="UWV Haarlem", note="Vraag over de no-riskpolis")
    assert referral.referred_by == broker_haarlem and referral.party == "UWV Haarlem" and not referral.follow_up_done
    case_haarlem.refresh_from_db()
    assert case_haarlem.status == CaseStatus.IN_PROGRESS
    assert case_haarlem.referred_department == ""  # stays with the broker: no department sees it
    entry = LogEntry.objects.get_for_object(referral).get()
    assert entry.actor == broker_haarlem


@pytest.mark.parametrize(("kind", "party", "days", "field"), [
    ("uwv", "", -1, "follow_up_on"),  # the follow-up lies in the past
    ("network_partner", "", 7, "instrument"),  # a network partner needs a party
    ("knowledge", "", 7, "instrument"),  # so does a knowledge institution
    ("nonsense", "", 7, "kind"),
])
def test_referral_field_errors(case_haarlem, broker_haarlem, kind, party, days, field):
    with pytest.raises(ValidationError) as error:
        _refer(case_haarlem, broker_haarlem, kind=kind, days=days, party_name=party)
    assert field in error.value.message_dict
    assert not ExternalReferral.objects.exists()


def test_party_comes_from_the_knowledge_base_of_the_right_kind(case_haarlem, broker_haarlem, thrive, kennemer):
    with pytest.raises(ValidationError) as error:
        _refer(case_haarlem, broker_haarlem, kind="knowledge", instrument=kennemer)
    assert "instrument" in error.value.message_dict
    with pytest.raises(ValidationError):
        _refer(case_haarlem, broker_haarlem, kind="uwv", instrument=thrive)
    referral = _refer(case_haarlem, broker_haarlem, kind="knowledge", instrument=thrive)
    assert referral.party == "Thrive Institute"
    named = _refer(case_haarlem, broker_haarlem, kind="network_partner", party_name="Kennemer Impact Helpdesk")
    assert named.party == "Kennemer Impact Helpdesk" and named.instrument is None


def test_follow_up_today_is_allowed(case_haarlem, broker_haarlem):
    assert _refer(case_haarlem, broker_haarlem, days=0).is_due


def test_only_brokers_of_the_municipality_refer(case_haarlem, broker_amersfoort, inkoper_haarlem, ondernemer_1,
                                                broker_haarlem):
    services.case_refer(case=case_haarlem, department="inkoop", by=broker_haarlem)
    with pytest.raises(PermissionDenied):  # the colleague handles the case, but does not refer
        _refer(case_haarlem, inkoper_haarlem)
    with pytest.raises(PermissionDenied):
        _refer(case_haarlem, ondernemer_1)
    with pytest.raises(Http404):
        _refer(case_haarlem, broker_amersfoort)
    assert not ExternalReferral.objects.exists()


def test_closed_case_is_not_referred(case_haarlem, broker_haarlem):
    services.case_set_status(case=case_haarlem, status=CaseStatus.CLOSED, by=broker_haarlem)
    with pytest.raises(ValidationError):
        _refer(case_haarlem, broker_haarlem)


def test_complete_follow_up_once(case_haarlem, broker_haarlem, broker_amersfoort):
    referral = _refer(case_haarlem, broker_haarlem)
    with pytest.raises(Http404):
        referrals.referral_complete(referral=referral, by=broker_amersfoort)
    done = referrals.referral_complete(referral=referral, by=broker_haarlem, outcome="Geholpen")
    assert done.follow_up_done and done.done_at and done.outcome == "Geholpen"
    with pytest.raises(ValidationError):
        referrals.referral_complete(referral=referral, by=broker_haarlem)


# --- screens ------------------------------------------------------------------------------------


def test_case_page_form_shows_field_errors_and_keeps_nothing(login, case_haarlem, broker_haarlem):
    client = login(broker_haarlem)
    url = reverse("helpdesk:case-refer-external", args=[case_haarlem.pk])
    yesterday = (TODAY() - dt.timedelta(days=1)).isoformat()
    response = client.post(url, {"kind": "network_partner", "follow_up_on": yesterday})
    assert response.status_code == 400
    html = response.content.decode()
    assert "De vervolgactie ligt in het verleden." in html
    assert "Kies de partij uit de kennisbank of vul de naam in." in html
    assert 'id="external_follow_up_on"' in html  # the form on the case page, with its own ids
    assert not ExternalReferral.objects.exists()


def test_case_page_timeline_and_done(login, case_haarlem, broker_haarlem):
    client = login(broker_haarlem)
    follow_up = (TODAY() + dt.timedelta(days=10)).isoformat()
    response = client.post(reverse("helpdesk:case-refer-external", args=[case_haarlem.pk]),
                           {"kind": "employer_desk", "party_name": "WSP Zuid-Kennemerland en IJmond",
                            "note": "Kandidaten voor de bezorgdienst", "follow_up_on": follow_up})
    assert response.status_code == 302
    referral = ExternalReferral.objects.get()
    html = client.get(reverse("helpdesk:case-detail", args=[case_haarlem.pk])).content.decode()
    assert f'id="referral-{referral.pk}"' in html
    assert "Werkgeversservicepunt" in html and "WSP Zuid-Kennemerland en IJmond" in html
    assert "Kandidaten voor de bezorgdienst" in html
    response = client.post(reverse("helpdesk:referral-done", args=[referral.pk]), {"outcome": "Twee kandidaten"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.follow_up_done and referral.outcome == "Twee kandidaten"
    html = client.get(reverse("helpdesk:case-detail", args=[case_haarlem.pk])).content.decode()
    assert 'data-follow-up="done"' in html


def test_requester_never_sees_the_referral_record(login, case_haarlem, broker_haarlem, ondernemer_1):
    _refer(case_haarlem, broker_haarlem, note="Interne afweging over UWV")
    html = login(ondernemer_1).get(reverse("helpdesk:my-case", args=[case_haarlem.pk])).content.decode()
    assert "Interne afweging over UWV" not in html


def _tile(html, name):
    match = re.search(rf'<a class="portal-card" href="([^"]+)" data-figure="{name}">'
                      r'<span class="portal-figure">([^<]+)</span>', html)
    return match.group(2), match.group(1).replace("&amp;", "&")


def test_due_follow_ups_in_the_brokers_tile_land_on_exactly_those(login, make_case, ondernemer_1, enterprise_haarlem,
                                                                  broker_haarlem, haarlem):
    from tests import factories as f

    other_broker = f.broker(haarlem, "makelaar-haarlem-2")
    case = make_case(ondernemer_1, enterprise_haarlem)
    _refer(case, broker_haarlem, days=0)  # due today
    past = _refer(case, broker_haarlem, days=0)
    ExternalReferral.objects.filter(pk=past.pk).update(follow_up_on=TODAY() - dt.timedelta(days=3))  # overdue
    _refer(case, broker_haarlem, days=5)  # not yet
    done = _refer(case, broker_haarlem, days=0)
    referrals.referral_complete(referral=done, by=broker_haarlem)
    _refer(case, other_broker, days=0)  # someone else's
    client = login(broker_haarlem)
    figure, href = _tile(client.get(reverse("dashboard")).content.decode(), "my-referral-follow-ups")
    assert figure == "2"
    assert client.get(href).context["table"].paginator.count == 2


def test_referral_list_has_a_constant_number_of_queries(login, make_case, ondernemer_1, enterprise_haarlem,
                                                        broker_haarlem, django_assert_max_num_queries, thrive):
    client = login(broker_haarlem)
    case = make_case(ondernemer_1, enterprise_haarlem)
    _refer(case, broker_haarlem, kind="knowledge", instrument=thrive)
    url = reverse("helpdesk:referral-list")
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(6):
        _refer(case, broker_haarlem, kind="knowledge", instrument=thrive)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.context["table"].paginator.count == 7


# --- API ----------------------------------------------------------------------------------------


def test_case_api_lists_referrals_for_staff_only(api, case_haarlem, broker_haarlem, broker_amersfoort, ondernemer_1):
    _refer(case_haarlem, broker_haarlem, kind="kvk", party_name="KvK Haarlem")
    url = reverse("helpdesk-case-referrals", args=[case_haarlem.pk])
    rows = api(broker_haarlem).get(url).json()
    assert [(r["kind"], r["party"], r["follow_up_done"]) for r in rows] == [("kvk", "KvK Haarlem", False)]
    assert api(ondernemer_1).get(url).json() == []
    assert api(broker_amersfoort).get(url).status_code == 404
