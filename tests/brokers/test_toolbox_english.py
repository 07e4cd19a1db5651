"""The toolbox in English: every seeded text has an English version, English pages show it (Dutch
pages the Dutch), an answer stores the same Dutch option from either page and reads back the same,
empty English falls back to Dutch, and the PDF, the support map and the API carry the English."""

import html
import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from brokers import toolbox_content
from brokers.constants import QuestionKind
from brokers.models import Answer, Edition, Module, Question, Theme
from brokers.models.toolbox import CHOICE_KINDS
from brokers.toolbox import services
from brokers.toolbox.values import display
from impactportal.models import Job
from tests import factories as f
from tests.pdf_words import pdf_words

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(db):
    return f.toolbox_edition()


def q(key):
    return Question.objects.get(module__edition__is_current=True, key=key)


def page(client, url, language):
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def radio_value(page_html, label):
    """The value a form posts for the option shown as ``label``."""
    found = re.search(r'<input type="(?:radio|checkbox)" name="value" value="([^"]*)"[^>]*> ' + re.escape(label)
                      + "</label>", page_html)
    assert found, label
    return found.group(1)


# --- the seeded content -----------------------------------------------------------------------------
def test_every_seeded_theme_module_question_and_option_has_english(edition):
    assert edition.title_en == "Toolbox Broker with a Mandate (2023)"
    themes = Theme.objects.filter(edition=edition)
    assert themes.count() == 5 and all(theme.title_en and theme.title_en != theme.title for theme in themes)
    modules = Module.objects.filter(edition=edition)
    assert modules.count() == 13
    for module in modules:
        assert module.title_en and module.title_en != module.title
        assert len(module.learning_goals_en) == len(module.learning_goals) and all(module.learning_goals_en)
        assert module.explanation_en and module.explanation_en != module.explanation
        assert bool(module.practice_examples_en) == bool(module.practice_examples)
        assert all(tip["title_en"] for tip in module.reading_tips)
        assert module.english_gaps() == (0, module.english_gaps()[1])
    questions = Question.objects.filter(module__edition=edition)
    assert questions.count() == 43
    kinds = set()
    for question in questions:
        assert question.text_en and question.text_en != question.text, question.key
        assert question.english_gaps()[0] == 0, question.key
        if question.kind in CHOICE_KINDS:
            kinds.add(question.kind)
            assert len(question.options_en) == len(question.options) and all(question.options_en), question.key
        elif question.kind == QuestionKind.TABLE:
            kinds.add(question.kind)
            assert all(column["label_en"] for column in question.options)
        else:
            assert question.options_en == []
    assert kinds == {*CHOICE_KINDS, QuestionKind.TABLE}


def test_seeding_again_keeps_the_english_and_the_answers(edition, haarlem, broker_haarlem):
    """Seeding with the shipped texts (``seed_demo``, ``seed_reference --update``) brings the
    English back and leaves the answers; plain ``seed_reference`` keeps the rows as they are
    (tests/core/test_seed_reference_edits.py)."""
    from impactportal.seed import rows

    services.answer_save(organisation=haarlem, question=q("team-form"), value="Eén makelaar met mandaat",
                         by=broker_haarlem)
    Question.objects.filter(key="team-form").update(text_en="", options_en=[])
    with rows.run(update=True):
        f.toolbox_edition()
    question = q("team-form")
    assert question.text_en == "What suits your organisation best?"
    assert question.options_en[0] == "One broker with a mandate"
    assert Answer.objects.get(question=question).saved_value == "Eén makelaar met mandaat"
    assert Question.objects.count() == 43


# --- pages ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_pages_show_the_toolbox_in_the_pages_language(edition, login, broker_haarlem, language):
    client = login(broker_haarlem)
    overview = page(client, reverse("brokers:toolbox"), language)
    module1 = page(client, reverse("brokers:toolbox-module", args=[1]), language)
    module2 = page(client, reverse("brokers:toolbox-module", args=[2]), language)
    english = {
        overview: ["Getting started", "Evaluating and monitoring", "How do you build support, including at executive "
                   "level?", "Insight into impact", "Toolbox Broker with a Mandate (2023)"],
        module1: ["How to convince colleagues that impact entrepreneurship matters.",
                  "If you want impact entrepreneurs in your municipality",
                  "In Zuidoost-Drenthe, a Regio Deal helped",
                  "Make a support map: which colleagues", "Name or position", "Supportive or to be convinced",
                  "Is there an alderman or member of the provincial executive",
                  "> Work for people at a distance from the labour market</label>",
                  "> Socially responsible procurement</label>",
                  "pocket guide to social enterprise", "How do you set up a broker team with a mandate?"],
        module2: ["Which team qualities does your broker team bring", "> One broker with a mandate</label>",
                  "What suits your organisation best?", "Getting started"],
    }
    dutch = {
        overview: ["Opstarten", "Evalueren en monitoren", "Hoe organiseert u (bestuurlijk) draagvlak?",
                   "Zicht op impact"],
        module1: ["Hoe u collega's overtuigt dat impact ondernemen ertoe doet.",
                  "Wilt u dat impactondernemers in uw gemeente", "In Zuidoost-Drenthe hielp een Regio Deal",
                  "Maak een draagvlakkaart", "Naam of functie", "Steunend of te overtuigen",
                  "Is er een wethouder of gedeputeerde", "> Werk voor mensen met een afstand tot de arbeidsmarkt</label>",
                  "Zakboek sociaal ondernemen (Social Enterprise NL)",
                  "Hoe richt u een makelaarsteam met mandaat in?"],
        module2: ["Welke teamkwaliteiten", "> Eén makelaar met mandaat</label>",
                  "Wat past beter bij uw organisatie?"],
    }
    shown, hidden = (english, dutch) if language == "en" else (dutch, english)  # an option: its label
    for html_page, texts in shown.items():
        assert [text for text in texts if text not in html_page] == []
    for html_page, texts in hidden.items():
        assert [text for text in texts if text in html_page] == []
    for html_page in (overview, module1, module2):
        assert f'<span lang="{language}">' in html_page  # the content is marked in the language it is in
        assert 'id="toolbox-language"' not in html_page  # nothing falls back to Dutch
    # Whatever the language, the form posts the stored (Dutch) option and the links are the same.
    assert 'value="Eén makelaar met mandaat"' in module2
    assert 'name="cell-0-stance"' in module1
    assert "https://www.social-enterprise.nl/application/files/8515/7235/3307/Zakboek_1.2.pdf" in module1


@pytest.mark.parametrize("key", ["team-form", "service-checklist", "domains"])
def test_an_answer_from_the_english_page_stores_the_dutch_option_and_reads_back_on_both(
        edition, login, broker_haarlem, inkoper_haarlem, haarlem, key):
    question = q(key)
    english_label, dutch_label = question.options_en[1], question.options[1]
    client = login(broker_haarlem)
    url = reverse("brokers:toolbox-module", args=[question.module.number])
    answer_url = reverse("brokers:toolbox-answer", args=[question.pk])

    english_value = radio_value(page(client, url, "en"), english_label)
    assert client.post(answer_url, {"value": english_value, "submit": "save"}).status_code == 302
    from_english = Answer.objects.get(question=question, organisation=haarlem).saved_value

    dutch_value = radio_value(page(client, url, "nl"), dutch_label)
    assert client.post(answer_url, {"value": dutch_value, "submit": "save"}).status_code == 302
    from_dutch = Answer.objects.get(question=question, organisation=haarlem).saved_value

    expected = dutch_label if question.kind == QuestionKind.CHOICE else [dutch_label]
    assert english_value == dutch_value == dutch_label
    assert from_english == from_dutch == expected
    # The English label is no stored value: posted as one, it is refused and the answer stays.
    client.cookies["django_language"] = "en"
    assert client.post(answer_url, {"value": english_label, "submit": "save"}).status_code == 400
    assert Answer.objects.get(question=question, organisation=haarlem).saved_value == expected
    # Read back: the same option is checked on both pages, each in its own language.
    checked = f'value="{dutch_label}" checked> '
    assert checked + english_label in page(client, url, "en")
    assert checked + dutch_label in page(client, url, "nl")
    # The history and a colleague's read-only view show the option's label in the page's language.
    history = reverse("brokers:toolbox-history", args=[question.pk])
    assert english_label in page(client, history, "en") and dutch_label not in page(client, history, "en")
    assert dutch_label in page(client, history, "nl")
    colleague = login(inkoper_haarlem)
    assert english_label in page(colleague, url, "en") and dutch_label in page(colleague, url, "nl")


def test_a_table_answer_from_the_english_page_is_stored_by_column_key(edition, login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    client.cookies["django_language"] = "en"
    table = q(toolbox_content.SUPPORT_MAP)
    client.post(reverse("brokers:toolbox-answer", args=[table.pk]),
                {"cell-0-name": "Alderman", "cell-0-stance": "Supportive", "cell-0-how": "Agenda", "submit": "save"})
    assert Answer.objects.get(question=table).value == [{"name": "Alderman", "stance": "Supportive", "how": "Agenda"}]
    url = reverse("brokers:toolbox-module", args=[1])
    assert 'name="cell-0-stance" value="Supportive" aria-label="Supportive or to be convinced (' in page(
        client, url, "en")
    assert 'name="cell-0-stance" value="Supportive" aria-label="Steunend of te overtuigen (' in page(client, url, "nl")


# --- fallback ---------------------------------------------------------------------------------------
def test_empty_english_falls_back_to_dutch(edition, login, broker_haarlem, haarlem):
    Module.objects.filter(number=2).update(title_en="", learning_goals_en=[])
    question = q("team-form")
    Question.objects.filter(pk=question.pk).update(text_en="", options_en=["", "A broker team with a mandate", ""])
    question.refresh_from_db()
    with translation.override("en"):
        assert question.page_text == "Wat past beter bij uw organisatie?"
        assert [option["label"] for option in question.page_options] == [
            "Eén makelaar met mandaat", "A broker team with a mandate", "Een team met een externe netwerkpartner"]
        assert display(question, "Een makelaarsteam met mandaat") == "A broker team with a mandate"
        assert display(question, "Eén makelaar met mandaat") == "Eén makelaar met mandaat"
        assert display(question, "Een optie van vroeger") == "Een optie van vroeger"  # as stored
    with translation.override("nl"):
        assert display(question, "Een makelaarsteam met mandaat") == "Een makelaarsteam met mandaat"
    html_page = page(login(broker_haarlem), reverse("brokers:toolbox-module", args=[2]), "en")
    assert '<span lang="nl">Hoe richt u een makelaarsteam met mandaat in?</span>' in html_page
    assert 'lang="nl">Wat past beter bij uw organisatie?</h3>' in html_page
    assert "Waarom een makelaar(steam) met mandaat nodig is." in html_page
    assert "Who would fit well in the broker team?" in html_page  # what has English stays English
    assert 'id="toolbox-language"' in html_page  # and the page says why part of it is Dutch


def test_english_options_must_match_the_options(edition):
    question = q("team-form")
    question.options_en = ["One broker with a mandate"]
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "options_en" in error.value.message_dict
    table = q(toolbox_content.SUPPORT_MAP)
    table.options_en = ["Name"]
    with pytest.raises(ValidationError) as error:
        table.full_clean()
    assert "options_en" in error.value.message_dict


def test_the_migration_gives_older_rows_their_english_but_not_an_administrators_text(edition):
    migration = importlib.import_module("brokers.migrations.0010_toolbox_english")
    Edition.objects.update(title_en="")
    Theme.objects.update(title_en="")
    Module.objects.update(title_en="", learning_goals_en=[], explanation_en="", practice_examples_en="",
                          reading_tips=[{"title": "Stadmakersfonds", "url": "https://stadmakersfonds.nl/"}])
    Question.objects.update(text_en="", options_en=[])
    table = q(toolbox_content.SUPPORT_MAP)
    table.options = [{"key": column["key"], "label": column["label"]} for column in table.options]
    table.save()
    Question.objects.filter(key="vision").update(text="Een eigen vraag van de beheerder")
    migration.english_content(apps, None)
    module = Module.objects.get(number=1)
    assert module.title_en == "How do you build support, including at executive level?"
    assert module.learning_goals_en[0] == "How to convince colleagues that impact entrepreneurship matters."
    assert Module.objects.get(number=11).reading_tips[0]["title_en"] == "Stadmakersfonds (in Dutch)"
    assert Module.objects.get(number=1).reading_tips[0].get("title_en") is None  # not this module's tip
    assert q("team-form").options_en[0] == "One broker with a mandate"
    assert [column["label_en"] for column in q(toolbox_content.SUPPORT_MAP).options] == [
        "Name or position", "Supportive or to be convinced", "How"]
    assert Theme.objects.get(number=5).title_en == "Evaluating and monitoring"
    assert Edition.objects.get().title_en == "Toolbox Broker with a Mandate (2023)"
    assert q("vision").text_en == ""  # changed Dutch: the English would not match it


def test_a_new_edition_copies_the_english(edition):
    import datetime as dt

    copy = services.edition_copy(source=edition, code="2025", title="Toolbox 2025", title_en="Toolbox 2025 (EN)",
                                 published_on=dt.date(2025, 1, 1))
    module = Module.objects.get(edition=copy, number=2)
    question = Question.objects.get(module=module, key="team-form")
    assert module.title_en == "How do you set up a broker team with a mandate?"
    assert module.explanation_en and module.learning_goals_en and module.theme.title_en == "Getting started"
    assert question.text_en and question.options_en == q("team-form").options_en
    assert copy.title_en == "Toolbox 2025 (EN)"


# --- action agenda, PDF, API ------------------------------------------------------------------------
@pytest.mark.parametrize(("language", "heading"), [("en", "Supportive or to be convinced"),
                                                  ("nl", "Steunend of te overtuigen")])
def test_the_support_map_on_the_action_agenda_has_headings_in_the_pages_language(
        edition, login, broker_haarlem, haarlem, language, heading):
    services.answer_save(organisation=haarlem, question=q(toolbox_content.SUPPORT_MAP),
                         value=[{"name": "Wethouder", "stance": "Steunend", "how": "Agenderen"}], by=broker_haarlem)
    programme = f.agenda_action(haarlem).line.programme
    html_page = page(login(broker_haarlem), reverse("brokers:agenda-detail", args=[programme.pk]), language)
    assert f'<th scope="col" lang="{language}">{heading}</th>' in html_page


def test_the_pdf_in_english_has_the_english_content(edition, login, broker_haarlem, haarlem,
                                                    django_capture_on_commit_callbacks):
    services.answer_save(organisation=haarlem, question=q("team-form"), value="Eén makelaar met mandaat",
                         by=broker_haarlem)
    client = login(broker_haarlem)
    texts = {}
    for language in ("en", "nl"):
        client.cookies["django_language"] = language
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("brokers:toolbox-print"), {"module": "2"})
        job = Job.objects.filter(kind="toolbox_pdf").latest("pk")
        texts[language] = " ".join(word for word, _x0, _x1 in pdf_words(job.file.read()))
    english, dutch = texts["en"], texts["nl"]
    for text in ("How do you set up a broker team with a mandate?", "Getting started",
                 "What suits your organisation best?", "One broker with a mandate", "Do you need to recruit"):
        assert text in english and text not in dutch
    for text in ("Hoe richt u een makelaarsteam met mandaat in?", "Wat past beter bij uw organisatie?",
                 "Eén makelaar met mandaat"):
        assert text in dutch and text not in english


def test_the_api_gives_the_english_next_to_the_dutch(edition, api):
    modules = api().get("/api/v1/toolbox/modules/").json()
    first = modules[0]
    assert (first["theme"], first["theme_en"]) == ("Opstarten", "Getting started")
    assert first["title_en"] == "How do you build support, including at executive level?"
    assert first["learning_goals_en"][1] == "How to get your alderman or executive on board."
    questions = {question["key"]: question for module in modules for question in module["questions"]}
    assert questions["alderman"]["text_en"].startswith("Is there an alderman")
    team_form = questions["team-form"]
    assert team_form["options"][0] == "Eén makelaar met mandaat"  # what an answer gives
    assert team_form["options_en"][0] == "One broker with a mandate"
    assert questions[toolbox_content.SUPPORT_MAP]["options"][0]["label_en"] == "Name or position"
