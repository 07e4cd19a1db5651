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
    indicators = paths["/api/v1/monitoring/indicators/"]["get"]["description"]
    assert "cursor" not in indicators and "plain array" in indicators
