"""Match-making screens: the ranked list with reasons and its empty states, recording a meeting
from a candidate, the meetings list (filters, follow-ups due, export) and updating a meeting."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from enterprises.constants import AdmissionStatus
from enterprises.models import Offering
from procurement.constants import BlockKind, MeetingOutcome
from procurement.models import MatchMeeting
from tests import factories as f
from tests.procurement import factories as pf

D = Decimal


@pytest.fixture
def setting(haarlem, broker_haarlem):
    category = pf.category()
    enterprise = f.EnterpriseFactory(name="Schoon Haarlem", municipality=haarlem,
                                     admission_status=AdmissionStatus.ADMITTED, headcount=20, disadvantaged_count=6)
    Offering.objects.create(enterprise=enterprise, name="Kantoorschoonmaak", category=category)
    rule_set = pf.rule_set(organisation=haarlem)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=rule_set, category=category)
    return {"contract": contract, "enterprise": enterprise, "rule_set": rule_set}


def test_matches_page_shows_score_and_reasons_in_plain_words(client, broker_haarlem, setting):
    client.force_login(broker_haarlem)
    response = client.get(reverse("procurement:contract-matches", args=[setting["contract"].pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Schoon Haarlem" in html and 'id="matches"' in html
    assert "Score" in html and "Biedt Schoonmaak aan" in html and "Gevestigd in de gemeente" in html
    assert "20 medewerkers, van wie 6" in html
    create = reverse("procurement:meeting-create", args=[setting["contract"].pk])
    assert f'{create}?onderneming={setting["enterprise"].pk}' in html


def test_matches_page_in_english_names_the_purchase_block_in_english(client, broker_haarlem, setting):
    setting["rule_set"].blocks.filter(code="inkoop").update(name_en="Purchase from an impact enterprise")
    client.force_login(broker_haarlem)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("procurement:contract-matches", args=[setting["contract"].pk])).content.decode()
    assert "Purchases count under &#x27;Purchase from an impact enterprise&#x27;" in html
    assert "Inkoop bij een impactonderneming" not in html
    client.cookies["django_language"] = "nl"
    html = client.get(reverse("procurement:contract-matches", args=[setting["contract"].pk])).content.decode()
    assert "Inkoop telt mee onder &#x27;Inkoop bij een impactonderneming&#x27;" in html


def test_matches_page_empty_states(client, broker_haarlem, haarlem, setting):
    client.force_login(broker_haarlem)
    blocks = [b for b in pf.STANDARD_BLOCKS if b[1] != BlockKind.PURCHASE]
    without = pf.contract(organisation=haarlem, by=broker_haarlem, title="Zonder inkoop",
                          rule_set=pf.rule_set(organisation=haarlem, name="Zonder inkoop", blocks=blocks))
    html = client.get(reverse("procurement:contract-matches", args=[without.pk])).content.decode()
    assert 'id="matches-empty"' in html and "geen inkoopblok" in html
    # A contract below the rule set's threshold owes nothing (a value of € 0 is refused).
    nothing_owed = pf.contract(organisation=haarlem, by=broker_haarlem, title="Klein", value=D("1000"),
                               rule_set=pf.rule_set(organisation=haarlem, name="Met drempel", threshold=D("50000")))
    html = client.get(reverse("procurement:contract-matches", args=[nothing_owed.pk])).content.decode()
    assert "geen resterende verplichting" in html


def test_record_a_meeting_from_a_candidate(client, broker_haarlem, setting):
    client.force_login(broker_haarlem)
    url = reverse("procurement:meeting-create", args=[setting["contract"].pk])
    page = client.get(f"{url}?onderneming={setting['enterprise'].pk}")
    assert page.status_code == 200 and "Schoon Haarlem" in page.content.decode()
    response = client.post(url, {"enterprise": setting["enterprise"].pk, "date": "2025-06-02",
                                 "outcome": MeetingOutcome.AGREED, "agreed_amount": "15000.00",
                                 "follow_up_on": "2025-09-01", "notes": "Afspraak over schoonmaak van de kantine."})
    meeting = MatchMeeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("procurement:meeting-detail", args=[meeting.pk])
    assert meeting.contract == setting["contract"] and meeting.recorded_by == broker_haarlem
    assert meeting.agreed_amount == D("15000.00")


def test_meeting_without_candidate_points_to_the_matches(client, broker_haarlem, setting):
    client.force_login(broker_haarlem)
    url = reverse("procurement:meeting-create", args=[setting["contract"].pk])
    for query in ("", "?onderneming=abc", "?onderneming=999999", "?onderneming=١٢"):
        html = client.get(url + query).content.decode()
        assert 'id="choose-enterprise"' in html and "<form method=\"post\"" not in html


@pytest.mark.parametrize(("data", "field"), [
    ({"outcome": MeetingOutcome.AGREED}, "agreed_amount"),
    ({"follow_up_on": "2025-05-01"}, "follow_up_on"),
    ({"agreed_amount": "-5"}, "agreed_amount"),
    ({"date": "31-31-2025"}, "date"),
])
def test_bad_meeting_input_shows_field_errors_and_saves_nothing(client, broker_haarlem, setting, data, field):
    client.force_login(broker_haarlem)
    url = reverse("procurement:meeting-create", args=[setting["contract"].pk])
    body = {"enterprise": setting["enterprise"].pk, "date": "2025-06-02", "outcome": MeetingOutcome.PLANNED, **data}
    response = client.post(url, body)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not MatchMeeting.objects.exists()


def meeting(setting, by, **kw):
    values = {"contract": setting["contract"], "enterprise": setting["enterprise"], "date": dt.date(2025, 5, 1),
              "recorded_by": by, **kw}
    return MatchMeeting.objects.create(**values)


def test_meetings_list_filters_follow_ups_due_and_exports(client, broker_haarlem, setting):
    today = timezone.localdate()
    due = meeting(setting, broker_haarlem, follow_up_on=today - dt.timedelta(days=1), notes="due")
    meeting(setting, broker_haarlem, follow_up_on=today + dt.timedelta(days=10))
    meeting(setting, broker_haarlem, follow_up_on=today - dt.timedelta(days=3), outcome=MeetingOutcome.AGREED,
            agreed_amount=D("100"))
    client.force_login(broker_haarlem)
    url = reverse("procurement:meeting-list")
    page = client.get(url)
    assert page.status_code == 200 and "1 vervolgactie is nu aan de beurt" in page.content.decode()
    rows = client.get(url, {"follow_up_due": "true"}).context["table"].rows
    assert [row.record.pk for row in rows] == [due.pk]
    export = client.get(url, {"_export": "csv"})
    assert export.status_code == 200 and "Schoon Haarlem" in export.content.decode()


def test_meetings_list_empty_state_says_what_to_do(client, inkoper_haarlem):
    client.force_login(inkoper_haarlem)
    html = client.get(reverse("procurement:meeting-list")).content.decode()
    assert "kies 'Matches'" in html


def test_meetings_list_queries_do_not_grow_with_rows(client, broker_haarlem, setting, django_assert_max_num_queries):
    client.force_login(broker_haarlem)
    url = reverse("procurement:meeting-list")
    meeting(setting, broker_haarlem)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(12):
        other = f.EnterpriseFactory(name=f"Ander {n}", municipality=setting["enterprise"].municipality)
        meeting({**setting, "enterprise": other}, broker_haarlem)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["table"].rows) == 13


def test_meeting_detail_and_update(client, broker_haarlem, setting):
    m = meeting(setting, broker_haarlem, follow_up_on=timezone.localdate())
    client.force_login(broker_haarlem)
    html = client.get(reverse("procurement:meeting-detail", args=[m.pk])).content.decode()
    assert 'id="follow-up-due"' in html and "Schoon Haarlem" in html
    response = client.post(reverse("procurement:meeting-update", args=[m.pk]), {
        "date": "2025-05-01", "outcome": MeetingOutcome.NO_MATCH, "notes": "Past niet bij de planning."})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.outcome == MeetingOutcome.NO_MATCH and m.follow_up_on is None
    html = client.get(reverse("procurement:meeting-detail", args=[m.pk])).content.decode()
    assert 'id="follow-up-due"' not in html


def test_navigation_shows_meetings_to_staff_only(client, broker_haarlem, ondernemer_1):
    client.force_login(broker_haarlem)
    assert reverse("procurement:meeting-list") in client.get(reverse("dashboard")).content.decode()
    client.force_login(ondernemer_1)
    assert reverse("procurement:meeting-list") not in client.get(reverse("dashboard")).content.decode()


def test_every_error_of_a_meeting_shows_in_one_round(client, broker_haarlem, setting):
    """The cross-field checks ran only once every field was valid: a missing amount and a
    follow-up before the meeting appeared in a second round, after the first round's errors."""
    client.force_login(broker_haarlem)
    url = reverse("procurement:meeting-create", args=[setting["contract"].pk])
    future = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    response = client.post(url, {"enterprise": "", "date": future, "outcome": MeetingOutcome.AGREED,
                                 "agreed_amount": "", "follow_up_on": "2025-05-01", "notes": ""})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"enterprise", "date", "agreed_amount", "follow_up_on"}
    assert "kan niet in de toekomst liggen" in errors["date"][0]
    assert errors["agreed_amount"] == ["Vul het afgesproken bedrag in: de uitkomst is een afspraak."]
    assert errors["follow_up_on"] == ["Het vervolg ligt vóór de datum van het gesprek."]
    assert not MatchMeeting.objects.exists()


def test_a_refused_value_is_compared_with_nothing(client, broker_haarlem, setting):
    client.force_login(broker_haarlem)
    url = reverse("procurement:meeting-create", args=[setting["contract"].pk])
    response = client.post(url, {"enterprise": setting["enterprise"].pk, "date": "31-31-2025",
                                 "outcome": MeetingOutcome.AGREED, "agreed_amount": "-5", "follow_up_on": "2025-05-01"})
    errors = response.context["form"].errors
    assert set(errors) == {"date", "agreed_amount"}  # no follow-up check against a date that is not one
    assert "Vul het afgesproken bedrag in" not in errors["agreed_amount"][0]  # its own error, not "missing"
    assert not MatchMeeting.objects.exists()
    # The meeting's change form checks the same.
    meeting = MatchMeeting.objects.create(contract=setting["contract"], enterprise=setting["enterprise"],
                                          date=dt.date(2025, 5, 1), recorded_by=broker_haarlem)
    response = client.post(reverse("procurement:meeting-update", args=[meeting.pk]), {
        "date": "2025-06-02", "outcome": MeetingOutcome.AGREED, "agreed_amount": "", "follow_up_on": "2025-05-01",
        "notes": "x" * 200000})
    assert {"notes", "agreed_amount", "follow_up_on"} <= set(response.context["form"].errors)
