"""A user's walk through the broker's workspace: an action programme's years and budget, action
lines numbered once per programme and offered with their programme, an action's due date within
the programme's years, a table answer's too-long cell said in the page's language, and no spending
of €0,00."""

import datetime as dt
import html
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from brokers import toolbox_content
from brokers.models import Action, ActionLine, ActionProgramme, Answer, Question, Spending
from brokers.workspace.forms import ActionForm
from tests import factories as f

pytestmark = pytest.mark.django_db


def _programme_data(org, **values):
    return {"organisation": org.pk, "title": "Actieprogramma 2026-2028", "first_year": "2026", "last_year": "2028",
            "yearly_budget": "35000", **values}


def _errors(response, field) -> list[str]:
    assert response.status_code in (200, 400), response.status_code
    return [str(error) for error in response.context["form"].errors.get(field, [])]


# --- 1. an action programme's years and budget ---------------------------------------------------------
@pytest.mark.parametrize(("values", "field", "message"), [
    ({"first_year": "2028", "last_year": "2026"}, "last_year",
     "Het laatste jaar kan niet voor het eerste jaar (2028) liggen."),
    ({"first_year": "2026", "last_year": "2060"}, "last_year", "Vul een jaar in tot en met"),
    ({"first_year": "2020", "last_year": "2030"}, "last_year",
     "Een actieprogramma loopt ten hoogste 10 jaar: vanaf 2020 tot en met 2029."),
    ({"first_year": "1999", "last_year": "2001"}, "first_year", "Vul een jaar in vanaf 2000."),
    ({"yearly_budget": "-1"}, "yearly_budget", "minstens 0"),
])
def test_a_programme_runs_some_years_with_a_budget_not_below_zero(login, haarlem, broker_haarlem, values, field,
                                                                  message):
    response = login(broker_haarlem).post(reverse("brokers:agenda-create"), _programme_data(haarlem, **values))
    assert any(message in error for error in _errors(response, field)), response.context["form"].errors
    assert not ActionProgramme.objects.exists()


def test_a_programme_of_ten_years_from_now_on_is_accepted(login, haarlem, broker_haarlem):
    first = timezone.localdate().year
    response = login(broker_haarlem).post(reverse("brokers:agenda-create"), _programme_data(
        haarlem, first_year=str(first), last_year=str(first + 9), yearly_budget="0"))
    assert response.status_code == 302
    assert ActionProgramme.objects.get().last_year == first + 9


# --- 2. action lines and actions ------------------------------------------------------------------------
def test_a_line_number_is_taken_once_per_programme(login, haarlem, broker_haarlem):
    action = f.agenda_action(haarlem)  # a programme with line 1
    programme = action.line.programme
    client = login(broker_haarlem)
    response = client.post(reverse("brokers:line-create"), {"programme": programme.pk, "number": "1",
                                                            "title": "Lijn 1"})
    assert _errors(response, "number") == ["Dit actieprogramma heeft al een actielijn met dit nummer."]
    assert not response.context["form"].non_field_errors()
    assert ActionLine.objects.filter(programme=programme).count() == 1
    other = ActionProgramme.objects.create(organisation=haarlem, title="Ander programma", first_year=2025,
                                           last_year=2028)
    assert client.post(reverse("brokers:line-create"), {"programme": other.pk, "number": "1",
                                                        "title": "Dienstverlening"}).status_code == 302
    with pytest.raises(ValidationError) as refused:
        ActionLine(programme=programme, number=1, title="Nog een").full_clean()
    assert refused.value.message_dict == {"number": ["Dit actieprogramma heeft al een actielijn met dit nummer."]}


def test_the_line_list_names_each_lines_programme_and_only_the_users(login, haarlem, amersfoort, broker_haarlem):
    own = ActionProgramme.objects.create(organisation=haarlem, title="Vervolg Actieprogramma", first_year=2025,
                                         last_year=2028)
    dated = ActionProgramme.objects.create(organisation=haarlem, title="Actieprogramma 2020-2024",
                                           first_year=2020, last_year=2024)
    foreign = ActionProgramme.objects.create(organisation=amersfoort, title="Amersfoorts programma",
                                             first_year=2025, last_year=2028)
    for programme, title in ((own, "Lijn 1"), (dated, "Dienstverlening"), (foreign, "Netwerk")):
        ActionLine.objects.create(programme=programme, number=1, title=title)
    labels = [label for _value, label in ActionForm(user=broker_haarlem).fields["line"].choices][1:]
    assert sorted(labels) == ["Actieprogramma 2020-2024 · 1. Dienstverlening",
                              "Vervolg Actieprogramma (2025–2028) · 1. Lijn 1"]
    page = html.unescape(login(broker_haarlem).get(reverse("brokers:action-create")).content.decode())
    assert "Vervolg Actieprogramma (2025–2028) · 1. Lijn 1" in page and "Amersfoorts programma" not in page


def _line(org, first_year, last_year):
    programme = ActionProgramme.objects.create(organisation=org, title="Actieprogramma", first_year=first_year,
                                               last_year=last_year)
    return ActionLine.objects.create(programme=programme, number=1, title="Netwerk")


def _action_data(line, due, **values):
    return {"line": line.pk, "title": "Netwerkavond", "due_date": due.isoformat(), "status": "planned", **values}


def test_an_actions_due_date_lies_in_its_programmes_years_and_not_in_the_past(login, haarlem, broker_haarlem):
    today = timezone.localdate()
    line = _line(haarlem, today.year, today.year + 2)
    client = login(broker_haarlem)
    url = reverse("brokers:action-create")
    for due in (dt.date(1999, 1, 1), dt.date(today.year + 3, 1, 1)):
        response = client.post(url, _action_data(line, due))
        assert _errors(response, "due_date") == [
            f"Kies een datum in de looptijd van het actieprogramma: {today.year} tot en met {today.year + 2}."]
    if today.month > 1 or today.day > 1:  # a day of this year before today
        response = client.post(url, _action_data(line, dt.date(today.year, 1, 1)))
        assert _errors(response, "due_date") == [
            "Deze datum ligt in het verleden. Kies de datum waarop de actie uiterlijk klaar moet zijn."]
    assert not Action.objects.exists()
    # The last day of the last year, and today, are fine.
    assert client.post(url, _action_data(line, dt.date(today.year + 2, 12, 31))).status_code == 302
    assert client.post(url, _action_data(line, today, title="Vandaag")).status_code == 302


def test_an_overdue_action_stays_editable_and_a_done_one_may_be_recorded_late(login, haarlem, broker_haarlem):
    today = timezone.localdate()
    line = _line(haarlem, today.year - 2, today.year + 1)
    late = Action.objects.create(line=line, title="Te laat", due_date=today - dt.timedelta(days=30))
    client = login(broker_haarlem)
    response = client.post(reverse("brokers:action-update", args=[late.pk]),
                           _action_data(line, late.due_date, title="Te laat, nu bezig", status="in_progress"))
    assert response.status_code == 302
    late.refresh_from_db()
    assert (late.title, late.status) == ("Te laat, nu bezig", "in_progress")
    # Moving it to another past date is refused; a done action may be recorded with its past date.
    moved = client.post(reverse("brokers:action-update", args=[late.pk]),
                        _action_data(line, today - dt.timedelta(days=400)))
    assert _errors(moved, "due_date")
    done = client.post(reverse("brokers:action-create"),
                       _action_data(line, today - dt.timedelta(days=60), title="Al gedaan", status="done"))
    assert done.status_code == 302


def test_the_api_checks_the_due_date_as_the_form_does(api, haarlem, broker_haarlem):
    today = timezone.localdate()
    line = _line(haarlem, today.year, today.year + 2)
    refused = api(broker_haarlem).post("/api/v1/brokers/actions/", {
        "line": line.pk, "title": "Netwerkavond", "due_date": "1999-01-01"}, format="json")
    assert refused.status_code == 400 and "due_date" in refused.json()
    assert not Action.objects.exists()


# --- 3. a table answer's cell ----------------------------------------------------------------------------
def _support_map_post(how):
    return {"cell-0-name": "Wethouder", "cell-0-stance": "Steunend", "cell-0-how": "Agenda",
            "cell-1-name": "Inkoop", "cell-1-stance": "Te overtuigen", "cell-1-how": how, "submit": "save"}


@pytest.mark.parametrize(("language", "message"), [
    ("nl", "Hoe: ten hoogste 500 tekens (rij 2)."),
    ("en", "How: "),  # the column as the English page heads it (the sentence's English: workspace-walk.po)
])
def test_a_too_long_cell_names_its_column_and_the_limit(login, haarlem, broker_haarlem, language, message):
    f.toolbox_edition()
    table = Question.objects.get(module__edition__is_current=True, key=toolbox_content.SUPPORT_MAP)
    client = login(broker_haarlem)
    client.cookies["django_language"] = language
    response = client.post(reverse("brokers:toolbox-answer", args=[table.pk]), _support_map_post("x" * 501))
    page = html.unescape(response.content.decode())
    assert response.status_code == 400
    assert message in page and "name, stance, how" not in page
    assert not Answer.objects.filter(question=table).exists()
    # Every cell of the table says the limit, so the browser stops at it.
    module = html.unescape(client.get(reverse("brokers:toolbox-module", args=[table.module.number])).content.decode())
    assert module.count('maxlength="500"') >= 3 * 2
    assert re.search(r'name="cell-0-how" value="" aria-label="[^"]+" maxlength="500">', module)


def test_the_api_names_an_unknown_column_by_the_keys_it_may_use(api, haarlem, broker_haarlem):
    f.toolbox_edition()
    table = Question.objects.get(module__edition__is_current=True, key=toolbox_content.SUPPORT_MAP)
    from brokers.toolbox import values

    with pytest.raises(ValidationError) as refused:
        values.clean_value(table, [{"name": "Wethouder", "colour": "rood"}])
    assert refused.value.message_dict["value"] == [
        "Rij 1 heeft een onbekende kolom (colour); de kolommen zijn name, stance, how."]
    with pytest.raises(ValidationError) as refused:
        values.clean_value(table, [{"name": 5}])
    assert refused.value.message_dict["value"] == ["Naam of functie: vul tekst in (rij 1)."]


# --- 4. no spending of €0,00 ------------------------------------------------------------------------------
def test_a_spending_of_zero_is_refused_on_the_form_and_in_the_api(login, api, haarlem, broker_haarlem):
    data = {"organisation": haarlem.pk, "kind": "spending", "date": timezone.localdate().isoformat(),
            "description": "Zaalhuur", "amount": "0,00", "paying_programme": "economy"}
    response = login(broker_haarlem).post(reverse("brokers:spending-create"), data)
    assert _errors(response, "amount") == ["Vul een bedrag groter dan nul in."]
    refused = api(broker_haarlem).post("/api/v1/brokers/spending/", {
        "organisation": haarlem.slug, "kind": "spending", "date": timezone.localdate().isoformat(),
        "description": "Zaalhuur", "amount": "0.00"}, format="json")
    assert refused.status_code == 400 and refused.json()["amount"] == ["Vul een bedrag groter dan nul in."]
    assert not Spending.objects.exists()
    accepted = login(broker_haarlem).post(reverse("brokers:spending-create"), {**data, "amount": "0,01"})
    assert accepted.status_code == 302 and Spending.objects.get().amount == Decimal("0.01")


# --- the demo's agenda keeps to these rules --------------------------------------------------------------
def test_the_demo_agenda_keeps_to_the_rules():
    call_command("seed_demo", stdout=io.StringIO())
    assert ActionProgramme.objects.exists() and Action.objects.exists()
    for obj in [*ActionProgramme.objects.all(), *ActionLine.objects.all()]:
        obj.full_clean()  # years, budget, a line number once per programme
    for action in Action.objects.select_related("line__programme"):
        programme = action.line.programme
        assert action.due_date is None or programme.first_year <= action.due_date.year <= programme.last_year
