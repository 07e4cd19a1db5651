"""Defects from the user review of procurement: the category in a match's reason in the page's
language, no outcome for a meeting in the future, labels that say when a field is required, all
errors of a new purchase request at once, and a bonus named once in the SROI calculation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from enterprises.constants import AdmissionStatus
from enterprises.models import Offering
from procurement import services_matching
from procurement.constants import BlockKind, MeetingOutcome
from procurement.models import MatchMeeting, PurchaseRequest
from procurement.valuation import BlockRule, LineFacts, value_realisation
from tests import factories as f
from tests.procurement import factories as pf

D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(haarlem, broker_haarlem):
    category = pf.category("groenonderhoud", "Groenonderhoud en hoveniers")
    category.name_en = "Grounds maintenance and gardening"
    category.save()
    enterprise = f.EnterpriseFactory(name="Groen Haarlem", municipality=haarlem,
                                     admission_status=AdmissionStatus.ADMITTED, headcount=20, disadvantaged_count=6)
    Offering.objects.create(enterprise=enterprise, name="Groenonderhoud", category=category)
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, rule_set=pf.rule_set(organisation=haarlem),
                           category=category)
    return {"contract": contract, "enterprise": enterprise}


# --- 1. the category in a match's reason -------------------------------------------------------


def test_match_reason_names_the_category_in_the_page_language(client, broker_haarlem, setting):
    client.force_login(broker_haarlem)
    url = reverse("procurement:contract-matches", args=[setting["contract"].pk])
    assert "Biedt Groenonderhoud en hoveniers aan, de categorie van het contract." in client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    html = client.get(url).content.decode()
    assert "Offers Grounds maintenance and gardening, the contract&#x27;s category." in html
    assert "Groenonderhoud en hoveniers" not in html


# --- 2. a meeting with an outcome cannot lie in the future --------------------------------------


def meeting_url(setting):
    return reverse("procurement:meeting-create", args=[setting["contract"].pk])


def test_a_future_meeting_with_an_outcome_is_a_date_error(client, broker_haarlem, setting):
    client.force_login(broker_haarlem)
    response = client.post(meeting_url(setting), {
        "enterprise": setting["enterprise"].pk, "date": "2031-01-01", "outcome": MeetingOutcome.AGREED,
        "agreed_amount": "1000"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["date"] and "kan niet in de toekomst liggen" in errors["date"][0]
    assert short_today() in errors["date"][0] and "'Gepland'" in errors["date"][0]
    assert not MatchMeeting.objects.exists()


def test_a_planned_meeting_may_lie_in_the_future(client, broker_haarlem, setting):
    client.force_login(broker_haarlem)
    response = client.post(meeting_url(setting), {
        "enterprise": setting["enterprise"].pk, "date": "2031-01-01", "outcome": MeetingOutcome.PLANNED})
    assert response.status_code == 302 and MatchMeeting.objects.get().date == dt.date(2031, 1, 1)


@pytest.mark.parametrize(("outcome", "days", "valid"), [
    (MeetingOutcome.AGREED, 0, True),
    (MeetingOutcome.AGREED, 1, False),
    (MeetingOutcome.FOLLOW_UP, 1, False),
    (MeetingOutcome.NO_MATCH, 1, False),
    (MeetingOutcome.PLANNED, 1, True),
])
def test_meeting_save_refuses_an_outcome_after_today(broker_haarlem, setting, outcome, days, valid):
    today = dt.date(2026, 3, 1)
    meeting = MatchMeeting(contract=setting["contract"], enterprise=setting["enterprise"],
                           date=today + dt.timedelta(days=days), outcome=outcome, agreed_amount=D("1000"))
    if valid:
        assert services_matching.meeting_save(meeting=meeting, by=broker_haarlem, today=today).pk
    else:
        with pytest.raises(ValidationError) as error:
            services_matching.meeting_save(meeting=meeting, by=broker_haarlem, today=today)
        assert list(error.value.message_dict) == ["date"]
        assert "01-03-2026" in error.value.message_dict["date"][0]


def short_today():
    return timezone.localdate().strftime("%d-%m-%Y")


# --- 3. labels of fields that some answers make required ----------------------------------------


def label(html, text):
    """The label element's text that starts with ``text``."""
    start = html.index(f">{text}")
    return html[start + 1:html.index("</label>", start)]


def test_rejection_reason_is_labelled_as_required_for_rejecting(login, broker_haarlem, haarlem, region,
                                                               enterprise_haarlem):
    pf.rule_set(region=region, name="Regeling ZKIJ")
    contract = pf.contract(organisation=haarlem, by=broker_haarlem, supplier=enterprise_haarlem)
    line = pf.realisation(contract, by=broker_haarlem)
    html = login(broker_haarlem).get(reverse("procurement:realisation-detail", args=[line.pk])).content.decode()
    text = label(html, "Reden van afwijzing")
    assert "verplicht bij afwijzen" in text and "optioneel" not in text
    # The help text no longer repeats "verplicht bij afwijzen" (user review 5: said twice).
    assert 'aria-describedby="id_reason_helptext"' in html and "De leverancier ziet de reden." in html
    assert "Verplicht bij afwijzen" not in html


def test_agreed_amount_is_labelled_as_required_for_an_agreement(client, broker_haarlem, setting):
    client.force_login(broker_haarlem)
    html = client.get(f"{meeting_url(setting)}?onderneming={setting['enterprise'].pk}").content.decode()
    text = label(html, "Afgesproken bedrag")
    assert "verplicht bij een afspraak" in text and "optioneel" not in text
    assert "optioneel" in label(html, "Verslag")  # really optional fields still say so
    response = client.post(meeting_url(setting), {"enterprise": setting["enterprise"].pk, "date": "2025-06-02",
                                                  "outcome": MeetingOutcome.AGREED})
    html = response.content.decode()
    assert "agreed_amount" in response.context["form"].errors
    assert 'id="id_agreed_amount_error"' in html and 'aria-invalid="true"' in html


# --- 4. every error of a new purchase request at once --------------------------------------------


def test_new_request_shows_the_budget_and_the_deadline_error_at_once(login, haarlem, inkoper_haarlem):
    response = login(inkoper_haarlem).post(reverse("procurement:request-create"), {
        "organisation": haarlem.pk, "title": "Groenonderhoud park", "description": "Maaien",
        "category": pf.category().pk, "budget_indication": "-500", "deadline": "2001-01-01",
        "procedure": "multiple"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"budget_indication", "deadline"} <= set(errors)
    assert errors["deadline"] == ["De termijn om te reageren ligt in het verleden."]
    assert not PurchaseRequest.objects.exists()


def test_an_existing_request_keeps_its_past_deadline(login, haarlem, inkoper_haarlem):
    req = PurchaseRequest.objects.create(organisation=haarlem, title="Oud", description="X",
                                         category=pf.category(), deadline=dt.date(2001, 1, 1))
    response = login(inkoper_haarlem).post(reverse("procurement:request-update", args=[req.pk]), {
        "organisation": haarlem.pk, "title": "Oud, bijgewerkt", "description": "X", "category": req.category_id,
        "deadline": "2001-01-01", "procedure": "multiple"})
    assert response.status_code == 302
    req.refresh_from_db()
    assert req.title == "Oud, bijgewerkt"


# --- 5. a bonus named once in the calculation ----------------------------------------------------


PLACEMENT = BlockRule(code="participatiewet-kort", kind=BlockKind.PLACEMENT, name="Participatiewet",
                      value=D("30000"))


def bonus(name):
    return BlockRule(code="bonus", kind=BlockKind.BONUS, name=name, value=D("10000"))


@pytest.mark.parametrize(("language", "name", "expected"), [
    ("nl", "Bonus 50+", "Participatiewet: €\u00a030.000,00 × 1 fte × 12/12 jaar + Bonus 50+ €\u00a010.000,00 × 1 fte × "
                        "12/12 jaar = €\u00a040.000,00"),
    ("en", "Bonus 50+", "Participatiewet: €30,000.00 × 1 FTE × 12/12 year + Bonus 50+ €10,000.00 × 1 FTE × "
                        "12/12 year = €40,000.00"),
    ("nl", "Statushouderbonus", "+ Statushouderbonus €\u00a010.000,00 × 1 fte"),
    ("nl", "50+", "+ bonus 50+ €\u00a010.000,00 × 1 fte"),  # a name that does not say it is a bonus
    ("en", "50+", "+ bonus 50+ €10,000.00 × 1 FTE"),
])
def test_a_bonus_is_named_once_in_the_calculation(language, name, expected):
    with translation.override(language):
        text = value_realisation(PLACEMENT, LineFacts(date=dt.date(2025, 3, 1), fte=D("1"), months=D("12")),
                                 bonuses=[bonus(name)]).explanation
    assert expected in text and "bonus Bonus" not in text
