"""``OwnedFormMixin.save``: a create or update view whose service stores the object overrides
``save``; the generic view runs it in a transaction (inside ``ScopedUpdateView``'s version check
when the form carries a version), shows a refusal of the service on the form (next to the field it
names, or in the summary), explains a unique violation, and after the save gives the success
message and the redirect for the object the service returned.

The views here are the budget line and team views with a stand-in service: the refusals come
after the service has stored the row, so "nothing saved" shows that the transaction was undone."""

import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import include, path

from brokers.forms import BrokerTeamForm
from brokers.models import BrokerTeam, BudgetLine
from brokers.views import BudgetCreate, BudgetUpdate, TeamUpdate
from impactportal.integrity import CONFLICT_MESSAGE
from impactportal.ui import versions
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

TOO_LOW = "Lager dan wat erop is uitgegeven."
REFUSED = "Deze regel is intussen afgesloten."
calls = []  # what the stand-in services were asked to store


class StoresThenRefusesAmount(BudgetUpdate):
    """A service that stores the line, then refuses it at a field of the form."""

    def save(self, form):
        calls.append(form.instance.pk)
        form.save()
        raise ValidationError({"amount": TOO_LOW})


class StoresThenRefusesLine(BudgetUpdate):
    """A refusal that names no field of the form (``spent``), and one that names none at all."""

    def save(self, form):
        form.save()
        if self.request.POST.get("description") == "veld":
            raise ValidationError({"spent": REFUSED})
        raise ValidationError(REFUSED)


class RefusesWith400(StoresThenRefusesAmount):
    def form_invalid(self, form):  # as the staff pages answer a form in error
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StoresThroughService(BudgetUpdate):
    """The service stores its own version of the line and returns it: the message and the
    redirect are about what it returned."""

    def save(self, form):
        calls.append(form.instance.pk)
        line = BudgetLine.objects.get(pk=form.instance.pk)
        line.description, line.amount = "Door de dienst vastgelegd", form.instance.amount
        line.save()
        return line


class CreatesThenRefuses(BudgetCreate):
    def save(self, form):
        form.save()
        raise ValidationError({"amount": TOO_LOW})


class RenamesThroughService(TeamUpdate):
    """A service storing the team while another request took the name (validation saw no clash)."""

    def save(self, form):
        calls.append(form.instance.pk)
        form.instance.save()
        return form.instance


urlpatterns = [
    path("_hook/weigert-bedrag/<int:pk>/", StoresThenRefusesAmount.as_view(), name="hook-refuses-amount"),
    path("_hook/weigert-regel/<int:pk>/", StoresThenRefusesLine.as_view(), name="hook-refuses-line"),
    path("_hook/weigert-400/<int:pk>/", RefusesWith400.as_view(), name="hook-refuses-400"),
    path("_hook/dienst/<int:pk>/", StoresThroughService.as_view(), name="hook-service"),
    path("_hook/nieuw/", CreatesThenRefuses.as_view(), name="hook-create"),
    path("_hook/team/<int:pk>/", RenamesThroughService.as_view(), name="hook-team"),
    path("", include("impactportal.urls")),
]


@pytest.fixture(autouse=True)
def _forget_calls():
    calls.clear()


@pytest.fixture
def line(haarlem):
    return f.budget_line(haarlem, 2025, "1000.00")


def line_data(line, **changes):
    return {"organisation": line.organisation_id, "programme": "", "year": line.year, "kind": line.kind,
            "description": line.description, "amount": str(line.amount), **changes}


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def assert_unchanged(line):
    stored = BudgetLine.objects.get(pk=line.pk)
    assert (stored.description, stored.amount) == (line.description, line.amount)


def test_a_refusal_of_the_service_shows_at_its_field_and_nothing_is_saved(login, broker_haarlem, line):
    response = login(broker_haarlem).post(f"/_hook/weigert-bedrag/{line.pk}/",
                                          line_data(line, amount="500.00", description="Verlaagd"))
    assert calls == [line.pk]
    assert response.status_code == 200  # the form again, as ScopedUpdateView answers a form in error
    form = response.context["form"]
    assert form.errors == {"amount": [TOO_LOW]}
    assert 'aria-invalid="true"' in response.content.decode() and TOO_LOW in response.content.decode()
    assert_unchanged(line)  # stored by the service, undone with its refusal
    assert messages_of(response) == []


def test_a_view_keeps_the_status_of_its_own_form_invalid(login, broker_haarlem, line):
    response = login(broker_haarlem).post(f"/_hook/weigert-400/{line.pk}/", line_data(line, amount="500.00"))
    assert response.status_code == 400
    assert response.context["form"].errors == {"amount": [TOO_LOW]}
    assert_unchanged(line)


@pytest.mark.parametrize("description", ["veld", "geen"])
def test_a_refusal_naming_no_field_of_the_form_goes_to_the_summary(login, broker_haarlem, line, description):
    response = login(broker_haarlem).post(f"/_hook/weigert-regel/{line.pk}/", line_data(line, description=description))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.non_field_errors() == [REFUSED] and list(form.errors) == ["__all__"]
    assert_unchanged(line)


def test_the_service_saves_and_the_page_goes_on_with_what_it_returned(login, broker_haarlem, line):
    response = login(broker_haarlem).post(f"/_hook/dienst/{line.pk}/", line_data(line, amount="750.00"))
    assert calls == [line.pk]
    assert response.status_code == 302 and response["Location"] == line.get_absolute_url()
    stored = BudgetLine.objects.get(pk=line.pk)
    assert (stored.description, stored.amount) == ("Door de dienst vastgelegd", Decimal("750.00"))
    assert messages_of(response) == [f"Begrotingsregel {stored} is bijgewerkt."]


def test_a_create_refused_by_its_service_creates_nothing(login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    page = client.get("/_hook/nieuw/")
    token = re.search(r'name="_form_token" value="([^"]+)"', page.content.decode()).group(1)
    data = {"organisation": haarlem.pk, "programme": "", "year": 2025, "kind": "other", "description": "Nieuw",
            "amount": "100.00", "_form_token": token}
    response = client.post("/_hook/nieuw/", data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"amount": [TOO_LOW]}
    assert not BudgetLine.objects.exists()
    # The refused form gave its token back: sent again, it is handled again, not "already sent".
    again = client.post("/_hook/nieuw/", data)
    assert again.status_code == 200 and again.context["form"].errors == {"amount": [TOO_LOW]}


def test_a_versioned_form_is_saved_by_the_service_inside_the_version_check(login, broker_haarlem, line):
    client = login(broker_haarlem)
    version = client.get(f"/_hook/weigert-bedrag/{line.pk}/").context["form"].version_token
    BudgetLine.objects.filter(pk=line.pk).update(description="Door een collega gewijzigd")
    stale = client.post(f"/_hook/weigert-bedrag/{line.pk}/",
                        line_data(line, amount="500.00", **{versions.FIELD: version}))
    assert stale.status_code == versions.STALE_STATUS and calls == []  # refused before the service ran
    line.refresh_from_db()
    current = client.get(f"/_hook/weigert-bedrag/{line.pk}/").context["form"].version_token
    response = client.post(f"/_hook/weigert-bedrag/{line.pk}/",
                           line_data(line, amount="500.00", **{versions.FIELD: current}))
    assert calls == [line.pk]
    assert response.status_code == 200 and response.context["form"].errors == {"amount": [TOO_LOW]}
    assert_unchanged(line)
    saved = client.post(f"/_hook/dienst/{line.pk}/", line_data(line, amount="750.00", **{versions.FIELD: current}))
    assert saved.status_code == 302
    assert BudgetLine.objects.get(pk=line.pk).description == "Door de dienst vastgelegd"


def test_a_unique_violation_in_the_service_is_explained(login, broker_haarlem, haarlem, monkeypatch):
    team = BrokerTeam.objects.create(organisation=haarlem, name="Team Noord", form="team")
    original = BrokerTeamForm._post_clean

    def post_clean(form):  # another request stores "Team Zuid" after this form's validation looked
        original(form)
        BrokerTeam.objects.create(organisation=haarlem, name="Team Zuid", form="team")

    monkeypatch.setattr(BrokerTeamForm, "_post_clean", post_clean)
    response = login(broker_haarlem).post(f"/_hook/team/{team.pk}/", {
        "organisation": haarlem.pk, "name": "Team Zuid", "form": "team"})
    assert calls == [team.pk]
    assert response.status_code == 200
    # Which rule, not only that something clashed: as a form sent after the other one would say.
    assert response.context["form"].errors == {
        "name": ["Er is al een makelaarsteam met precies deze waarden voor organisatie en naam."]}
    assert BrokerTeam.objects.get(pk=team.pk).name == "Team Noord"


def test_a_unique_violation_the_database_only_knows_is_still_explained(login, broker_haarlem, line, monkeypatch):
    def clash(view, form):
        form.save()
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(StoresThroughService, "save", clash)
    response = login(broker_haarlem).post(f"/_hook/dienst/{line.pk}/", line_data(line, amount="750.00"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(CONFLICT_MESSAGE)]
    assert_unchanged(line)
