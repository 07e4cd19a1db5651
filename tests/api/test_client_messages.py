"""What an outside API client sees when it is not signed in or sends a wrong reference."""

from rest_framework.test import APIClient

from enterprises.models import ContactMoment


def test_an_anonymous_write_gets_401_with_a_token_challenge(db):
    response = APIClient().post("/api/v1/contact-moments/", {"subject": "x"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_an_unknown_reference_is_explained_in_plain_language(api, broker_haarlem, enterprise_haarlem):
    good = {"organisation": "haarlem", "enterprise": enterprise_haarlem.pk, "kind": "conversation",
            "date": "2026-02-01", "subject": "Gesprek"}
    client = api(broker_haarlem)
    response = client.post("/api/v1/contact-moments/", good | {"enterprise": 99999999}, format="json")
    assert response.status_code == 400
    assert response.json()["enterprise"] == [
        "Er is geen object met nummer 99999999, of u heeft er geen toegang toe."]
    response = client.post("/api/v1/contact-moments/", good | {"enterprise": "abc"}, format="json")
    assert response.json()["enterprise"] == ["Vul het nummer van een object in (een geheel getal)."]
    response = client.post("/api/v1/contact-moments/", good | {"organisation": "nergens"}, format="json")
    assert "nergens" in response.json()["organisation"][0]
    # In English when the client asks for it.
    response = client.post("/api/v1/contact-moments/", good | {"enterprise": 99999999}, format="json",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["enterprise"] == [
        "There is no object with number 99999999, or you have no access to it."]
    assert not ContactMoment.objects.exists()


def test_every_operation_has_a_summary_and_no_developer_notes(client):
    import yaml

    from brokers.helpdesk.api import InstrumentViewSet

    schema = yaml.safe_load(client.get("/api/v1/schema/").content)
    operations = [op for ops in schema["paths"].values() for op in ops.values()]
    assert len(operations) > 60
    assert all(op.get("summary") for op in operations)
    assert "``?category=``" in InstrumentViewSet.__doc__ and "``?category=``" not in str(schema)
    enterprises = schema["paths"]["/api/v1/enterprises/"]["get"]
    assert enterprises["summary"] == "List enterprises" and "cursor" in enterprises["description"]


def test_components_carry_no_base_class_notes(client):
    """A serializer without a docstring of its own inherited its base class's (how the code base
    validates or reads rows) as the description of its component."""
    import yaml

    from impactportal.api.serializers import ModelCleanSerializer, PortalModelSerializer

    components = yaml.safe_load(client.get("/api/v1/schema/").content)["components"]["schemas"]
    descriptions = [schema.get("description", "") for schema in components.values()]
    for base in (PortalModelSerializer, ModelCleanSerializer):
        first_line = base.__doc__.splitlines()[0]
        assert not [text for text in descriptions if first_line in text]
    # A serializer's own docstring is still its component's description.
    assert components["Property"]["description"].startswith("Rents and suitability notes")


def test_the_documentation_page_leads_back_to_the_portal(client):
    """The API documentation (Swagger UI, no portal menu) had no way back; its description, shown
    on top of it, links to the portal and says which languages the messages come in."""
    import yaml

    info = yaml.safe_load(client.get("/api/v1/schema/").content)["info"]
    assert "[← Back to the Impactportaal](/)" in info["description"]
    assert "Accept-Language" in info["description"]


def test_summaries_are_whole_sentences_per_method_and_lists_promise_only_their_paging(client):
    """API review 6: summaries were docstrings cut off in mid-sentence ("… answers 200 with the"),
    a GET and a POST shared "GET: … POST: …", reStructuredText showed as ``amount``, and lists that
    answer a plain array promised `page` and `cursor`."""
    import yaml

    paths = yaml.safe_load(client.get("/api/v1/schema/").content)["paths"]
    operations = [op for ops in paths.values() for op in ops.values() if isinstance(op, dict)]
    for op in operations:
        summary = op["summary"]
        assert "``" not in summary + op.get("description", ""), summary
        assert summary.split()[-1].lower() not in {"the", "a", "an", "with", "of", "to", "and", "or"}, summary
        assert not summary.startswith(("GET:", "POST:")), summary
    pay = paths["/api/v1/financing/claims/{id}/pay/"]["post"]
    assert pay["summary"] == "Pay the verified claim" and "repeated call answers 200" in pay["description"]
    lines = paths["/api/v1/procurement/contracts/{id}/realisations/"]
    assert lines["get"]["summary"] != lines["post"]["summary"]
    assert lines["post"]["summary"].startswith("Report a line")
    assert paths["/api/v1/monitoring/indicators/"]["get"]["summary"] == "List indicators"
    indicators = paths["/api/v1/monitoring/indicators/"]["get"]["description"]
    assert "cursor" not in indicators and "plain array" in indicators and "measurements" not in indicators


def _operations(client):
    import yaml

    paths = yaml.safe_load(client.get("/api/v1/schema/").content)["paths"]
    return [(method.upper(), path, op) for path, ops in paths.items() for method, op in ops.items()]


def test_every_operation_has_a_description_of_its_own(client):
    """Custom actions without a docstring got a summary made of their name ("Advance", "Shortlist",
    "Metrics") and no description at all; long first sentences were cut off with "…"."""
    import re

    operations = _operations(client)
    for method, path, op in operations:
        summary, description = op["summary"], op.get("description", "")
        assert description.strip(), f"{method} {path} has no description"
        assert description.strip().rstrip(".") != summary.rstrip("."), f"{method} {path} only repeats its summary"
        assert not summary.endswith("…"), f"{method} {path}: summary cut off: {summary}"
        assert len(summary.split()) > 1, f"{method} {path}: summary is a bare name: {summary}"
        # A model's name in mid-sentence: "List social cost-benefit analyses", not "List Social …".
        assert not re.match(r"(List|Show one|Create|Replace|Change|Delete)( an?)? [A-Z][a-z]", summary), summary
        for word in ("queryset", "select_related", "access.scope", "TODO", "ViewSet", "Serializer"):
            assert word not in summary + description, f"{method} {path} speaks of {word}"
    summaries = {}
    for method, path, op in operations:
        assert summaries.setdefault((path, op["summary"]), method) == method, f"{path}: one summary for two methods"


def test_every_parameter_is_described_and_ordering_names_its_fields(client):
    """Filters without a label, ``slug`` and ``number`` in paths had no description; ``ordering``
    said "Which field to use when ordering the results." without naming one."""
    from enterprises.api.views import EnterpriseViewSet

    for method, path, op in _operations(client):
        for parameter in op.get("parameters", []):
            description = parameter.get("description", "")
            assert description and not description.startswith("* `"), f"{method} {path}: {parameter['name']}"
            if parameter["name"] == "ordering":
                assert "Which field" not in description and "`-" in description, f"{method} {path}"
    ordering = next(p for method, path, op in _operations(client) if path == "/api/v1/enterprises/" and method == "GET"
                    for p in op["parameters"] if p["name"] == "ordering")
    assert all(f"`{name}`" in ordering["description"] for name in EnterpriseViewSet.ordering_fields)


def test_error_answers_are_documented_where_they_apply(client):
    """Only the success answer was documented: a client could not see that a write answers 401
    with ``WWW-Authenticate: Token`` without a token, 403 without the right, 404 outside its view."""
    for method, path, op in _operations(client):
        responses = op["responses"]
        if method in ("POST", "PUT", "PATCH", "DELETE") and path != "/api/v1/auth/token/":
            assert {"401", "403"} <= set(responses), f"{method} {path}"
            assert "WWW-Authenticate" in responses["401"]["headers"]
        if method in ("POST", "PUT", "PATCH"):
            assert "400" in responses, f"{method} {path}"
        if "{" in path:
            assert "404" in responses, f"{method} {path}"


def test_every_anonymous_write_answers_401_with_a_token_challenge(client, enterprise_haarlem):
    """Every write in the schema, the actions included (``/{id}/verify/``), not only the CRUD of one."""
    import re

    anonymous = APIClient()
    for method, path, _op in _operations(client):
        if method in ("GET", "HEAD", "OPTIONS") or path == "/api/v1/auth/token/":
            continue
        response = getattr(anonymous, method.lower())(re.sub(r"\{[^}]+\}", "1", path), {}, format="json")
        assert response.status_code == 401, f"{method} {path}: {response.status_code}"
        assert response["WWW-Authenticate"] == "Token", f"{method} {path}"


TECHNICAL = ("dictionary", "Verwacht een", "Expected", "type \"", "boolean", "formaat", "format", "YYYY",
             "Ongeldige data", "Invalid data", "pk", "valid number is required", "geldig nummer is vereist")


def test_values_of_the_wrong_kind_are_explained_plainly_in_the_request_language(api, broker_haarlem,
                                                                                  enterprise_haarlem):
    """DRF's own messages named Python's types ("Verwacht een dictionary, kreeg een int"), ISO date
    notation, and some stayed English in a Dutch request ("Must be a valid boolean.")."""
    good = {"organisation": "haarlem", "enterprise": enterprise_haarlem.pk, "kind": "conversation",
            "date": "2026-02-01", "subject": "Gesprek"}
    client = api(broker_haarlem)
    bad = good | {"date": "gisteren", "follow_up_done": "misschien"}
    dutch = client.post("/api/v1/contact-moments/", bad, format="json").json()
    assert dutch["date"] == ["Vul een datum in als jaar-maand-dag, bijvoorbeeld 2026-03-31."]
    assert dutch["follow_up_done"] == ["Vul true of false in."]
    english = client.post("/api/v1/contact-moments/", bad, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["date"] == ["Enter a date as year-month-day, for example 2026-03-31."]
    assert english["follow_up_done"] == ["Enter true or false."]
    assert not ContactMoment.objects.exists()


def test_no_serializer_field_speaks_of_types_or_formats(db):
    import datetime

    from django.utils import translation
    from rest_framework import serializers

    class Line(serializers.Serializer):
        name = serializers.CharField()

    cases = [(serializers.BooleanField(), "misschien"), (serializers.DateField(), "gisteren"),
             (serializers.DateField(), datetime.datetime(2026, 1, 1, 10)),
             (serializers.DateTimeField(), "vanmiddag"), (serializers.TimeField(), "straks"),
             (serializers.IntegerField(), "veel"), (serializers.DecimalField(max_digits=5, decimal_places=2), "veel"),
             (serializers.FloatField(), "veel"), (serializers.ListField(child=serializers.CharField()), "los"),
             (serializers.MultipleChoiceField(choices=["a"]), 5), (serializers.DictField(), 5),
             (serializers.UUIDField(), "x"), (Line(), 5), (Line(many=True), 5),
             (serializers.PrimaryKeyRelatedField(queryset=ContactMoment.objects.all()), "abc"),
             (serializers.PrimaryKeyRelatedField(queryset=ContactMoment.objects.all()), 99)]
    for language in ("nl", "en"):
        with translation.override(language):
            for field, value in cases:
                try:
                    field.run_validation(value)
                except serializers.ValidationError as error:
                    text = str(error.detail)
                else:
                    raise AssertionError(f"{field!r} accepted {value!r}")
                assert not [word for word in TECHNICAL if word in text], (language, type(field).__name__, text)


def test_a_missing_field_is_worded_alike_in_the_api_and_on_the_forms(api, broker_haarlem):
    """One wording for a missing value: the reference fields said "Dit veld is verplicht.", every
    other API field and every form "Dit veld is vereist."."""
    from django import forms
    from django.utils import translation

    response = api(broker_haarlem).post("/api/v1/contact-moments/", {"organisation": "haarlem"}, format="json")
    assert response.status_code == 400
    body = response.json()
    with translation.override("nl"):
        on_forms = str(forms.CharField().error_messages["required"])
    assert body["enterprise"] == body["subject"] == [on_forms]
