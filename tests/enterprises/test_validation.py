"""One validation path (the model's clean() and constraints, for forms and API alike), unique
violations of double submits as messages, ASCII-only identifiers and text size limits."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from brokers.api.serializers import BrokerTeamSerializer, BudgetLineSerializer, MandateSerializer
from brokers.models import BrokerTeam
from enterprises import services
from enterprises.api.serializers import CertificationSerializer, ContactMomentSerializer, EnterpriseSerializer
from enterprises.forms import DefinitionCheckForm, EnterpriseForm
from enterprises.models import ContactMoment, DefinitionCheck, Enterprise
from enterprises.views import DefinitionCheckEdit
from impactportal.accounts.models import Membership
from tests import factories as f

pytestmark = pytest.mark.django_db

UNIQUE_KVK = "Er staat al een onderneming met dit KvK-nummer in het register."
FULLWIDTH = "９００００００１"  # looks like 90000001
ASCII_ONLY = "Gebruik alleen de cijfers 0 tot en met 9."


# --- one validation path -------------------------------------------------------------------


@pytest.mark.parametrize("serializer", [EnterpriseSerializer, CertificationSerializer, ContactMomentSerializer,
                                        BrokerTeamSerializer, MandateSerializer, BudgetLineSerializer])
def test_writable_model_serializers_validate_through_the_model(serializer):
    from impactportal.api.serializers import ModelCleanSerializer

    assert issubclass(serializer, ModelCleanSerializer)
    # No second copy of the model's rules in the serializer.
    assert "validate" not in vars(serializer) and "validate_number" not in vars(serializer)


def test_a_rule_in_model_clean_reaches_the_api_without_serializer_code(api, broker_haarlem, enterprise_haarlem,
                                                                      monkeypatch):
    def clean(self):
        raise ValidationError({"subject": "Regel uit het model."})

    monkeypatch.setattr(ContactMoment, "clean", clean)
    response = api(broker_haarlem).post("/api/v1/contact-moments/", {
        "organisation": "haarlem", "enterprise": enterprise_haarlem.pk, "kind": "conversation",
        "date": "2026-02-01", "subject": "Gesprek"}, format="json")
    assert response.status_code == 400 and response.json() == {"subject": ["Regel uit het model."]}
    assert not ContactMoment.objects.exists()


@pytest.mark.parametrize("payload, field, message", [
    ({"follow_up_on": "2026-01-01"}, "follow_up_on", "De vervolgactie ligt vóór de datum van het contact."),
])
def test_contact_moment_api_keeps_the_model_message(api, broker_haarlem, enterprise_haarlem, payload, field, message):
    good = {"organisation": "haarlem", "enterprise": enterprise_haarlem.pk, "kind": "conversation",
            "date": "2026-02-01", "subject": "Gesprek"}
    response = api(broker_haarlem).post("/api/v1/contact-moments/", good | payload, format="json")
    assert response.status_code == 400 and response.json()[field] == [message]


def test_certification_api_messages_come_from_the_model(api, broker_haarlem, enterprise_haarlem):
    client = api(broker_haarlem)
    base = {"enterprise": enterprise_haarlem.pk, "scheme": "pso_1"}
    future = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    cases = [
        ({"number": "!!"}, "number", "Gebruik 3 tot 40 letters, cijfers, punten, streepjes of schuine strepen."),
        ({"issued_on": "2026-01-10", "valid_until": "2026-01-01"}, "valid_until",
         "De einddatum ligt vóór de uitgiftedatum."),
        ({"issued_on": future}, "issued_on", "De uitgiftedatum ligt in de toekomst."),
    ]
    for payload, field, message in cases:
        response = client.post("/api/v1/certifications/", base | payload, format="json")
        assert response.status_code == 400 and response.json()[field] == [message], response.json()


def test_enterprise_patch_is_checked_against_the_stored_values(api, broker_haarlem, haarlem):
    enterprise = f.EnterpriseFactory(municipality=haarlem, headcount=4, disadvantaged_count=1)
    response = api(broker_haarlem).patch(f"/api/v1/enterprises/{enterprise.pk}/", {"disadvantaged_count": 9},
                                         format="json")
    assert response.status_code == 400
    assert response.json() == {"disadvantaged_count": ["Dit aantal kan niet hoger zijn dan het aantal medewerkers."]}


def test_mandate_period_error_is_on_the_field(api, broker_haarlem, haarlem):
    team = BrokerTeam.objects.create(organisation=haarlem, name="Team Haarlem")
    response = api(broker_haarlem).post("/api/v1/mandates/", {
        "team": team.pk, "granted_by": "College", "scope": "Alles", "valid_from": "2026-02-01",
        "valid_until": "2026-01-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"valid_until": ["'Geldig tot' ligt voor 'geldig vanaf'."]}


# --- double submits: a message, never an IntegrityError ------------------------------------


def _racing_full_clean(monkeypatch, make_winner, on_call=1):
    """After validation passed (the ``on_call``-th full_clean), another request saves the
    conflicting row: the window between the unique check and the insert."""
    original = Enterprise.full_clean
    calls = []

    def full_clean(self, *args, **kwargs):
        original(self, *args, **kwargs)
        calls.append(self)
        if len(calls) == on_call:
            make_winner(self)

    monkeypatch.setattr(Enterprise, "full_clean", full_clean)


def test_registration_losing_the_race_for_a_kvk_number_gets_the_field_message(login, haarlem, monkeypatch):
    # The form validates first (call 1); the service checks again just before saving (call 2).
    _racing_full_clean(monkeypatch, lambda e: f.EnterpriseFactory(kvk_number=e.kvk_number, municipality=haarlem),
                       on_call=2)
    user = f.UserFactory(username="dubbelklik")
    response = login(user).post(reverse("enterprises:self-register"), {
        "name": "Dubbel BV", "kvk_number": "90000001", "municipality": haarlem.pk, "enterprise_type": "impact_first"})
    assert response.status_code == 200
    assert UNIQUE_KVK in response.content.decode() and 'href="#id_kvk_number"' in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_registration_service_turns_the_unique_violation_into_a_validation_error(haarlem, monkeypatch):
    _racing_full_clean(monkeypatch, lambda e: f.EnterpriseFactory(kvk_number=e.kvk_number, municipality=haarlem))
    with pytest.raises(ValidationError) as caught:
        services.enterprise_register(by=f.UserFactory(), name="Dubbel BV", kvk_number="90000002",
                                     municipality=haarlem)
    assert caught.value.message_dict == {"kvk_number": [UNIQUE_KVK]}


def test_broker_create_losing_the_race_shows_the_field_error(login, broker_haarlem, haarlem, monkeypatch):
    original = EnterpriseForm._post_clean

    def post_clean(self):
        original(self)
        f.EnterpriseFactory(kvk_number=self.cleaned_data["kvk_number"], municipality=haarlem)

    monkeypatch.setattr(EnterpriseForm, "_post_clean", post_clean)
    response = login(broker_haarlem).post(reverse("enterprises:enterprise-create"), {
        "name": "Dubbel BV", "kvk_number": "90000003", "municipality": haarlem.pk, "enterprise_type": "impact_first"})
    assert response.status_code == 200
    assert UNIQUE_KVK in response.content.decode() and 'href="#id_kvk_number"' in response.content.decode()


def test_api_create_losing_the_race_is_a_400_on_the_field(api, broker_haarlem, haarlem, monkeypatch):
    original = EnterpriseSerializer.validate

    def validate(self, attrs):
        attrs = original(self, attrs)
        f.EnterpriseFactory(kvk_number=attrs["kvk_number"], municipality=haarlem)
        return attrs

    monkeypatch.setattr(EnterpriseSerializer, "validate", validate)
    response = api(broker_haarlem).post("/api/v1/enterprises/", {
        "name": "Dubbel BV", "kvk_number": "90000004", "municipality": "haarlem"}, format="json")
    assert response.status_code == 400 and response.json() == {"kvk_number": [UNIQUE_KVK]}


def test_definition_check_second_first_save_updates_the_existing_row(login, broker_haarlem, haarlem,
                                                                     enterprise_haarlem, monkeypatch):
    # Both requests looked before either saved: each holds a new, unsaved check.
    monkeypatch.setattr(DefinitionCheckEdit, "setup_check",
                        lambda self: DefinitionCheck(enterprise=self.enterprise, organisation=haarlem))
    client = login(broker_haarlem)
    url = reverse("enterprises:definition-check", args=[enterprise_haarlem.pk])
    data = dict.fromkeys(DefinitionCheck.CHARACTERISTICS, "true") | {"notes": "Eerste", "checked_on": "2026-01-02"}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data | {"notes": "Tweede", "transparent": "false"}).status_code == 302
    check = DefinitionCheck.objects.get()
    assert check.notes == "Tweede" and check.met_count == 4 and check.checked_by == broker_haarlem


def test_definition_check_notes_are_limited_in_the_form(broker_haarlem, enterprise_haarlem, haarlem):
    form = DefinitionCheckForm(instance=DefinitionCheck(enterprise=enterprise_haarlem, organisation=haarlem),
                               user=broker_haarlem)
    assert "notes" in form.fields and form.fields["notes"].max_length == 5000


# --- ASCII digits only -----------------------------------------------------------------------


def test_fullwidth_kvk_number_is_refused_in_the_form(login, haarlem):
    f.EnterpriseFactory(kvk_number="90000001", municipality=haarlem)
    response = login(f.UserFactory(username="breed")).post(reverse("enterprises:self-register"), {
        "name": "Breed BV", "kvk_number": FULLWIDTH, "municipality": haarlem.pk, "enterprise_type": "impact_first"})
    assert response.status_code == 200 and ASCII_ONLY in response.content.decode()
    assert Enterprise.objects.count() == 1


@pytest.mark.parametrize("payload, field", [
    ({"kvk_number": FULLWIDTH}, "kvk_number"),
    ({"kvk_number": "٩٠٠٠٠٠٠١"}, "kvk_number"),  # Arabic-Indic digits
    ({"postcode": "２０１１ AB"}, "postcode"),
])
def test_non_ascii_digits_are_refused_by_the_api(api, broker_haarlem, haarlem, payload, field):
    f.EnterpriseFactory(kvk_number="90000001", municipality=haarlem)
    response = api(broker_haarlem).post("/api/v1/enterprises/", {
        "name": "Breed BV", "kvk_number": "90000009", "municipality": "haarlem"} | payload, format="json")
    assert response.status_code == 400 and response.json()[field] == [ASCII_ONLY], response.json()


def test_fullwidth_kvk_number_is_refused_when_linking_an_account(login, haarlem):
    from brokers.helpdesk.forms import LinkEnterpriseForm, SignupForm

    assert not LinkEnterpriseForm({"kvk_number": FULLWIDTH}).is_valid()
    signup = SignupForm({"kvk_number": FULLWIDTH})
    signup.is_valid()
    assert signup.errors["kvk_number"] == [ASCII_ONLY]


@pytest.mark.parametrize("query", ["²", "#²", "٣", "99999999999999999999999"])
def test_case_search_with_odd_digits_is_not_a_500(login, broker_haarlem, query):
    response = login(broker_haarlem).get(reverse("helpdesk:inbox"), {"q": query})
    assert response.status_code == 200


# --- sizes -----------------------------------------------------------------------------------

MILLION = "x" * 1_000_000


def test_enterprise_description_of_a_million_characters_is_refused(api, login, broker_haarlem, haarlem,
                                                                   enterprise_haarlem):
    response = api(broker_haarlem).patch(f"/api/v1/enterprises/{enterprise_haarlem.pk}/",
                                         {"description": MILLION}, format="json")
    assert response.status_code == 400 and "description" in response.json()
    form = login(broker_haarlem).post(reverse("enterprises:enterprise-update", args=[enterprise_haarlem.pk]), {
        "name": enterprise_haarlem.name, "kvk_number": enterprise_haarlem.kvk_number, "municipality": haarlem.pk,
        "enterprise_type": "impact_first", "description": MILLION})
    assert form.status_code == 200 and 'href="#id_description"' in form.content.decode()
    enterprise_haarlem.refresh_from_db()
    assert len(enterprise_haarlem.description) < 5000


def test_model_full_clean_enforces_text_limits(enterprise_haarlem):
    enterprise_haarlem.description = "x" * 5001
    with pytest.raises(ValidationError) as caught:
        enterprise_haarlem.full_clean()
    assert "description" in caught.value.message_dict
    enterprise_haarlem.description = "x" * 5000
    enterprise_haarlem.full_clean()


def test_any_remaining_integrity_error_is_a_400_in_the_api():
    from django.db import IntegrityError

    from impactportal.api.exceptions import exception_handler

    response = exception_handler(IntegrityError("duplicate key"), {})
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Deze gegevens botsen met bestaande gegevens."]}


def test_api_team_create_losing_the_race_names_the_constraint(api, broker_haarlem, haarlem, monkeypatch):
    original = BrokerTeamSerializer.validate

    def validate(self, attrs):
        attrs = original(self, attrs)
        BrokerTeam.objects.create(organisation=haarlem, name=attrs["name"])  # the other request wins
        return attrs

    monkeypatch.setattr(BrokerTeamSerializer, "validate", validate)
    response = api(broker_haarlem).post("/api/v1/broker-teams/", {"organisation": "haarlem", "name": "Team"},
                                        format="json")
    assert response.status_code == 400, response.json()
    assert response.json() == {"non_field_errors": ["Makelaarsteam met deze Organisatie en Naam bestaat al."]}
    assert BrokerTeam.objects.filter(name="Team").count() == 1


def test_a_row_still_in_use_is_not_deleted_and_the_api_says_what_uses_it(api, broker_haarlem, enterprise_haarlem):
    """A ProtectedError is an IntegrityError, but no clash of values: the API answered "these data
    conflict with existing data" where the pages say it is still in use."""
    from financing.models import ImpactFund, Investment

    fund = ImpactFund.objects.create(name="Kennemer Impactfonds", organisation=enterprise_haarlem.municipality)
    Investment.objects.create(fund=fund, enterprise=enterprise_haarlem, amount="25000.00", date="2025-01-05")
    response = api(broker_haarlem).delete(f"/api/v1/enterprises/{enterprise_haarlem.pk}/")
    assert response.status_code == 400, response.content
    assert response.json()["non_field_errors"] == [
        "Dit is nog in gebruik (investeringen) en kan niet worden verwijderd."]
    assert type(enterprise_haarlem).objects.filter(pk=enterprise_haarlem.pk).exists()


def test_a_refusal_without_its_own_message_says_u_not_je():
    from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
    from django.utils import translation
    from rest_framework import exceptions

    from impactportal.api.exceptions import exception_handler

    for exc in (exceptions.PermissionDenied(), DjangoPermissionDenied()):
        response = exception_handler(exc, {})
        assert response.status_code == 403 and response.data == {"detail": "U hebt geen toestemming om dit te doen."}
    with translation.override("en"):
        response = exception_handler(exceptions.PermissionDenied(), {})
        assert response.data == {"detail": "You are not allowed to do this."}
    own = exception_handler(exceptions.PermissionDenied("Alleen de voorzitter legt het besluit vast."), {})
    assert own.data == {"detail": "Alleen de voorzitter legt het besluit vast."}


def test_an_unknown_snapshot_kind_names_every_kind(api, broker_haarlem):
    response = api(broker_haarlem).get("/api/v1/monitoring/snapshots/?kind=zzz")
    assert response.status_code == 400
    assert response.json()["kind"] == ["Kies een van: monthly, baseline, year_to_date."]
