"""The toolbox pages: overview with progress, a module with its questions (answer, save as draft
or saved, reset, comments, history), and print as a background job."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from impactportal import access
from impactportal.jobs import job_start
from impactportal.ui import once, versions
from impactportal.ui.actions import RoleRequiredMixin

from ..constants import QuestionKind
from ..models import Answer, AnswerComment, AnswerVersion, Question
from . import services, stale
from .progress import (
    current_edition,
    earlier_answers,
    modules_with_answers,
    organisation_for,
    themes_progress,
)
from .values import MAX_CELL, display, is_empty, table_columns

ROLES = (access.BROKER, access.COLLEAGUE)
EMPTY_TABLE_ROWS = 3


class ToolboxMixin(RoleRequiredMixin):
    roles = ROLES

    def organisation(self):
        slug = self.request.POST.get("organisation") or self.request.GET.get("organisation")
        return organisation_for(self.request.user, slug)

    def may(self, model, organisation) -> bool:
        return access.owner_choices(self.request.user, model, access.CHANGE).filter(pk=organisation.pk).exists()

    def require(self, model, organisation):
        if not self.may(model, organisation):
            raise PermissionDenied(_("U mag de antwoorden van deze organisatie niet wijzigen."))

    def choices(self):
        return access.owner_choices(self.request.user, Answer, access.VIEW).order_by("name")


def dutch_on_english_page(parts) -> str:
    """Whether an English page shows toolbox texts in Dutch because their English is empty: "all"
    (none has English: an edition without it), "some", or "" (all English, or a Dutch page).
    ``parts``: ``(content object, fields or None for all of them)``."""
    if get_language() != "en":
        return ""
    missing = total = 0
    for obj, fields in parts:
        gaps = obj.english_gaps(fields)
        missing, total = missing + gaps[0], total + gaps[1]
    return "all" if missing and missing == total else "some" if missing else ""


class ToolboxOverview(ToolboxMixin, View):
    def get(self, request):
        organisation = self.organisation()
        edition = current_edition()
        modules = modules_with_answers(request.user, organisation, edition)
        themes, overall = themes_progress(modules)
        titles = [(edition, ("title",)), *((theme, ("title",)) for theme, _p, _m in themes),
                  *((module, ("title",)) for module in modules)]
        return render(request, "brokers/toolbox/overview.html", {
            "organisation": organisation, "edition": edition, "themes": themes, "overall": overall,
            "organisation_choices": self.choices(), "toolbox_dutch": dutch_on_english_page(titles)})


def _table_rows(question, value):
    columns = question.page_columns  # the headings in the page's language; a cell is stored by its key
    rows = [dict(row) for row in (value or [])] + [{} for _ in range(EMPTY_TABLE_ROWS)]
    return [[(column, row.get(column["key"], "")) for column in columns] for row in rows]


class ModuleDetail(ToolboxMixin, View):
    def get(self, request, number, errors=None, status=200, posted=None, typed_comment=None, unsaved=None):
        """``posted``/``typed_comment``: (question pk, what was typed[, errors]) when a post was refused, so
        the page shows it again with the error instead of losing it in a redirect. Each answer form
        carries its answer's version (``stale``); a refused answer keeps the version it was sent with.
        ``unsaved``: (question pk, what was typed) over a colleague's change (``_stale_page``): shown
        beside the form to copy from, while the form holds the saved answer."""
        organisation = self.organisation()
        edition = current_edition()
        module = modules_with_answers(request.user, organisation, edition, number=number)[0]
        earlier = earlier_answers(organisation, module.question_list, edition)
        comments = {}
        for comment in (AnswerComment.objects.for_user(request.user)
                        .filter(organisation=organisation, question__module=module).select_related("author")):
            comments.setdefault(comment.question_id, []).append(comment)
        sent = versions.posted(request)
        for question in module.question_list:
            value = question.answer.value if question.answer else None
            question.version_token = stale.version_of(question.answer)  # no query per question
            if posted and posted[0] == question.pk:
                value = posted[1]
                question.version_token = sent or question.version_token
            question.current = value
            question.unsaved = (_unsaved_text(question, unsaved[1])
                                if unsaved and unsaved[0] == question.pk else "")
            question.earlier = earlier.get(question.key)
            question.comment_list = comments.get(question.pk, [])
            question.errors = (errors or {}).get(question.pk, [])
            question.comment_text, question.comment_errors = (
                typed_comment[1:] if typed_comment and typed_comment[0] == question.pk else ("", []))
            # Each comment box is its own form, sent once (``once``): its own token.
            question.comment_token = (once.token_for(request) if typed_comment and typed_comment[0] == question.pk
                                      else once.fresh_token())
            if question.kind == QuestionKind.TABLE:
                question.table_columns = question.page_columns
                question.table_rows = _table_rows(question, value if isinstance(value, list) else [])
        siblings = [(other.number, other.page_title)
                    for other in edition.modules.order_by("number").only("number", "title", "title_en")]
        shown = [(module.theme, ("title",)), (module, None), *((question, None) for question in module.question_list)]
        return render(request, "brokers/toolbox/module.html", {
            "organisation": organisation, "edition": edition, "module": module, "siblings": siblings,
            "toolbox_dutch": dutch_on_english_page(shown),
            "can_answer": self.may(Answer, organisation), "can_comment": self.may(AnswerComment, organisation),
            "comment_max": services.COMMENT_MAX, "comment_max_text": services.limit_text(services.COMMENT_MAX),
            "cell_max": MAX_CELL, "version_field": versions.FIELD,
            "organisation_choices": self.choices()}, status=status)


def value_from_post(question, data):
    """The answer a form posted, in the stored shape (validated by the service afterwards)."""
    kind = question.kind
    if kind == QuestionKind.YES_NO:
        raw = data.get("value")
        if raw in (None, ""):  # nothing chosen: the answer is cleared
            return None
        return {"yes": True, "no": False}.get(raw, raw)  # anything else is refused, not read as "cleared"
    if kind in (QuestionKind.MULTIPLE, QuestionKind.CHECKLIST):
        return data.getlist("value")
    if kind == QuestionKind.TABLE:
        rows, index = [], 0
        keys = [column["key"] for column in table_columns(question)]
        while any(f"cell-{index}-{key}" in data for key in keys) and index < 200:
            row = {key: data.get(f"cell-{index}-{key}", "") for key in keys}
            # The page adds empty rows to fill in: they are no rows of the answer and do not count
            # towards its limit (an answer of 98 rows could not be saved again from its page).
            if any(str(cell).strip() for cell in row.values()):
                rows.append(row)
            index += 1
        return rows
    return data.get("value", "")


def _question(pk):
    return get_object_or_404(Question.objects.select_related("module"), pk=pk, module__edition=current_edition())


def _back(question, organisation):
    return redirect(f"{question.module.get_absolute_url()}?organisation={organisation.slug}#vraag-{question.pk}")


def _unsaved_text(question, value) -> str:
    """What a broker typed, as text to copy: an open answer as typed, another kind as its history
    shows it ("Ja", the options chosen, a table's rows); "" when nothing was typed."""
    if is_empty(value):
        return ""
    return value if isinstance(value, str) else display(question, value)


def _stale_page(request, question, typed=None):
    """A colleague changed the answer since the page was loaded: nothing saved; the module page with
    the answer as it is now, its new version and why (409), as ``ScopedUpdateView`` does. What the
    broker typed (``typed``) is shown beside it, read-only, to copy: a long answer was lost."""
    page = ModuleDetail(request=request, args=(), kwargs={})
    return page.get(request, question.module.number, errors={question.pk: [versions.stale_message()]}, status=409,
                    unsaved=(question.pk, typed) if typed is not None else None)


class AnswerSave(ToolboxMixin, View):
    def post(self, request, pk):
        question = _question(pk)
        organisation = self.organisation()
        self.require(Answer, organisation)
        value = value_from_post(question, request.POST)
        draft = request.POST.get("submit") == "draft"
        try:
            answer = services.answer_save(organisation=organisation, question=question, value=value,
                                          by=request.user, draft=draft, version=versions.posted(request))
        except stale.StaleAnswer:
            return _stale_page(request, question, typed=value)
        except ValidationError as error:
            page = ModuleDetail(request=request, args=(), kwargs={})
            return page.get(request, question.module.number, errors={question.pk: error.messages}, status=400,
                            posted=(question.pk, value))
        if draft:
            messages.success(request, _("Uw antwoord is bewaard als concept."))
        elif answer.is_answered:
            messages.success(request, _("Uw antwoord is opgeslagen."))
        else:  # an empty answer clears the question: say so, it no longer counts as answered
            messages.warning(request, _("Het antwoord is leeggemaakt: deze vraag telt niet als beantwoord."))
        return _back(question, organisation)


class AnswerReset(ToolboxMixin, View):
    def post(self, request, pk):
        question = _question(pk)
        organisation = self.organisation()
        self.require(Answer, organisation)
        answer = get_object_or_404(Answer.objects.for_user(request.user, access.CHANGE), question=question,
                                   organisation=organisation)
        try:
            services.answer_reset(answer=answer, by=request.user, version=versions.posted(request))
        except stale.StaleAnswer:
            return _stale_page(request, question)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Het antwoord is teruggezet naar de laatst opgeslagen versie."))
        return _back(question, organisation)


@method_decorator(once.once, name="post")  # Back and Reageren again: no second comment
class CommentAdd(ToolboxMixin, View):
    def post(self, request, pk):
        question = _question(pk)
        organisation = self.organisation()
        self.require(AnswerComment, organisation)
        body = request.POST.get("body", "")
        try:
            services.comment_add(organisation=organisation, question=question, body=body, by=request.user)
        except ValidationError as error:
            # The module page again, with the typed text and the error at the comment box: a redirect
            # lost a long comment and left the error in a message far from where it was typed.
            page = ModuleDetail(request=request, args=(), kwargs={})
            return page.get(request, question.module.number, status=400,
                            typed_comment=(question.pk, body, error.messages))
        messages.success(request, _("Uw reactie is geplaatst."))
        return _back(question, organisation)


class AnswerHistory(ToolboxMixin, View):
    def get(self, request, pk):
        question = get_object_or_404(Question.objects.select_related("module__edition"), pk=pk)
        organisation = self.organisation()
        versions = (AnswerVersion.objects.for_user(request.user)
                    .filter(answer__organisation=organisation, answer__question=question).select_related("changed_by"))
        return render(request, "brokers/toolbox/history.html", {
            "question": question, "organisation": organisation, "versions": versions})


class ToolboxPrint(ToolboxMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        from ..tasks import toolbox_pdf

        organisation = self.organisation()
        edition = current_edition()
        number = request.POST.get("module") or None
        if number is not None:
            if not str(number).isdecimal() or not edition.modules.filter(number=int(number)).exists():
                messages.error(request, _("Deze module bestaat niet."))
                return redirect("brokers:toolbox")
            number = int(number)
        title = (_("Toolbox module %(number)s: %(organisation)s") % {"number": number, "organisation": organisation}
                 if number else _("Toolbox: %(organisation)s") % {"organisation": organisation})
        job = job_start(task=toolbox_pdf, title=title, kind="toolbox_pdf", user=request.user,
                        organisation=organisation, organisation_id=organisation.pk, module_number=number,
                        language=translation.get_language())
        messages.info(request, _("De PDF wordt op de achtergrond gemaakt."))
        return redirect("job-detail", pk=job.pk)
