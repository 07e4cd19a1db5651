"""Reading the toolbox for one organisation: the current edition, linked questions rendered through
``contributions.toolbox_sources()``, and progress per module and theme (answered / questions;
a linked question counts as answered when its source has data for the organisation)."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from impactportal import access, contributions

from ..constants import QuestionKind
from ..models import Answer, Edition, Module, Question


def current_edition() -> Edition:
    edition = Edition.objects.current()
    if edition is None:
        raise Http404(_("Er is nog geen toolbox geladen."))
    return edition


def organisation_for(user, slug: str | None = None):
    """The organisation whose toolbox ``user`` works on: ``?organisation=<slug>`` among those the
    user may read answers of, else the user's own (broker, then colleague), else (an administrator)
    the first one. 404 when there is none."""
    choices = access.owner_choices(user, Answer, access.VIEW).order_by("name")
    if slug:
        found = choices.filter(slug=slug).first()
        if found is None:
            raise Http404
        return found
    for role in (access.BROKER, access.COLLEAGUE):
        own = choices.filter(pk__in=access.organisation_ids(user, role)).first()
        if own is not None:
            return own
    found = choices.first()
    if found is None:
        raise Http404
    return found


@dataclass
class Linked:
    """A linked question as the user sees it: the source's context, or "not available yet"."""

    source: object | None
    context: dict = field(default_factory=dict)

    @property
    def available(self) -> bool:
        return self.source is not None

    @property
    def has_data(self) -> bool:
        return self.source is not None and bool(self.source.has_data(self.context))


def linked(question, user, organisation, sources=None) -> Linked:
    sources = contributions.toolbox_sources() if sources is None else sources
    source = sources.get(question.source_key)
    if source is None:
        return Linked(None)
    return Linked(source, source.context(user, organisation) or {})


@dataclass
class Progress:
    answered: int = 0
    total: int = 0

    @property
    def percentage(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    def add(self, other):
        self.answered += other.answered
        self.total += other.total


def modules_with_answers(user, organisation, edition=None, number=None):
    """The edition's modules with questions, each question with ``answer`` (the organisation's,
    through the access module, or None) and, for linked ones, ``linked``."""
    edition = edition or current_edition()
    answers = Answer.objects.for_user(user).filter(organisation=organisation).select_related("updated_by")
    modules = (Module.objects.filter(edition=edition).select_related("theme")
               .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("order", "pk"))))
    if number is not None:
        modules = [get_object_or_404(modules, number=number)]
    by_question = {a.question_id: a for a in answers.filter(question__module__edition=edition)}
    sources = contributions.toolbox_sources()
    result = []
    for module in modules:
        questions = list(module.questions.all())
        progress = Progress(total=len(questions))
        for question in questions:
            question.answer = by_question.get(question.pk)
            question.linked = None
            if question.kind == QuestionKind.LINKED:
                question.linked = linked(question, user, organisation, sources)
                progress.answered += question.linked.has_data  # as linked_with_data_in counts it
            else:
                progress.answered += bool(question.answer and question.answer.is_answered)
        module.question_list = questions
        module.progress = progress
        result.append(module)
    return result


def themes_progress(modules):
    """``[(theme, Progress, [modules])]`` in theme order, and the overall Progress."""
    themes, overall = {}, Progress()
    for module in modules:
        entry = themes.setdefault(module.theme.number, [module.theme, Progress(), []])
        entry[1].add(module.progress)
        entry[2].append(module)
        overall.add(module.progress)
    return [tuple(themes[n]) for n in sorted(themes)], overall


def organisation_progress(user, organisation, edition=None) -> Progress:
    """THE toolbox progress of ``organisation`` as ``user`` reads it: what the overview page shows
    (saved questions with a non-empty answer, plus linked questions whose source has data, out of
    all the edition's questions). The dashboard tile uses it too, so the two cannot drift apart."""
    return themes_progress(modules_with_answers(user, organisation, edition))[1]


def linked_with_data_in(user, organisations, questions, sources=None) -> dict[int, int]:
    """How many of the linked ``questions`` count as answered per organisation (``{pk: count}``,
    organisations without any left out), for the monitoring indicator: the same test as
    ``modules_with_answers`` (the source has data), each source asked once for all of them
    (``ToolboxSource.answered_in``), so the queries do not grow with the number of organisations."""
    sources = contributions.toolbox_sources() if sources is None else sources
    organisations = list(organisations)
    answered: dict[str, set] = {}
    counts: dict[int, int] = {}
    for question in questions:
        source = sources.get(question.source_key)
        if source is None:
            continue  # "not available yet": never answered (``Linked.has_data``)
        if source.key not in answered:
            answered[source.key] = source.answered_in(user, organisations)
        for pk in answered[source.key]:
            counts[pk] = counts.get(pk, 0) + 1
    return counts


def earlier_answers(organisation, questions, edition):
    """``{question key: Answer}`` of earlier editions, for questions not answered in this one."""
    keys = [q.key for q in questions if not (q.answer and q.answer.is_answered)]
    rows = (Answer.objects.filter(organisation=organisation, question__key__in=keys, is_answered=True)
            .exclude(question__module__edition=edition)
            .select_related("question__module__edition").order_by("question__module__edition__published_on"))
    return {answer.question.key: answer for answer in rows}
