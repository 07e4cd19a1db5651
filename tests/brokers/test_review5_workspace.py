"""User review 5 of the broker workspace: no spending dated ahead (a commitment may be), the date
today by default, spending edited through the budget checks, an object linked once and unlinked
again, both in the action's history, the link picker's labels and kinds, linked objects by name
in the history, and budget lines by their description."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from brokers.models import ActionLink, Spending
from brokers.workspace import services
from tests import factories as f

pytestmark = pytest.mark.django_db

FUTURE = "Een uitgave legt vast wat er is betaald: de datum kan niet na vandaag liggen."
DUPLICATE = "Dit object is al aan deze actie gekoppeld."


def _spending_data(org, **values):
    return {"organisation": org.pk, "kind": "spending", "date": timezone.localdate().isoformat(),
            "description": "Zaalhuur", "amount": "100", "paying_programme": "economy", **values}


def _history(page: str) -> str:
    return page[page.index('id="history-heading"'):]


def _record(org, by, line=None, amount="100", **values):
    values.setdefault("date", dt.date(line.year, 3, 1) if line else timezone.localdate())
    return services.spending_record(spending=Spending(organisation=org, budget_line=line, description="Zaalhuur",
                                                      amount=Decimal(amount), **values), by=by)


# --- 1. no spending dated ahead; the date today by default ---------------------------------------
def test_spending_dated_after_today_is_refused_a_commitment_may_lie_ahead(login, haarlem, broker_haarlem):
    client = login(broker_haarlem)
    later = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    refused = client.post(reverse("brokers:spending-create"), _spending_data(haarlem, date="2030-03-01"))
    assert refused.status_code == 200 and FUTURE in refused.content.decode()
    assert set(refused.context["form"].errors) == {"date"}
    assert not Spending.objects.exists()
    # Nor through the service (the API stores spending through it).
    with pytest.raises(Exception, match="na vandaag"):
        _record(haarlem, broker_haarlem, date=dt.date(2030, 3, 1), paying_programme="economy")
    assert not Spending.objects.exists()
    overview = client.get(reverse("brokers:budget-overview"))
    assert 2030 not in overview.context["years"]
    # Money promised for later is a commitment: it may be dated ahead.
    promised = client.post(reverse("brokers:spending-create"),
                           _spending_data(haarlem, kind="commitment", date=later, description="Opdracht"))
    assert promised.status_code == 302, promised.context["form"].errors
    assert Spending.objects.get().date.isoformat() == later


def test_the_spending_date_is_today_by_default(login, haarlem, broker_haarlem):
    form = login(broker_haarlem).get(reverse("brokers:spending-create")).context["form"]
    assert form["date"].value() == timezone.localdate()


def test_a_spending_stored_ahead_before_the_rule_stays_editable_while_its_date_stays(login, haarlem,
                                                                                   broker_haarlem):
    stored = Spending.objects.create(organisation=haarlem, date=dt.date(2030, 3, 1), description="Oud",
                                     amount=Decimal("100"), paying_programme="economy")
    client = login(broker_haarlem)
    url = reverse("brokers:spending-update", args=[stored.pk])
    kept = client.post(url, _spending_data(haarlem, date="2030-03-01", description="Oud, getypt"))
    assert kept.status_code == 302, kept.context["form"].errors
    moved = client.post(url, _spending_data(haarlem, date="2031-03-01"))
    assert FUTURE in moved.content.decode()
    stored.refresh_from_db()
    assert (stored.date, stored.description) == (dt.date(2030, 3, 1), "Oud, getypt")


# --- 2. spending is edited through the budget checks ----------------------------------------------
def test_spending_is_edited_against_what_remains_besides_its_own_amount(login, haarlem, amersfoort,
                                                                        broker_haarlem, broker_amersfoort):
    line = f.budget_line(haarlem, 2025, "1000.00")
    spending = _record(haarlem, broker_haarlem, line, "600")
    client = login(broker_haarlem)
    detail = client.get(spending.get_absolute_url()).content.decode()
    url = reverse("brokers:spending-update", args=[spending.pk])
    assert f'href="{url}"' in detail and ">Wijzigen</a>" in detail
    data = {"organisation": haarlem.pk, "budget_line": line.pk, "kind": "spending", "date": "2025-03-01",
            "description": "Zaalhuur en catering", "amount": "700", "paying_programme": ""}
    # 700 fits: the 600 it replaces is not counted as spent besides it.
    changed = client.post(url, data)
    assert changed.status_code == 302, changed.context["form"].errors
    spending.refresh_from_db()
    assert (spending.description, spending.amount) == ("Zaalhuur en catering", Decimal("700.00"))
    assert spending.recorded_by == broker_haarlem and spending.decided_by is None
    # More than the line holds: refused without a decision, the spending as it was.
    over = client.post(url, {**data, "amount": "1200"})
    assert over.status_code == 200 and "meer dan er op de begrotingsregel over is" in over.content.decode()
    spending.refresh_from_db()
    assert spending.amount == Decimal("700.00")
    decided = client.post(url, {**data, "amount": "1200", "overspend_decision": "College akkoord"})
    assert decided.status_code == 302
    spending.refresh_from_db()
    assert spending.amount == Decimal("1200.00") and spending.decided_by == broker_haarlem
    # Back within the line: no overspend, so no decision nor who took it.
    assert client.post(url, {**data, "amount": "500", "overspend_decision": "College akkoord"}).status_code == 302
    spending.refresh_from_db()
    assert (spending.overspend_decision, spending.decided_by) == ("", None)
    # Another municipality's broker finds nothing to change.
    other = login(broker_amersfoort).post(url, {**data, "organisation": amersfoort.pk, "amount": "1"})
    assert other.status_code == 404
    spending.refresh_from_db()
    assert spending.amount == Decimal("500.00")


# --- 3. an object is linked once, unlinked again, and the action's history shows both ------------
def test_an_object_is_linked_once_unlinked_and_both_show_in_the_actions_history(
        login, haarlem, broker_haarlem, inkoper_haarlem, enterprise_haarlem):
    action = f.agenda_action(haarlem, "Netwerkavond")
    client = login(broker_haarlem)
    data = {"action": action.pk, "link_model": "enterprises.enterprise", "link_id": enterprise_haarlem.pk}
    assert client.post(reverse("brokers:action-link-create"), data).status_code == 302
    again = client.post(reverse("brokers:action-link-create"), data)
    assert again.status_code == 200 and again.context["form"].errors == {"link_id": [DUPLICATE]}
    link = ActionLink.objects.get()
    # The database refuses it too (two requests at once).
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionLink.objects.create(action=action, link_model="enterprises.enterprise", link_id=enterprise_haarlem.pk)
    page = client.get(action.get_absolute_url()).content.decode()
    unlink = reverse("brokers:action-link-delete", args=[link.pk])
    assert page.count(enterprise_haarlem.name) >= 1 and f'href="{unlink}"' in page
    history = _history(page)
    assert f"<strong>Gekoppeld object</strong>: — → {enterprise_haarlem.name}" in history
    # A colleague reads the links but may not unlink them.
    colleague = login(inkoper_haarlem)
    assert f'href="{unlink}"' not in colleague.get(action.get_absolute_url()).content.decode()
    assert colleague.post(unlink).status_code == 403 and ActionLink.objects.exists()
    client = login(broker_haarlem)
    confirm = client.get(unlink).content.decode()
    assert f"Ontkoppelen: {enterprise_haarlem.name}" in confirm and f'href="{action.get_absolute_url()}"' in confirm
    done = client.post(unlink, follow=True)
    assert done.redirect_chain[-1][0] == action.get_absolute_url()
    assert f"Koppeling met {enterprise_haarlem.name} is verwijderd." in done.content.decode()
    assert not ActionLink.objects.exists()
    history = _history(done.content.decode())
    assert f"<strong>Gekoppeld object</strong>: {enterprise_haarlem.name} → —" in history
    assert f"<strong>Gekoppeld object</strong>: — → {enterprise_haarlem.name}" in history
    # Linked again after unlinking: allowed.
    assert client.post(reverse("brokers:action-link-create"), data).status_code == 302


def test_another_municipality_cannot_unlink(login, haarlem, broker_haarlem, broker_amersfoort, ondernemer_1,
                                            enterprise_haarlem):
    """The matrix declares the unlink route with a link made on first use (no ``obj``), so it does
    not probe other organisations itself: these are its out-of-scope probes."""
    action = f.agenda_action(haarlem, "Netwerkavond")
    link = ActionLink.objects.create(action=action, link_model="enterprises.enterprise", link_id=enterprise_haarlem.pk)
    unlink = reverse("brokers:action-link-delete", args=[link.pk])
    for user in (broker_amersfoort, ondernemer_1):  # outside their scope: not found, on GET and POST
        client = login(user)
        assert (client.get(unlink).status_code, client.post(unlink).status_code) == (404, 404), user
    assert ActionLink.objects.filter(pk=link.pk).exists()


# --- 4. and 5. the link picker's labels and kinds ------------------------------------------------
def _label(page: str, field: str) -> str:
    return re.search(rf'<label class="utrecht-form-label" for="id_{field}">(.*?)</label>', page).group(1)


def test_a_required_link_does_not_call_its_steps_optional_and_names_the_first_step_left(
        login, haarlem, broker_haarlem):
    action = f.agenda_action(haarlem, "Netwerkavond")
    client = login(broker_haarlem)
    form = client.get(reverse("brokers:action-link-create") + f"?action={action.pk}").content.decode()
    assert "optioneel" not in _label(form, "link_model") and "optioneel" not in _label(form, "link_search")
    spending_form = client.get(reverse("brokers:spending-create")).content.decode()
    assert "optioneel" in _label(spending_form, "link_model")  # a spending may have no link
    empty = client.post(reverse("brokers:action-link-create"), {"action": action.pk})
    assert empty.context["form"].errors == {
        "link_model": ["Kies de soort object, zoek het op naam en kies het in de lijst."]}
    no_name = client.post(reverse("brokers:action-link-create"),
                          {"action": action.pk, "link_model": "enterprises.enterprise"})
    assert no_name.context["form"].errors == {
        "link_search": ["Typ een deel van de naam en kies het object in de lijst."]}
    assert not ActionLink.objects.exists()


def test_the_kinds_of_linked_object_are_capitalised_alike(login, broker_haarlem):
    form = login(broker_haarlem).get(reverse("brokers:spending-create")).context["form"]
    labels = [str(label) for value, label in form.fields["link_model"].choices if value]
    assert "Onderneming" in labels and labels == [label[:1].upper() + label[1:] for label in labels]


# --- 6. the linked object by name in the history --------------------------------------------------
def test_the_spending_history_names_the_linked_object_as_the_user_may_see_it(
        login, haarlem, amersfoort, region, broker_haarlem, enterprise_haarlem):
    from tests.procurement import factories as procurement

    client = login(broker_haarlem)
    response = client.post(reverse("brokers:spending-create"), _spending_data(
        haarlem, link_model="enterprises.enterprise", link_id=enterprise_haarlem.pk))
    assert response.status_code == 302, response.context["form"].errors
    spending = Spending.objects.get()
    history = _history(client.get(spending.get_absolute_url()).content.decode())
    assert f"<strong>Gekoppeld object</strong>: {enterprise_haarlem.name}" in history
    assert "Nummer gekoppeld object" not in history
    assert "<strong>Soort gekoppeld object</strong>: onderneming" in history
    # Linked since (by an administrator) to an object the broker may not see: not by its name.
    theirs = procurement.contract(organisation=amersfoort, title="Groen onderhoud Amersfoort",
                                  rule_set=procurement.rule_set(organisation=amersfoort, name="Regeling Amersfoort"))
    spending.link_model, spending.link_id = "procurement.contract", theirs.pk
    spending.save()
    history = _history(client.get(spending.get_absolute_url()).content.decode())
    assert f"<strong>Gekoppeld object</strong>: {enterprise_haarlem.name} → #{theirs.pk} (niet beschikbaar)" \
        in history
    assert "Groen onderhoud Amersfoort" not in history


# --- 7. a budget line by its description ---------------------------------------------------------
def test_a_budget_line_is_named_by_its_description_in_the_spending_form_and_list(login, haarlem, broker_haarlem):
    line = f.budget_line(haarlem, 2024, "35000.00")
    line.description = "Actieprogramma Impact Ondernemen 2020-2024"
    line.save()
    assert str(line) == "2024 Actieprogramma Impact Ondernemen 2020-2024 (Overig): €\u00a035.000,00"
    client = login(broker_haarlem)
    form = client.get(reverse("brokers:spending-create")).context["form"]
    assert "Actieprogramma Impact Ondernemen 2020-2024" in {
        str(value): str(label) for value, label in form.fields["budget_line"].choices}[str(line.pk)]
    _record(haarlem, broker_haarlem, line, "100")
    assert "Actieprogramma Impact Ondernemen 2020-2024" in client.get(reverse("brokers:spending-list")).content.decode()
    line.description = ""
    assert str(line).startswith("2024 Overig: ")  # no description: the programme line, as before
