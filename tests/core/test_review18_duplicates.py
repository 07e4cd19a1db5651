"""A row that exists already is said next to the field that makes it a duplicate, naming only fields
the form shows (Django's message named a hidden "Versie", above the form)."""

from django.urls import reverse

from procurement.models import RuleSet


def _rule_set(client, region):
    return client.post("/inkoop/regelingen/nieuw/", {
        "name": "Regeling ZKIJ 2026", "region": region.pk, "valid_from": "2026-01-01",
        "obligation_percentage": "5", "threshold": "100000", "source": "Regionaal besluit"})


def test_a_second_rule_set_of_the_same_name_gets_the_error_on_its_name(region, login, broker_haarlem):
    client = login(broker_haarlem)
    assert _rule_set(client, region).status_code == 302
    again = _rule_set(client, region)
    errors = again.context["form"].errors
    assert errors == {"name": ["Er is al een SROI-regeling met precies deze waarden voor regio en naam."]}
    assert "__all__" not in errors and RuleSet.objects.count() == 1


def test_a_team_partner_twice_is_said_next_to_its_fields(login, broker_haarlem, haarlem):
    from ecosystem.models import Party
    from tests import factories as f

    team = f.broker_team(haarlem)
    party = Party.objects.create(name="Impact Hub Haarlem", category="intermediary")
    client = login(broker_haarlem)
    url = reverse("brokers:partner-create")
    data = {"team": team.pk, "party": party.pk, "relation": "collaboration", "description": ""}
    assert client.post(url, data).status_code == 302
    errors = client.post(url, data).context["form"].errors
    assert errors == {"relation": [
        "Er is al een externe partner met precies deze waarden voor team, partij en relatie."]}
