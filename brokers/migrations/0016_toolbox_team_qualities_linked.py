"""Module 2's question "Welke teamkwaliteiten …" becomes a linked question: the team workspace
records the qualities per team and team member, and the toolbox shows those instead of asking again.

The answers given to the old checklist are not lost. Per organisation the newest answer (saved, not a
draft) moves into the workspace as the team's qualities when it maps unambiguously: every option is
a known quality, the organisation has exactly one broker team, and neither that team nor any of its
members has a quality yet. Everything else stays: the answer rows keep their value and history, and
each organisation gets a note (a comment without author) on the question of the current edition
that says what was moved, or what was kept and why. The migration prints a count of both."""

from django.db import migrations

KEY = "team-qualities"
MODULE = 2
SOURCE = "brokers.team_qualities"
OLD_TEXT = "Welke teamkwaliteiten zijn in uw (toekomstige) team goed vertegenwoordigd?"
OLD_TEXT_EN = "Which team qualities are well represented in your (future) team?"
NEW_TEXT = "Welke teamkwaliteiten brengt uw makelaarsteam mee, en welke ontbreken nog?"
NEW_TEXT_EN = "Which team qualities does your broker team bring, and which are still missing?"
# The old checklist's options (Dutch, as answers stored them; English, as the API's docs offered
# them) and the workspace's values (brokers.constants.TeamQuality), as they were when the question changed.
QUALITIES = [
    ("connector", "Verbinder", "Connector"),
    ("ecosystem_builder", "Ecosysteembouwer", "Ecosystem builder"),
    ("ambassador", "Ambassadeur", "Ambassador"),
    ("account_manager", "Accountmanager", "Account manager"),
    ("creative", "Creatief denker", "Creative thinker"),
    ("enthusing", "Enthousiasmerend", "Inspiring"),
    ("persevering", "Volhouder", "Persevering"),
    ("strategist", "Strateeg", "Strategist"),
    ("communicative", "Communicatief", "Communicative"),
    ("agile", "Wendbaar", "Agile"),
    ("entrepreneurial", "Ondernemend", "Entrepreneurial"),
]
_BY_NAME = {name.casefold(): value for value, *names in QUALITIES for name in (value, *names)}

NOTE_MOVED = ("Overgezet uit het oude antwoord op deze vraag: {labels}. Het makelaarsteam “{team}” heeft deze "
              "kwaliteiten nu als teamkwaliteiten; wijs ze bij het team toe aan de teamleden die ze meebrengen.")
NOTE_KEPT = ("Oud antwoord op deze vraag{edition}, niet overgezet naar het makelaarsteam ({reason}): {labels}. "
             "Neem over wat klopt bij het makelaarsteam, in de werkruimte.")
REASON_UNKNOWN = "niet elke kwaliteit is te herkennen: {unknown}"
REASON_NO_TEAM = "er is nog geen makelaarsteam vastgelegd"
REASON_TEAMS = "er zijn meerdere makelaarsteams; kies zelf bij welk team ze horen"
REASON_HAS_QUALITIES = "het makelaarsteam heeft al kwaliteiten"
REASON_DRAFT = "het was een concept, niet opgeslagen"
REASON_OLDER = "er is een nieuwer antwoord"


def map_qualities(labels) -> tuple[list[str], list[str]]:
    """``(workspace values in the workspace's order, labels that name no quality)`` of a stored answer."""
    if not isinstance(labels, list):
        labels = [] if labels in (None, "") else [labels]
    found, unknown = set(), []
    for label in labels:
        value = _BY_NAME.get(str(label).strip().casefold())
        if value is None:
            unknown.append(str(label))
        else:
            found.add(value)
    return [value for value, *_names in QUALITIES if value in found], unknown


def _labels(values) -> str:
    values = values if isinstance(values, list) else [values]
    return ", ".join(str(value) for value in values)


def plan(answers, teams_of, has_qualities) -> list[dict]:
    """What happens to each answer with data: ``{"answer", "move": team or None, "qualities", "reason"}``.
    ``answers``: newest first per organisation; ``teams_of(organisation_id)``: its teams;
    ``has_qualities(team)``: whether the team or a member already has one. Pure, for the tests."""
    steps, seen = [], set()
    for answer in answers:
        saved, draft = answer.saved_value, answer.value
        if saved in (None, "", []) and draft in (None, "", []):
            continue
        step = {"answer": answer, "move": None, "qualities": [], "reason": None}
        mapped, unknown = map_qualities(saved)
        teams = teams_of(answer.organisation_id)
        if answer.organisation_id in seen:
            step["reason"] = REASON_OLDER
        elif saved in (None, "", []):
            step["reason"] = REASON_DRAFT
        elif unknown:
            step["reason"] = REASON_UNKNOWN.format(unknown=", ".join(unknown))
        elif not teams:
            step["reason"] = REASON_NO_TEAM
        elif len(teams) > 1:
            step["reason"] = REASON_TEAMS
        elif has_qualities(teams[0]):
            step["reason"] = REASON_HAS_QUALITIES
        else:
            step.update(move=teams[0], qualities=mapped)
        seen.add(answer.organisation_id)
        steps.append(step)
    return steps


def move_team_qualities(apps, schema_editor):
    Question = apps.get_model("brokers", "Question")
    Answer = apps.get_model("brokers", "Answer")
    AnswerComment = apps.get_model("brokers", "AnswerComment")
    BrokerTeam = apps.get_model("brokers", "BrokerTeam")
    TeamMember = apps.get_model("brokers", "TeamMember")

    questions = Question.objects.filter(key=KEY, module__number=MODULE).exclude(kind="linked")
    if not questions.exists():
        return
    current = (Question.objects.filter(key=KEY, module__number=MODULE, module__edition__is_current=True)
               .order_by("-module__edition__published_on", "-pk").first())
    answers = (Answer.objects.filter(question__in=questions).select_related("question__module__edition")
               .order_by("organisation_id", "-question__module__edition__published_on",
                         "-question__module__edition_id", "-updated_at", "-pk"))
    teams = {}
    for team in BrokerTeam.objects.order_by("name", "pk"):
        teams.setdefault(team.organisation_id, []).append(team)

    def has_qualities(team):
        return bool(team.qualities) or any(
            qualities for qualities in TeamMember.objects.filter(team=team).values_list("qualities", flat=True))

    moved = kept = 0
    for step in plan(answers, lambda organisation_id: teams.get(organisation_id, []), has_qualities):
        answer = step["answer"]
        if step["move"] is not None:
            team = step["move"]
            team.qualities = step["qualities"]
            team.save(update_fields=["qualities"])
            body = NOTE_MOVED.format(labels=_labels(answer.saved_value), team=team.name)
            moved += 1
        else:
            kept_value = answer.saved_value if answer.saved_value not in (None, "", []) else answer.value
            edition = answer.question.module.edition
            body = NOTE_KEPT.format(
                edition="" if current is not None and answer.question.module_id == current.module_id
                else f" (editie {edition.title})",
                reason=step["reason"], labels=_labels(kept_value))
            kept += 1
        if (answer.saved_value not in (None, "", []) and answer.value not in (None, "", [])
                and answer.value != answer.saved_value):
            body += f" Het concept dat er nog stond: {_labels(answer.value)}."
        AnswerComment.objects.create(organisation_id=answer.organisation_id, question=current or answer.question,
                                     author=None, body=body[:2000])
    questions.update(kind="linked", options=[], options_en=[], source_key=SOURCE)
    Question.objects.filter(key=KEY, module__number=MODULE, text=OLD_TEXT).update(text=NEW_TEXT)
    Question.objects.filter(key=KEY, module__number=MODULE, text_en__in=[OLD_TEXT_EN, ""]).update(
        text_en=NEW_TEXT_EN)
    if moved or kept:
        print(f"\n  brokers 0016: team qualities of module 2: {moved} answer(s) moved into the team workspace, "
              f"{kept} kept as a note on the question (not mapped).")


def back_to_checklist(apps, schema_editor):
    """The question asks again (the workspace keeps what was moved; the notes stay)."""
    Question = apps.get_model("brokers", "Question")
    questions = Question.objects.filter(key=KEY, module__number=MODULE, kind="linked", source_key=SOURCE)
    questions.update(kind="checklist", source_key="", options=[dutch for _value, dutch, _english in QUALITIES],
                     options_en=[english for _value, _dutch, english in QUALITIES])
    Question.objects.filter(key=KEY, module__number=MODULE, text=NEW_TEXT).update(text=OLD_TEXT)
    Question.objects.filter(key=KEY, module__number=MODULE, text_en=NEW_TEXT_EN).update(text_en=OLD_TEXT_EN)


class Migration(migrations.Migration):

    dependencies = [
        ("brokers", "0015_team_member_once"),
    ]

    operations = [
        migrations.RunPython(move_team_qualities, back_to_checklist),
    ]
