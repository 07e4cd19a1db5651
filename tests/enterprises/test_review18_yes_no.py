"""A yes / no / unknown answer the drop-down does not offer is a field error, not "onbekend"."""

import pytest
from django.urls import reverse

from enterprises.models import DefinitionCheck


def _post(client, url, **changes):
    data = dict.fromkeys(DefinitionCheck.CHARACTERISTICS, "true") | {"notes": "", "checked_on": "2026-01-02"}
    return client.post(url, data | changes)


@pytest.mark.parametrize("value", ["abc", "999999999", "yes", "ja"])
def test_an_unknown_answer_is_refused_and_keeps_the_saved_one(value, login, broker_haarlem, enterprise_haarlem):
    client = login(broker_haarlem)
    url = reverse("enterprises:definition-check", args=[enterprise_haarlem.pk])
    assert _post(client, url).status_code == 302
    refused = _post(client, url, impact_first=value)
    assert refused.context["form"].errors == {"impact_first": ["Kies ja, nee of onbekend."]}
    assert DefinitionCheck.objects.get().impact_first is True


@pytest.mark.parametrize(("sent", "saved"), [("true", True), ("false", False), ("unknown", None), ("", None),
                                             ("True", True), ("False", False), ("2", True), ("3", False), ("1", None)])
def test_what_the_drop_down_sends_is_read_as_before(sent, saved, login, broker_haarlem, enterprise_haarlem):
    client = login(broker_haarlem)
    url = reverse("enterprises:definition-check", args=[enterprise_haarlem.pk])
    assert _post(client, url, transparent=sent).status_code == 302
    assert DefinitionCheck.objects.get().transparent is saved
