"""State changes of the toolbox: saving (draft or saved) and resetting answers, comments, and a new
edition. Each locks the answer row and re-reads it inside ``transaction.atomic``; given the
``version`` the page was loaded with (``stale``), a save or reset over a colleague's change since
raises ``stale.StaleAnswer`` and changes nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..constants import AnswerStatus, QuestionKind
from ..models import Answer, AnswerComment, AnswerVersion, Edition, Module, Question, Theme
from . import stale
from .values import clean_value, is_empty


def _locked_answer(organisation, question, version=None):
    """The answer row, locked; ``version``: the one the page showed (None: not checked). A row made
    here (nobody answered yet) has the version ``stale.NO_ANSWER``; a row a colleague made while the
    page was open is found (its insert came first) and compared."""
    _answer, created = Answer.objects.get_or_create(organisation=organisation, question=question)
    answer = Answer.objects.select_for_update().get(organisation=organisation, question=question)
    if not created:
        stale.check(answer.pk, version)
    elif version not in (None, stale.NO_ANSWER):  # the page showed an answer that is gone since
        raise stale.StaleAnswer(stale.NO_ANSWER)  # (the atomic block drops the row made here)
    return answer


@transaction.atomic
def answer_save(*, organisation, question, value, by, draft: bool = False, version: str | None = None) -> Answer:
    """Store ``value`` (validated for the question's kind) as the current answer; ``draft=False``
    also makes it the last saved answer. Every save is kept as a version (who, when). ``version``:
    ``stale.StaleAnswer`` when the answer is no longer the one the page showed."""
    answer = _locked_answer(organisation, question, version)  # a stale page first, as the edit forms
    value = clean_value(question, value)  # refused: the atomic block drops a row made above
    answer.value = value
    answer.updated_by = by
    if draft:
        answer.status = AnswerStatus.DRAFT
    else:
        answer.status = AnswerStatus.SAVED
        answer.saved_value = value
        answer.is_answered = not is_empty(value)
    answer.save()
    AnswerVersion.objects.create(answer=answer, value=value, status=answer.status, changed_by=by)
    return answer


@transaction.atomic
def answer_reset(*, answer, by, version: str | None = None) -> Answer:
    """Back to the last saved answer: the draft is dropped (and kept in the history). ``version``:
    ``stale.StaleAnswer`` when the answer is no longer the one the page showed."""
    answer = Answer.objects.select_for_update().get(pk=answer.pk)
    stale.check(answer.pk, version)
    if answer.status == AnswerStatus.SAVED and answer.value == answer.saved_value:
        raise ValidationError(_("Er is geen concept om terug te zetten: dit is al het laatst opgeslagen antwoord."))
    answer.value = answer.saved_value
    answer.status = AnswerStatus.SAVED
    answer.updated_by = by
    answer.save()
    AnswerVersion.objects.create(answer=answer, value=answer.value, status=answer.status, is_reset=True,
                                 changed_by=by)
    return answer


COMMENT_MAX = AnswerComment._meta.get_field("body").max_length


def limit_text(number: int) -> str:
    """A text limit as the page's language writes numbers (2.000 / 2,000), not Django's bare 2000."""
    return number_format(number, 0, force_grouping=True)


def comment_add(*, organisation, question, body: str, by) -> AnswerComment:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Schrijf een reactie.")})
    if len(body) > COMMENT_MAX:
        # Checked before full_clean: the model's validator says "2000 tekens ... nu 6000", bare numbers.
        raise ValidationError({"body": _("Een reactie is maximaal %(max)s tekens; deze telt er %(count)s. Maak haar "
                                         "korter.") % {"max": limit_text(COMMENT_MAX), "count": limit_text(len(body))}})
    comment = AnswerComment(organisation=organisation, question=question, body=body, author=by)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def edition_copy(*, source: Edition, code: str, title: str, published_on, title_en: str = "") -> Edition:
    """A new current edition with a copy of ``source``'s content (Dutch and English). Answers stay
    with the questions of the edition they were given for; the new questions keep the same keys."""
    edition = Edition.objects.create(code=code, title=title, title_en=title_en, published_on=published_on,
                                     is_current=True)
    Edition.objects.exclude(pk=edition.pk).update(is_current=False)
    themes = {}
    for theme in source.themes.all():
        themes[theme.pk] = Theme.objects.create(edition=edition, number=theme.number, title=theme.title,
                                                title_en=theme.title_en)
    for module in source.modules.prefetch_related("questions"):
        copy = Module.objects.create(
            edition=edition, theme=themes[module.theme_id], number=module.number, title=module.title,
            title_en=module.title_en, learning_goals=module.learning_goals,
            learning_goals_en=module.learning_goals_en, explanation=module.explanation,
            explanation_en=module.explanation_en, practice_examples=module.practice_examples,
            practice_examples_en=module.practice_examples_en, reading_tips=module.reading_tips)
        Question.objects.bulk_create([
            Question(module=copy, key=q.key, order=q.order, kind=q.kind, text=q.text, text_en=q.text_en,
                     help_text=q.help_text, help_text_en=q.help_text_en, options=q.options, options_en=q.options_en,
                     source_key=q.source_key) for q in module.questions.all()])
    return edition


def answerable(question) -> bool:
    return question.kind != QuestionKind.LINKED
