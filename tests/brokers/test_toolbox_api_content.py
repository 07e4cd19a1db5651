"""The toolbox modules API carries what the module page and the PDF show besides the questions: the
explanation, the practice examples and the reading tips, in the request's language (Accept-Language),
English where the module has English and Dutch where it has none, as the English pages; and the list
costs the same number of queries however many modules there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from brokers import toolbox_content
from brokers.models import Module
from tests import factories as f

pytestmark = pytest.mark.django_db

LIST = "/api/v1/toolbox/modules/"


@pytest.fixture
def edition(db):
    return f.toolbox_edition()


def modules(client, language=None):
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    response = client.get(LIST, **headers)
    assert response.status_code == 200
    return {module["number"]: module for module in response.json()}


def seeded(number):
    return next(data for data in toolbox_content.MODULES if data["number"] == number)


@pytest.mark.parametrize("language", [None, "nl", "de"])  # no header, Dutch, or a language the portal lacks
def test_the_modules_give_explanation_examples_and_reading_tips_in_dutch(edition, api, language):
    listed = modules(api(), language)
    first, data = listed[1], seeded(1)
    assert first["explanation"] == data["explanation"] and first["explanation_lang"] == "nl"
    assert first["practice_examples"] == data["examples"] and first["practice_examples_lang"] == "nl"
    assert first["reading_tips"] == [{"title": title, "url": url, "lang": "nl"} for title, _en, url in data["tips"]]
    assert listed[5]["reading_tips"] == []  # module 5 has none
    assert all(module["explanation"] for module in listed.values())
    retrieved = api().get(f"{LIST}3/", **({"HTTP_ACCEPT_LANGUAGE": language} if language else {})).json()
    assert retrieved["explanation"] == seeded(3)["explanation"]
    assert retrieved["reading_tips"][1]["title"] == "Register Code Sociale Ondernemingen"


def test_the_modules_give_explanation_examples_and_reading_tips_in_english(edition, api):
    listed = modules(api(), "en")
    first, data = listed[1], seeded(1)
    assert first["explanation"] == data["explanation_en"] != data["explanation"]
    assert first["explanation"].startswith("If you want impact entrepreneurs")
    assert first["explanation_lang"] == "en"
    assert first["practice_examples"] == data["examples_en"] and first["practice_examples_lang"] == "en"
    assert first["reading_tips"] == [{"title": title_en, "url": url, "lang": "en"}
                                     for _title, title_en, url in data["tips"]]
    assert all(module["explanation_lang"] == "en" for module in listed.values())
    assert [module["practice_examples_lang"] for number, module in listed.items() if seeded(number)["examples"]] \
        == ["en"] * 10
    # The rest stays as it was: Dutch with its English next to it, whatever the request's language.
    assert first["title"] == data["title"] and first["title_en"] == data["title_en"]
    retrieved = api().get(f"{LIST}3/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert retrieved["explanation"] == seeded(3)["explanation_en"]
    assert retrieved["reading_tips"][1] == {"title": "Register of the Code Sociale Ondernemingen (in Dutch)",
                                            "url": seeded(3)["tips"][1][2], "lang": "en"}


def test_english_falls_back_to_dutch_where_there_is_no_english(edition, api):
    module = Module.objects.get(edition=edition, number=1)
    module.explanation_en = ""
    module.reading_tips = [dict(module.reading_tips[0], title_en=""), module.reading_tips[1],
                           {"title": "Een tip van de beheerder", "url": "https://example.org/tip"}]  # no title_en
    module.save()
    first, data = modules(api(), "en")[1], seeded(1)
    assert first["explanation"] == data["explanation"] and first["explanation_lang"] == "nl"
    assert first["practice_examples"] == data["examples_en"] and first["practice_examples_lang"] == "en"
    assert first["reading_tips"] == [
        {"title": data["tips"][0][0], "url": data["tips"][0][2], "lang": "nl"},
        {"title": data["tips"][1][1], "url": data["tips"][1][2], "lang": "en"},
        {"title": "Een tip van de beheerder", "url": "https://example.org/tip", "lang": "nl"},
    ]
    Module.objects.filter(number=2).update(explanation="", explanation_en="", practice_examples_en="")
    second = modules(api(), "en")[2]
    assert second["explanation"] == "" and second["explanation_lang"] == "nl"
    assert second["practice_examples"] == seeded(2)["examples"] and second["practice_examples_lang"] == "nl"
    dutch = modules(api(), "nl")[1]
    assert dutch["reading_tips"][2]["title"] == "Een tip van de beheerder" and dutch["explanation_lang"] == "nl"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_module_list_costs_the_same_queries_for_any_number_of_modules(edition, api, language):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            answer = api().get(LIST, HTTP_ACCEPT_LANGUAGE=language)
        assert answer.status_code == 200
        return len(answer.json()), len(captured.captured_queries)

    count, thirteen = queries()
    assert count == 13
    Module.objects.filter(edition=edition, number__gt=2).delete()
    count, two = queries()
    assert count == 2
    assert thirteen == two <= 5
