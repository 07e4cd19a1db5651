"""Review 13 of the toolbox and the team workspace: a long table answer can be saved again from its
page, a budget line lowered while a spending is booked on it is checked on the locked line, a
programme keeps covering its open actions' due dates, and a yes/no answer the form cannot read is
refused instead of clearing the saved one."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from brokers import toolbox_content
from brokers.forms import BudgetLineForm
from brokers.models import Answer, BudgetLine, Question, Spending
from brokers.toolbox import services as toolbox_services
from brokers.workspace import services as workspace_services
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    return f.toolbox_edition()


def _question(key):
    return Question.objects.get(module__edition__is_current=True, key=key)


# --- a table answer near its row limit is saved again from its page, empty rows left out ------------
def test_a_long_table_answer_is_saved_again_from_its_page_with_the_empty_rows_it_shows(
        login, edition, haarlem, broker_haarlem):
    table = _question(toolbox_content.SUPPORT_MAP)
    rows = [{"name": f"Wethouder {n}", "stance": "Steunend", "how": "Agenda"} for n in range(99)]
    toolbox_services.answer_save(organisation=haarlem, question=table, value=rows, by=broker_haarlem)
    client = login(broker_haarlem)
    page = client.get(reverse("brokers:toolbox-module", args=[table.module.number])).content.decode()
    # The page shows the 99 rows and three empty ones; the broker fills one of them and saves.
    names = dict(re.findall(r'name="(cell-\d+-\w+)" value="([^"]*)"', page))
    assert len(names) == 3 * 102
    names.update({"cell-99-name": "Raadslid", "cell-99-stance": "Te overtuigen", "cell-99-how": "Gesprek"})
    response = client.post(reverse("brokers:toolbox-answer", args=[table.pk]), {**names, "submit": "save"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert len(Answer.objects.get(question=table, organisation=haarlem).value) == 100


# --- a budget line is lowered on the locked line, against what is spent by then -------------------
def _book_meanwhile(monkeypatch, line, by, amount="500"):
    """A spending booked on ``line`` by someone else after the form (or serializer) read what was
    spent, before the line is stored: a form sent at the same moment as a spending."""
    original = BudgetLineForm._post_clean

    def post_clean(form):
        original(form)
        workspace_services.spending_record(spending=Spending(
            organisation=line.organisation, budget_line=line, date=dt.date(line.year, 5, 1),
            description="Tegelijk geboekt", amount=Decimal(amount)), by=by)

    monkeypatch.setattr(BudgetLineForm, "_post_clean", post_clean)


def test_a_line_lowered_while_a_spending_is_booked_is_refused(login, monkeypatch, haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2025, "1000.00")
    workspace_services.spending_record(spending=Spending(
        organisation=haarlem, budget_line=line, date=dt.date(2025, 3, 1), description="Zaalhuur",
        amount=Decimal("400")), by=broker_haarlem)
    _book_meanwhile(monkeypatch, line, broker_haarlem)  # 400 + 500 spent: 500 no longer covers it
    response = login(broker_haarlem).post(reverse("brokers:budget-update", args=[line.pk]), {
        "organisation": haarlem.pk, "programme": "", "year": 2025, "kind": line.kind,
        "description": line.description, "amount": "500.00"})
    assert response.status_code == 200 and "amount" in response.context["form"].errors
    assert BudgetLine.objects.get(pk=line.pk).amount == Decimal("1000.00")


def test_the_api_lowers_a_line_on_the_locked_line_too(api, monkeypatch, haarlem, broker_haarlem):
    from brokers.api.serializers import BudgetLineSerializer

    line = f.budget_line(haarlem, 2025, "1000.00")
    workspace_services.spending_record(spending=Spending(
        organisation=haarlem, budget_line=line, date=dt.date(2025, 3, 1), description="Zaalhuur",
        amount=Decimal("400")), by=broker_haarlem)
    original = BudgetLineSerializer.validate

    def validate(serializer, attrs):
        attrs = original(serializer, attrs)
        workspace_services.spending_record(spending=Spending(
            organisation=haarlem, budget_line=line, date=dt.date(2025, 5, 1), description="Tegelijk geboekt",
            amount=Decimal("500")), by=broker_haarlem)
        return attrs

    monkeypatch.setattr(BudgetLineSerializer, "validate", validate)
    response = api(broker_haarlem).patch(f"/api/v1/budget-lines/{line.pk}/", {"amount": "500.00"}, format="json")
    assert response.status_code == 400 and "amount" in response.json()
    assert BudgetLine.objects.get(pk=line.pk).amount == Decimal("1000.00")


# --- a programme's years keep covering its open actions' due dates ------------------------------
def test_a_programme_cannot_be_shortened_past_its_open_actions(login, haarlem, broker_haarlem):
    from brokers.models import Action

    action = f.agenda_action(haarlem, title="Inkoopbeleid herzien", due_date=dt.date(2026, 6, 30))
    programme = action.line.programme  # 2024–2026
    client = login(broker_haarlem)
    data = {"organisation": haarlem.pk, "title": programme.title, "first_year": "2024", "last_year": "2025"}
    response = client.post(reverse("brokers:agenda-update", args=[programme.pk]), data)
    assert response.status_code == 200
    assert "Inkoopbeleid herzien" in str(response.context["form"].errors["last_year"])
    programme.refresh_from_db()
    assert programme.last_year == 2026
    # A completed action's date is history: it does not hold the programme.
    Action.objects.filter(pk=action.pk).update(status="done")
    assert client.post(reverse("brokers:agenda-update", args=[programme.pk]), data).status_code == 302
    programme.refresh_from_db()
    assert programme.last_year == 2025


# --- a yes/no answer the form cannot read is refused, not cleared --------------------------------
def test_an_unreadable_yes_no_answer_is_refused_and_the_saved_one_stays(login, edition, haarlem, broker_haarlem):
    question = _question("alderman")
    toolbox_services.answer_save(organisation=haarlem, question=question, value=True, by=broker_haarlem)
    client = login(broker_haarlem)
    url = reverse("brokers:toolbox-answer", args=[question.pk])
    response = client.post(url, {"value": "misschien", "submit": "save"})
    assert response.status_code == 400
    answer = Answer.objects.get(question=question, organisation=haarlem)
    assert (answer.value, answer.is_answered) == (True, True)
    # Nothing chosen still clears the answer, as before.
    assert client.post(url, {"submit": "save"}).status_code == 302
    answer.refresh_from_db()
    assert (answer.value, answer.is_answered) == (None, False)
