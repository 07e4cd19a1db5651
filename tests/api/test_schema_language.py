"""The published schema is one language: its summaries and descriptions are written in English,
and the labels and choices it takes from the models followed the request (Dutch by default), so a
request without Accept-Language got a schema half Dutch ("Toegelaten tot de etalage")."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", [None, "nl", "en"])
def test_the_schema_is_english_whatever_the_request_language(client, language):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get("/api/v1/schema/?format=json", **headers)
    assert response.status_code == 200 and response["Content-Language"] == "en"
    text = response.content.decode()
    assert "List enterprises" in text
    assert "Admitted to the showcase" in text and "Toegelaten tot de etalage" not in text


def test_the_apis_messages_still_follow_the_request_language(client):
    dutch = client.post("/api/v1/enterprises/", {}, HTTP_ACCEPT_LANGUAGE="nl").json()
    english = client.post("/api/v1/enterprises/", {}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert dutch["detail"] != english["detail"]
