"""Filter labels follow each page's language, whichever language built the shared form first; the
"Inkoopvraag" filter of Mijn reacties offers the requests one answered, not every request."""

import pytest
from django.conf import settings
from django.urls import reverse

from impactportal import filters
from procurement.constants import RequestStatus
from tests.procurement import builders_requests as rb

LABELS = {"nl": ("Soort onderneming", "Fase"), "en": ("Type of enterprise", "Phase")}


@pytest.mark.parametrize("first", ["en", "nl"])
def test_the_registers_model_named_filters_follow_the_language(first, login, broker_haarlem, monkeypatch):
    monkeypatch.setattr(filters, "_form_classes", {})  # as a fresh server process: nothing built yet
    client = login(broker_haarlem)
    for language in (first, *(set(LABELS) - {first})):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        html = client.get(reverse("enterprises:register")).content.decode()
        for label in LABELS[language]:
            assert f">{label}</label>" in html, (language, label)


def test_my_responses_offer_the_requests_answered(login, haarlem, amersfoort, ondernemer_1, enterprise_haarlem,
                                                   inkoper_haarlem):
    answered = rb.purchase_request(haarlem, title="Schoonmaak wijkcentrum")
    rb.response(answered, rb.admitted(enterprise_haarlem), by=ondernemer_1)
    rb.purchase_request(haarlem, title="Vertrouwelijke test", status=RequestStatus.WITHDRAWN)
    rb.purchase_request(amersfoort, title="Groenonderhoud Amersfoort")
    page = login(ondernemer_1).get(reverse("procurement:my-responses"))
    assert page.status_code == 200
    options = [label for value, label in page.context["filter"].form.fields["request"].choices if value != ""]
    assert options == ["Schoonmaak wijkcentrum"]
    assert "Vertrouwelijke test" not in page.content.decode()


def test_the_api_filters_responses_by_an_own_request_without_responses(api, haarlem, broker_haarlem):
    """The API's ``?request=`` takes any request the caller may see (an empty list until responses
    come), not only the answered ones the entrepreneur's page offers."""
    request = rb.purchase_request(haarlem)
    answer = api(broker_haarlem).get("/api/v1/procurement/responses/", {"request": request.pk})
    assert answer.status_code == 200 and answer.json()["count"] == 0


def test_the_api_schema_is_the_same_after_a_page_was_shown(client, login, broker_haarlem, monkeypatch):
    """The lazy labels go to a page's own filters; the schema describes the class's unlabelled
    filters in its own (English) words, before and after the register was shown."""
    monkeypatch.setattr(filters, "_form_classes", {})

    def stage():
        schema = client.get("/api/v1/schema/?format=json").json()
        parameters = schema["paths"]["/api/v1/enterprises/"]["get"]["parameters"]
        return next(p["description"] for p in parameters if p["name"] == "stage")

    before = stage()
    login(broker_haarlem).get(reverse("enterprises:register"))
    assert stage() == before and "Fase" not in before
