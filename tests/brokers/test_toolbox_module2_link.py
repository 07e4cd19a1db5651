"""Module 2 links the team qualities the team workspace records instead of asking for them again
("link them, do not ask twice"); brokers 0016 moves the answers given to the old checklist into the
workspace where that is unambiguous and keeps the rest as a note."""

import importlib
import shutil
import subprocess

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from brokers.constants import AnswerStatus, MemberRole, QuestionKind
from brokers.constants import TeamQuality as Q
from brokers.models import Answer, AnswerComment, BrokerTeam, Question, TeamMember
from brokers.toolbox.progress import modules_with_answers
from impactportal.models import Job
from tests import factories as f

pytestmark = pytest.mark.django_db

KEY = "team-qualities"
migration = importlib.import_module("brokers.migrations.0016_toolbox_team_qualities_linked")


@pytest.fixture
def edition(db):
    return f.toolbox_edition()


@pytest.fixture
def team(haarlem, broker_haarlem):
    team = f.broker_team(haarlem, "Makelaarsteam Haarlem", qualities=[Q.AGILE.value])
    TeamMember.objects.create(team=team, user=broker_haarlem, role=MemberRole.ACCOUNT_MANAGER,
                              qualities=[Q.CONNECTOR.value, Q.ACCOUNT_MANAGER.value])
    TeamMember.objects.create(team=team, name="Beleidsadviseur vastgoed", role=MemberRole.CORE_TEAM,
                              qualities=[Q.CONNECTOR.value])
    return team


def question():
    return Question.objects.get(module__edition__is_current=True, key=KEY)


def module2(client):
    response = client.get(reverse("brokers:toolbox-module", args=[2]))
    assert response.status_code == 200
    return response.content.decode()


# --- the page -------------------------------------------------------------------------------------------
def test_module2_shows_the_workspaces_qualities_and_no_longer_asks_for_them(
        edition, team, login, broker_haarlem, amersfoort):
    other = f.broker_team(amersfoort, "Team Amersfoort", qualities=[Q.AMBASSADOR.value])
    assert question().kind == QuestionKind.LINKED and question().source_key == "brokers.team_qualities"
    html = module2(login(broker_haarlem))
    # No checklist to tick any more, and nothing to post an answer to.
    assert 'name="value" value="Verbinder"' not in html and 'value="Ecosysteembouwer"' not in html
    section = html.split(f'id="vraag-{question().pk}"')[1].split("</section>")[0]
    assert "<form" not in section.split("<details")[0]
    # Which qualities are covered, by how many in which roles (no names), and which are missing.
    assert "Verbinder: 2 teamleden (Accountmanager, Kernteam)" in section
    assert "Accountmanager: 1 teamlid (Accountmanager)" in section
    assert "Wendbaar: vastgelegd voor het team als geheel" in section
    assert "Ontbreken nog (8):" in section and "Ambassadeur" in section and "Strateeg" in section
    assert "Beleidsadviseur vastgoed" not in section
    # Where they are edited: the team's qualities on its page.
    assert f'href="{team.get_absolute_url()}#team-qualities"' in section
    assert "Kwaliteiten wijzigen bij het makelaarsteam" in section
    assert other.name not in html  # another municipality's team is not read
    # It counts as answered, as any linked question with data.
    module = modules_with_answers(broker_haarlem, team.organisation, number=2)[0]
    linked = next(q for q in module.question_list if q.key == KEY)
    assert linked.linked.has_data and module.progress.answered == 1
    # An answer posted to it (an old page, a script) is refused.
    response = login(broker_haarlem).post(reverse("brokers:toolbox-answer", args=[question().pk]),
                                          {"value": ["Verbinder"], "submit": "save"})
    assert response.status_code == 400 and not Answer.objects.filter(question=question()).exists()


def test_a_colleague_reads_the_qualities_and_without_a_team_the_page_says_where_to_record_it(
        edition, team, login, inkoper_haarlem, broker_amersfoort):
    section = module2(login(inkoper_haarlem))
    assert "Verbinder: 2 teamleden" in section and "Naar het makelaarsteam" in section
    assert "Kwaliteiten wijzigen" not in section
    html = module2(login(broker_amersfoort))
    assert "Er is nog geen makelaarsteam vastgelegd." in html
    assert f'href="{reverse("brokers:team-create")}"' in html


def test_the_module_pdf_prints_the_linked_qualities(edition, team, login, broker_haarlem, tmp_path,
                                                    django_capture_on_commit_callbacks):
    client = login(broker_haarlem)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("brokers:toolbox-print"), {"module": "2"})
    job = Job.objects.get(kind="toolbox_pdf")
    assert job.status == "succeeded"
    path = tmp_path / "module2.pdf"
    path.write_bytes(job.file.read())
    text = subprocess.run([shutil.which("pdftotext"), str(path), "-"], check=True,  # noqa: S603
                          capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "Verbinder: 2 teamleden (Accountmanager, Kernteam)" in text
    assert "Ontbreken nog (8):" in text and "Ambassadeur" in text
    assert "Kwaliteiten wijzigen" not in text  # no link to a page in print


# --- the migration --------------------------------------------------------------------------------------
def test_the_mapping_reads_the_old_options_in_either_language_and_keeps_what_it_cannot_read():
    assert migration.map_qualities(["Strateeg", "Verbinder", "Inspiring", "connector", "Goede koffie"]) == (
        ["connector", "enthusing", "strategist"], ["Goede koffie"])
    assert migration.map_qualities(None) == ([], [])


def _old_question():
    """The question as it was before 0016: a checklist of the qualities."""
    Question.objects.filter(key=KEY).update(
        kind=QuestionKind.CHECKLIST, source_key="", text=migration.OLD_TEXT, text_en=migration.OLD_TEXT_EN,
        options=[dutch for _value, dutch, _english in migration.QUALITIES],
        options_en=[english for _value, _dutch, english in migration.QUALITIES])
    return question()


def _answer(organisation, old, saved, value=None):
    return Answer.objects.create(organisation=organisation, question=old, value=saved if value is None else value,
                                 saved_value=saved, status=AnswerStatus.SAVED, is_answered=bool(saved))


def test_the_migration_moves_an_unambiguous_old_answer_into_the_workspace_and_keeps_the_rest(
        edition, haarlem, amersfoort, broker_haarlem):
    old = _old_question()
    team = f.broker_team(haarlem, "Makelaarsteam Haarlem")
    TeamMember.objects.create(team=team, name="Tweede accountmanager", role=MemberRole.ACCOUNT_MANAGER)
    moved = _answer(haarlem, old, ["Verbinder", "Strateeg"])
    kept = _answer(amersfoort, old, ["Ambassadeur"])  # Amersfoort has no broker team
    utrecht = f.OrganisationFactory(name="Gemeente Utrecht", slug="utrecht")
    claimed = f.broker_team(utrecht, "Team Utrecht", qualities=[Q.AGILE.value])  # already records qualities
    _answer(utrecht, old, ["Volhouder"])

    state = MigrationExecutor(connection).loader.project_state(("brokers", "0016_toolbox_team_qualities_linked"))
    migration.move_team_qualities(state.apps, None)

    team.refresh_from_db()
    assert team.qualities == [Q.CONNECTOR.value, Q.STRATEGIST.value]
    moved.refresh_from_db()
    assert moved.saved_value == ["Verbinder", "Strateeg"]  # the answer and its history stay
    note = AnswerComment.objects.get(organisation=haarlem, question=old)
    assert note.author is None and "Verbinder, Strateeg" in note.body and team.name in note.body
    # What could not be mapped stays: the answer as it was, and a note that says why.
    kept.refresh_from_db()
    assert kept.saved_value == ["Ambassadeur"] and kept.versions.count() == 0
    note = AnswerComment.objects.get(organisation=amersfoort, question=old)
    assert "Ambassadeur" in note.body and "nog geen makelaarsteam" in note.body
    assert not BrokerTeam.objects.filter(organisation=amersfoort).exists()
    claimed.refresh_from_db()
    assert claimed.qualities == [Q.AGILE.value]  # not overwritten
    assert "al kwaliteiten" in AnswerComment.objects.get(organisation=utrecht).body
    # The question is linked now, with the new wording; the answers are still there.
    old.refresh_from_db()
    assert (old.kind, old.source_key, old.options, old.options_en) == (
        QuestionKind.LINKED, "brokers.team_qualities", [], [])
    assert old.text == migration.NEW_TEXT and old.text_en == migration.NEW_TEXT_EN
    assert Answer.objects.filter(question=old).count() == 3
    # Running again changes nothing.
    migration.move_team_qualities(state.apps, None)
    assert AnswerComment.objects.count() == 3


def test_the_migration_keeps_an_answer_with_an_unknown_quality_and_one_for_several_teams(
        edition, haarlem, amersfoort):
    old = _old_question()
    f.broker_team(haarlem, "Team A")
    f.broker_team(haarlem, "Team B")
    team = f.broker_team(amersfoort, "Team Amersfoort")
    _answer(haarlem, old, ["Verbinder"])
    _answer(amersfoort, old, ["Verbinder", "Goede koffie"])
    migration.move_team_qualities(MigrationExecutor(connection).loader.project_state(
        ("brokers", "0016_toolbox_team_qualities_linked")).apps, None)
    assert all(not qualities for qualities in BrokerTeam.objects.values_list("qualities", flat=True))
    assert "meerdere makelaarsteams" in AnswerComment.objects.get(organisation=haarlem).body
    assert "Goede koffie" in AnswerComment.objects.get(organisation=amersfoort).body
    team.refresh_from_db()
    assert team.qualities == []


def test_the_seeded_content_is_the_linked_question(edition):
    """Seeding (reference data and the demo) gives module 2 the linked question, twice alike."""
    from brokers.toolbox.seeding import seed_content

    seed_content()
    assert Question.objects.filter(key=KEY).count() == 1
    assert (question().kind, question().options) == (QuestionKind.LINKED, [])
