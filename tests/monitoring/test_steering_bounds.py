"""The steering group's forms accepted any date or year (security review): meetings on 01-01-0001
and 31-12-9999, contributions of years 0 and 99999, targets of years 0 and 32767 and a target of -5
were saved. The portal's shared bounds are model validators now (forms, admin and API agree). And
editing a meeting locks the programme's steering group as adding one does, and checks the four
meetings a year again under that lock."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ecosystem.models import Party
from monitoring import views_steering
from monitoring.forms import ContributionForm, MeetingForm, SpendingForm, TargetForm
from monitoring.models import Contribution, Meeting, Spending, SteeringGroup, Target

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(chair, programme):
    return SteeringGroup.objects.get(programme=programme)


@pytest.fixture
def party(programme):
    party = Party.objects.create(name="Gemeente Haarlem", category="gemeente")
    party.programmes.add(programme)
    return party


def _form(form_class, instance, data, user):
    return form_class(data, instance=instance, user=user)


LATEST_YEAR = timezone.localdate().year + 10


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1989-12-31",
                                  f"{timezone.localdate().year + 6}-01-01"])
def test_a_meeting_date_has_the_portals_bounds(programme, chair, date):
    form = _form(MeetingForm, Meeting(programme=programme), {"date": date, "agenda": "x"}, chair)
    assert not form.is_valid() and "date" in form.errors, form.errors


def test_a_meeting_within_the_bounds_is_saved(programme, chair):
    form = _form(MeetingForm, Meeting(programme=programme), {"date": "2026-06-01"}, chair)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31"])
def test_a_spending_date_has_the_portals_bounds(programme, chair, date):
    form = _form(SpendingForm, Spending(programme=programme), {"date": date, "description": "Team", "amount": "100"},
                 chair)
    assert not form.is_valid() and "date" in form.errors, form.errors


@pytest.mark.parametrize(("year", "message"), [
    ("0", "Vul een jaar in vanaf 1990."), ("1989", "Vul een jaar in vanaf 1990."),
    ("99999", None), (str(LATEST_YEAR + 1), f"Vul een jaar in tot en met {LATEST_YEAR}.")])
def test_a_contribution_year_is_from_1990_to_ten_years_ahead(programme, party, chair, year, message):
    form = _form(ContributionForm, Contribution(programme=programme),
                 {"party": party.pk, "year": year, "money": "10000", "in_kind": "0"}, chair)
    assert not form.is_valid() and "year" in form.errors, form.errors
    if message:
        assert form.errors["year"] == [message]


@pytest.mark.parametrize(("year", "value", "field"), [
    ("0", "5", "year"), ("32767", "5", "year"), (str(LATEST_YEAR + 1), "5", "year"), ("2026", "-5", "value")])
def test_a_target_has_a_year_within_bounds_and_no_negative_value(programme, chair, year, value, field):
    form = _form(TargetForm, Target(programme=programme),
                 {"code": "enterprises.admitted", "year": year, "value": value}, chair)
    assert not form.is_valid() and field in form.errors, form.errors
    if field == "value":
        assert form.errors["value"] == ["Een doel is 0 of meer."]


def test_the_bounds_are_the_models_so_the_admin_and_every_form_agree(programme, party):
    for row, field in ((Meeting(programme=programme, date=dt.date(1, 1, 1)), "date"),
                       (Contribution(programme=programme, party=party, year=0), "year"),
                       (Target(programme=programme, code="enterprises.admitted", year=2026, value=Decimal(-5)),
                        "value"),
                       (Target(programme=programme, code="enterprises.admitted", year=32767, value=Decimal(5)),
                        "year")):
        with pytest.raises(ValidationError) as raised:
            row.full_clean()
        assert field in raised.value.message_dict
    Target(programme=programme, code="enterprises.admitted", year=LATEST_YEAR, value=Decimal(0)).full_clean()


def _edit(client, meeting, date, with_version):
    url = f"/monitoring/stuurgroep/overleggen/{meeting.pk}/wijzigen/"
    data = {"date": date, "agenda": meeting.agenda}
    if with_version:
        page = client.get(url)
        data["_version"] = page.context["form"].version_token
    return client.post(url, data)


@pytest.mark.parametrize("with_version", [True, False])
def test_editing_a_meeting_checks_four_a_year_again_under_the_groups_lock(group, chair, login, monkeypatch,
                                                                         with_version):
    """Two members each move a meeting into a year with three: each form counts three. The second
    save, made while the first was saved meanwhile, is refused under the lock adding a meeting takes
    (the steering group's row), not stored as the fifth."""
    programme = group.programme
    for month in (2, 5, 8):
        Meeting.objects.create(programme=programme, date=dt.date(2026, month, 10))
    mine = Meeting.objects.create(programme=programme, date=dt.date(2027, 3, 10), agenda="A")
    theirs = Meeting.objects.create(programme=programme, date=dt.date(2027, 6, 10), agenda="B")
    locked = []
    lock = views_steering._lock_group

    def lock_and_note(programme_id):
        locked.append(programme_id)
        lock(programme_id)

    monkeypatch.setattr(views_steering, "_lock_group", lock_and_note)
    original = MeetingForm._post_clean

    def validated_then_the_other_saves(form):
        original(form)
        # The other member's edit, validated as well, is saved between this form's check and its save.
        Meeting.objects.filter(pk=theirs.pk).update(date=dt.date(2026, 11, 10))

    monkeypatch.setattr(MeetingForm, "_post_clean", validated_then_the_other_saves)
    response = _edit(login(chair), mine, "2026-11-20", with_version)
    assert response.status_code == 200, response.status_code
    assert response.context["form"].errors["date"] == [
        "De stuurgroep overlegt vier keer per jaar; dit jaar staan er al vier."]
    mine.refresh_from_db()
    assert mine.date == dt.date(2027, 3, 10)
    assert Meeting.objects.filter(programme=programme, date__year=2026).count() == 4
    assert locked == [programme.pk]
