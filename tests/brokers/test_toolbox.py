"""The toolbox online (issue 13): content, answers with history and reset, progress, linked
questions, editions, scoping, print."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import formats, timezone

from brokers import toolbox_content
from brokers.constants import AnswerStatus, QuestionKind
from brokers.models import Answer, AnswerComment, AnswerVersion, Edition, Module, Question, Theme
from brokers.toolbox import services
from brokers.toolbox.progress import modules_with_answers, themes_progress
from brokers.toolbox.seeding import seed_content
from impactportal.models import Job
from tests import factories as f

pytestmark = pytest.mark.django_db

LINKED = {2: "brokers.team_qualities", 3: "enterprises.register", 4: "brokers.knowledge", 8: "ecosystem.map",
          9: "procurement.sroi", 10: "financing.overview", 11: "ecosystem.real_estate", 12: "ecosystem.collaborations",
          13: "monitoring.indicators"}


@pytest.fixture
def edition(db):
    return f.toolbox_edition()


def q(key):
    return Question.objects.get(module__edition__is_current=True, key=key)


# --- content --------------------------------------------------------------------------------------
def test_content_has_five_themes_thirteen_modules_every_kind_and_the_agreed_linked_keys(edition):
    assert Theme.objects.filter(edition=edition).count() == 5
    assert list(Module.objects.filter(edition=edition).values_list("number", flat=True)) == list(range(1, 14))
    questions = Question.objects.filter(module__edition=edition)
    assert set(questions.values_list("kind", flat=True)) == set(QuestionKind.values)
    linked = dict(questions.filter(kind=QuestionKind.LINKED).values_list("module__number", "source_key"))
    assert linked == LINKED
    keys = list(questions.values_list("key", flat=True))
    assert len(keys) == len(set(keys))  # an earlier edition's answer is found by its key
    for module in Module.objects.filter(edition=edition):
        assert module.learning_goals and module.explanation and module.questions.exists()


def test_seeding_twice_changes_nothing_and_keeps_answers(edition, haarlem, broker_haarlem):
    services.answer_save(organisation=haarlem, question=q("vision"), value="Stip", by=broker_haarlem)
    counts = (Module.objects.count(), Question.objects.count())
    seed_content()
    assert (Module.objects.count(), Question.objects.count()) == counts
    assert Answer.objects.get().saved_value == "Stip"
    assert len(toolbox_content.MODULES) == 13


# --- answers, history, reset ----------------------------------------------------------------------
def test_every_save_keeps_the_previous_value_and_reset_returns_to_the_last_saved(edition, haarlem, broker_haarlem,
                                                                                   broker_amersfoort):
    question = q("vision")
    services.answer_save(organisation=haarlem, question=question, value="Eerste visie", by=broker_haarlem)
    answer = services.answer_save(organisation=haarlem, question=question, value="Concept", by=broker_haarlem,
                                  draft=True)
    assert (answer.value, answer.status, answer.saved_value) == ("Concept", AnswerStatus.DRAFT, "Eerste visie")
    versions = list(AnswerVersion.objects.filter(answer=answer).order_by("pk"))
    assert [(v.value, v.status, v.changed_by) for v in versions] == [
        ("Eerste visie", "saved", broker_haarlem), ("Concept", "draft", broker_haarlem)]
    answer = services.answer_reset(answer=answer, by=broker_haarlem)
    assert (answer.value, answer.status) == ("Eerste visie", AnswerStatus.SAVED)
    assert AnswerVersion.objects.filter(answer=answer, is_reset=True).count() == 1
    with pytest.raises(ValidationError):
        services.answer_reset(answer=answer, by=broker_haarlem)  # nothing to reset


@pytest.mark.parametrize(("key", "good", "bad"), [
    ("vision", "Tekst", ["lijst"]),
    ("alderman", True, "ja"),
    ("team-form", "Eén makelaar met mandaat", "Iets anders"),
    ("domains", ["Economie", "Inkoop"], ["Economie", "Onbekend"]),
    ("service-checklist", ["Online helpdesk"], "Online helpdesk"),
    (toolbox_content.SUPPORT_MAP, [{"name": "Wethouder", "stance": "Steunend", "how": "Agenderen"}],
     [{"name": "Wethouder", "colour": "rood"}]),
    ("register", None, None),  # linked: never a value
])
def test_values_are_validated_per_kind(edition, haarlem, broker_haarlem, key, good, bad):
    question = q(key)
    if question.kind == QuestionKind.LINKED:
        with pytest.raises(ValidationError) as error:
            services.answer_save(organisation=haarlem, question=question, value="x", by=broker_haarlem)
        assert "value" in error.value.message_dict
        return
    assert services.answer_save(organisation=haarlem, question=question, value=good, by=broker_haarlem).is_answered
    with pytest.raises(ValidationError) as error:
        services.answer_save(organisation=haarlem, question=question, value=bad, by=broker_haarlem)
    assert "value" in error.value.message_dict


def test_multiple_choice_keeps_the_options_order_and_a_table_drops_empty_rows(edition, haarlem, broker_haarlem):
    answer = services.answer_save(organisation=haarlem, question=q("domains"), value=["Inkoop", "Economie"],
                                  by=broker_haarlem)
    assert answer.value == ["Economie", "Inkoop"]
    rows = [{"name": "A", "stance": "", "how": ""}, {"name": "", "stance": "", "how": ""}]
    answer = services.answer_save(organisation=haarlem, question=q(toolbox_content.SUPPORT_MAP), value=rows,
                                  by=broker_haarlem)
    assert answer.value == [{"name": "A", "stance": "", "how": ""}]


# --- progress and linked questions ------------------------------------------------------------------
def _module(user, org, number):
    return modules_with_answers(user, org, number=number)[0]


def test_progress_counts_saved_answers_not_drafts_and_linked_questions_with_data(edition, haarlem, broker_haarlem,
                                                                               enterprise_haarlem):
    module = _module(broker_haarlem, haarlem, 1)
    assert (module.progress.answered, module.progress.total) == (0, 4)
    services.answer_save(organisation=haarlem, question=q("alderman"), value=True, by=broker_haarlem)
    services.answer_save(organisation=haarlem, question=q("short-term-goals"), value="Doel", by=broker_haarlem,
                         draft=True)
    module = _module(broker_haarlem, haarlem, 1)
    assert (module.progress.answered, module.progress.percentage) == (1, 25)
    # Module 3: the register question counts because Haarlem has an enterprise in the register.
    module3 = _module(broker_haarlem, haarlem, 3)
    register = next(question for question in module3.question_list if question.kind == QuestionKind.LINKED)
    assert register.linked.available and register.linked.has_data
    assert module3.progress.answered == 1
    # A source key no app provides (yet): not available, not counted.
    Question.objects.filter(key="map").update(source_key="nobody.provides_this")
    module8 = _module(broker_haarlem, haarlem, 8)
    linked = next(question for question in module8.question_list if question.kind == QuestionKind.LINKED)
    assert not linked.linked.available and module8.progress.answered == 0
    modules = modules_with_answers(broker_haarlem, haarlem)
    themes, overall = themes_progress(modules)
    assert [theme.number for theme, _p, _m in themes] == [1, 2, 3, 4, 5]
    # Alderman and the register; the knowledge base is empty, there are no SROI contracts or financing here
    # (sources of apps that land later count when they have data for Haarlem).
    other = sum(1 for m in modules for question in m.question_list if question.kind == QuestionKind.LINKED
                and question.linked.has_data and question.source_key in ("ecosystem.map", "ecosystem.real_estate",
                                                                          "ecosystem.collaborations",
                                                                          "monitoring.indicators"))
    assert (overall.answered, overall.total) == (2 + other, 43)
    assert [(p.answered, p.total) for _t, p, _m in themes][0] == (1, 9)


def test_a_linked_question_shows_only_the_users_own_organisation(edition, login, broker_amersfoort,
                                                                 enterprise_haarlem, enterprise_amersfoort):
    page = login(broker_amersfoort).get(reverse("brokers:toolbox-module", args=[3]))
    assert page.status_code == 200
    html = page.content.decode()
    assert enterprise_amersfoort.name in html and enterprise_haarlem.name not in html
    assert login(broker_amersfoort).get(reverse("brokers:toolbox-module", args=[3]) + "?organisation=haarlem") \
        .status_code == 404
    Question.objects.filter(key="map").update(source_key="nobody.provides_this")
    page = login(broker_amersfoort).get(reverse("brokers:toolbox-module", args=[8]))
    assert "Nog niet beschikbaar" in page.content.decode() and "nobody.provides_this" in page.content.decode()


def test_a_source_that_lands_later_answers_its_question_without_a_content_change(edition, haarlem, broker_haarlem,
                                                                                 monkeypatch):
    from impactportal import contributions

    Question.objects.filter(key="map").update(source_key="later.app")
    assert _module(broker_haarlem, haarlem, 8).progress.answered == 0
    source = contributions.ToolboxSource(key="later.app", label="Kaart", template="toolbox_sources/x.html",
                                         context=lambda user, org: {"rows": [org.name]})
    real = contributions.toolbox_sources
    monkeypatch.setattr(contributions, "toolbox_sources", lambda: {**real(), "later.app": source})
    module8 = _module(broker_haarlem, haarlem, 8)
    assert module8.progress.answered == 1


# --- editions ----------------------------------------------------------------------------------------
def test_a_new_edition_never_loses_old_answers(edition, haarlem, broker_haarlem, login):
    old = q("vision")
    services.answer_save(organisation=haarlem, question=old, value="Visie van 2023", by=broker_haarlem)
    new_edition = services.edition_copy(source=edition, code="2025", title="Toolbox 2025",
                                        published_on=dt.date(2025, 1, 1))
    assert Edition.objects.current() == new_edition
    assert Answer.objects.get(question=old).saved_value == "Visie van 2023"  # still there, on the old question
    assert Question.objects.filter(module__edition=new_edition).count() == Question.objects.filter(
        module__edition=edition).count()
    assert _module(broker_haarlem, haarlem, 6).progress.answered == 0  # the new edition asks again
    page = login(broker_haarlem).get(reverse("brokers:toolbox-module", args=[6])).content.decode()
    assert "Visie van 2023" in page and "Toolbox Makelaar met Mandaat (2023)" in page  # shown as the earlier answer


# --- screens ------------------------------------------------------------------------------------------
def test_answer_on_the_page_save_draft_reset_comment_and_history(edition, login, broker_haarlem, haarlem):
    client = login(broker_haarlem)
    question = q("vision")
    url = reverse("brokers:toolbox-answer", args=[question.pk])
    assert client.post(url, {"value": "Onze stip", "submit": "save"}).status_code == 302
    assert client.post(url, {"value": "Nog een concept", "submit": "draft"}).status_code == 302
    answer = Answer.objects.get(question=question, organisation=haarlem)
    assert (answer.value, answer.saved_value, answer.status) == ("Nog een concept", "Onze stip", "draft")
    assert client.post(reverse("brokers:toolbox-answer-reset", args=[question.pk])).status_code == 302
    answer.refresh_from_db()
    assert answer.value == "Onze stip"
    client.post(reverse("brokers:toolbox-comment", args=[question.pk]), {"body": "Kijk jij even mee?"})
    assert AnswerComment.objects.get().body == "Kijk jij even mee?"
    history = client.get(reverse("brokers:toolbox-history", args=[question.pk])).content.decode()
    assert "Nog een concept" in history and "Onze stip" in history and "teruggezet" in history
    bad = client.post(reverse("brokers:toolbox-answer", args=[q("team-form").pk]), {"value": "Verzonnen"})
    assert bad.status_code == 400 and "Kies een van de opties" in bad.content.decode()
    table = q(toolbox_content.SUPPORT_MAP)
    client.post(reverse("brokers:toolbox-answer", args=[table.pk]),
                {"cell-0-name": "Wethouder", "cell-0-stance": "Steunend", "cell-0-how": "Agenda",
                 "cell-1-name": "", "cell-1-stance": "", "cell-1-how": "", "submit": "save"})
    assert Answer.objects.get(question=table).value == [{"name": "Wethouder", "stance": "Steunend", "how": "Agenda"}]
    overview = client.get(reverse("brokers:toolbox")).content.decode()
    assert Answer.objects.filter(organisation=haarlem, is_answered=True).count() == 2
    overall = themes_progress(modules_with_answers(broker_haarlem, haarlem))[1]
    assert overall.answered >= 2 and f"{overall.answered} van 43 vragen beantwoord" in overview


def test_colleagues_read_and_comment_but_do_not_answer(edition, login, inkoper_haarlem, broker_haarlem, haarlem):
    services.answer_save(organisation=haarlem, question=q("vision"), value="Gedeelde visie", by=broker_haarlem)
    client = login(inkoper_haarlem)
    assert "Gedeelde visie" in client.get(reverse("brokers:toolbox-module", args=[6])).content.decode()
    assert client.post(reverse("brokers:toolbox-answer", args=[q("vision").pk]), {"value": "x"}).status_code == 403
    assert client.post(reverse("brokers:toolbox-comment", args=[q("vision").pk]), {"body": "Eens"}).status_code == 302


def test_the_answer_s_date_does_not_break_at_its_hyphen(edition, login, broker_haarlem, haarlem):
    """On a phone "laatst gewijzigd … op 05-12-2026 14:30" broke inside the date."""
    answer = services.answer_save(organisation=haarlem, question=q("vision"), value="Onze stip", by=broker_haarlem)
    page = login(broker_haarlem).get(reverse("brokers:toolbox-module", args=[6])).content.decode()
    when = formats.date_format(timezone.localtime(answer.updated_at), "SHORT_DATETIME_FORMAT")
    assert f'op <span class="portal-nowrap">{when}</span>' in page


def test_amersfoort_never_sees_haarlems_answers(edition, login, api, broker_haarlem, broker_amersfoort, haarlem,
                                               amersfoort):
    services.answer_save(organisation=haarlem, question=q("vision"), value="Geheim van Haarlem", by=broker_haarlem)
    client = login(broker_amersfoort)
    assert "Geheim van Haarlem" not in client.get(reverse("brokers:toolbox-module", args=[6])).content.decode()
    assert client.get(reverse("brokers:toolbox") + "?organisation=haarlem").status_code == 404
    assert "Geheim van Haarlem" not in client.get(
        reverse("brokers:toolbox-history", args=[q("vision").pk])).content.decode()
    rows = api(broker_amersfoort).get("/api/v1/toolbox/answers/").json()["results"]
    assert rows == []
    response = api(broker_amersfoort).post("/api/v1/toolbox/answers/", {"question": q("vision").pk, "value": "x",
                                                                        "organisation": "haarlem"}, format="json")
    assert response.status_code == 403  # another organisation's answers: refused, not a field error
    assert Answer.objects.filter(organisation=amersfoort).count() == 0


def test_entrepreneurs_have_no_toolbox(edition, login, ondernemer_1):
    assert login(ondernemer_1).get(reverse("brokers:toolbox")).status_code == 403


# --- API ------------------------------------------------------------------------------------------------
def test_api_modules_and_answers(edition, api, broker_haarlem, inkoper_haarlem):
    modules = api().get("/api/v1/toolbox/modules/").json()
    assert [m["number"] for m in modules] == list(range(1, 14))
    first = modules[0]
    assert first["theme"] == "Opstarten" and first["title"].startswith("Hoe organiseert")
    assert {"id", "kind", "text"} <= set(first["questions"][0])
    question = q("alderman")
    client = api(broker_haarlem)
    created = client.post("/api/v1/toolbox/answers/", {"question": question.pk, "value": True}, format="json")
    assert created.status_code == 201 and created.json()["value"] is True
    updated = client.post("/api/v1/toolbox/answers/", {"question": question.pk, "value": False}, format="json")
    assert updated.status_code == 200
    assert [v["value"] for v in updated.json()["history"]] == [False, True]
    bad = client.post("/api/v1/toolbox/answers/", {"question": question.pk, "value": "misschien"}, format="json")
    assert bad.status_code == 400 and "value" in bad.json()
    missing = client.post("/api/v1/toolbox/answers/", {"value": "x"}, format="json")
    assert missing.status_code == 400 and "question" in missing.json()
    assert api(inkoper_haarlem).post("/api/v1/toolbox/answers/", {"question": question.pk, "value": True},
                                     format="json").status_code == 403
    assert api().post("/api/v1/toolbox/answers/", {"question": question.pk, "value": True},
                      format="json").status_code == 401


def pdftotext(path) -> str:
    return subprocess.run([shutil.which("pdftotext"), "-layout", str(path), "-"], check=True,  # noqa: S603
                          capture_output=True, text=True).stdout


# --- print ----------------------------------------------------------------------------------------------
def test_print_makes_a_pdf_in_a_job_whose_text_contains_the_answers(edition, login, broker_haarlem, haarlem,
                                                                    tmp_path, django_capture_on_commit_callbacks):
    services.answer_save(organisation=haarlem, question=q("vision"), value="Haarlem verbindt impactmakers",
                         by=broker_haarlem)
    services.answer_save(organisation=haarlem, question=q(toolbox_content.SUPPORT_MAP),
                         value=[{"name": "Wethouder Economie", "stance": "Steunend", "how": "Agenderen"}],
                         by=broker_haarlem)
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("brokers:toolbox-print"))
    job = Job.objects.get(kind="toolbox_pdf")
    assert response.status_code == 302 and response.url == reverse("job-detail", args=[job.pk])
    assert job.status == "succeeded" and job.progress == 100 and job.file.name.endswith(".pdf")
    path = tmp_path / "toolbox.pdf"
    path.write_bytes(job.file.read())
    text = pdftotext(path)
    assert "Haarlem verbindt impactmakers" in text and "Wethouder Economie" in text
    assert "Module 13" in text
    # One module only
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("brokers:toolbox-print"), {"module": "6"})
    single = Job.objects.filter(kind="toolbox_pdf").latest("pk")
    path.write_bytes(single.file.read())
    text = pdftotext(path)
    assert "Haarlem verbindt impactmakers" in text and "Wethouder Economie" not in text
    assert client.post(reverse("brokers:toolbox-print"), {"module": "99"}).status_code == 302
    assert Job.objects.filter(kind="toolbox_pdf").count() == 2
