"""The toolbox "Makelaar met Mandaat" as data (issue 13): editions, themes, modules, questions,
and each organisation's answers with their history and comments.

Content is versioned by edition: an answer points at a question of one edition, so a later edition
(a copy, see ``brokers.toolbox.services.edition_copy``) never loses old answers. Questions keep a
stable ``key`` across editions; an old answer shows next to the new edition's question.

The content is written in Dutch with an English version in ``<field>_en`` (as the managed lists'
``name_en``): English pages show the English, or the Dutch where the English is empty (older rows,
content an administrator added). An answer always stores the Dutch option (``Question.options``);
``Question.options_en`` only gives each option its English label, so answers mean the same in both
languages."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, PUBLIC, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.text import (  # noqa: F401 — ENGLISH_HELP and Bilingual are imported from here too
    ENGLISH_HELP,
    TEXT_MAX,
    Bilingual,
    LimitedTextField,
    in_page_language,
    short_date,
)

from ..constants import AnswerStatus, QuestionKind

CHOICE_KINDS = (QuestionKind.CHOICE, QuestionKind.MULTIPLE, QuestionKind.CHECKLIST)


def _english_page() -> bool:
    return get_language() == "en"


def _shown(dutch: str, english: str) -> dict:
    """A text as the page shows it, with the language it is in (for ``lang``): the English on
    English pages when there is one, else the Dutch."""
    text = in_page_language(dutch, english)
    return {"text": text, "lang": "en" if _english_page() and english else "nl"}


class EditionQuerySet(ScopedQuerySet):
    def current(self):
        return self.filter(is_current=True).order_by("-published_on", "-pk").first()


class Edition(Bilingual, models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel in het Engels"), max_length=200, blank=True, help_text=ENGLISH_HELP)
    published_on = models.DateField(_("verschenen op"))
    is_current = models.BooleanField(_("huidige editie"), default=False)

    objects = EditionQuerySet.as_manager()
    access = PUBLIC

    class Meta:
        verbose_name = _("toolboxeditie")
        verbose_name_plural = _("toolboxedities")
        ordering = ["-published_on"]

    translated = ("title",)

    def __str__(self):
        return self.in_language("title")

    @property
    def page_title(self) -> str:
        return self.in_language("title")


class Theme(Bilingual, models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="themes", verbose_name=_("editie"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=100)
    title_en = models.CharField(_("titel in het Engels"), max_length=100, blank=True, help_text=ENGLISH_HELP)

    objects = ScopedQuerySet.as_manager()
    access = PUBLIC

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["edition", "number"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="unique_theme_number")]

    translated = ("title",)

    def __str__(self):
        return self.in_language("title")

    @property
    def page_title(self) -> str:
        return self.in_language("title")


class Module(Bilingual, models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="modules", verbose_name=_("editie"))
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="modules", verbose_name=_("thema"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    title_en = models.CharField(_("titel in het Engels"), max_length=200, blank=True, help_text=ENGLISH_HELP)
    learning_goals = models.JSONField(_("leerdoelen"), default=list, blank=True)
    learning_goals_en = models.JSONField(_("leerdoelen in het Engels"), default=list, blank=True,
                                         help_text=_("Getoond op Engelstalige pagina's; leeg: de Nederlandse "
                                                     "leerdoelen."))
    explanation = LimitedTextField(_("uitleg"), blank=True, max_length=TEXT_MAX)
    explanation_en = LimitedTextField(_("uitleg in het Engels"), blank=True, max_length=TEXT_MAX,
                                      help_text=ENGLISH_HELP)
    practice_examples = LimitedTextField(_("praktijkvoorbeelden"), blank=True, max_length=TEXT_MAX)
    practice_examples_en = LimitedTextField(_("praktijkvoorbeelden in het Engels"), blank=True, max_length=TEXT_MAX,
                                            help_text=ENGLISH_HELP)
    reading_tips = models.JSONField(_("leestips"), default=list, blank=True,
                                    help_text=_('Lijst van {"title": …, "title_en": …, "url": …}; "title_en" is de '
                                                "Engelse titel (leeg: de Nederlandse)."))

    objects = ScopedQuerySet.as_manager()
    access = PUBLIC

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["edition", "number"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="unique_module_number")]

    translated = ("title", "learning_goals", "explanation", "practice_examples")

    def __str__(self):
        return f"{self.number}. {self.in_language('title')}"

    def get_absolute_url(self):
        return reverse_with_id("brokers:toolbox-module", self.number)

    def clean(self):
        super().clean()
        errors = {}
        for field in ("learning_goals", "learning_goals_en"):
            value = getattr(self, field)
            if not isinstance(value, list) or not all(isinstance(goal, str) for goal in value):
                errors[field] = _("Geef een lijst met teksten.")
        tips = self.reading_tips
        if not isinstance(tips, list) or not all(
                isinstance(tip, dict) and isinstance(tip.get("title"), str) and isinstance(tip.get("url"), str)
                and isinstance(tip.get("title_en", ""), str) for tip in tips):
            errors["reading_tips"] = _('Geef een lijst van {"title": …, "title_en": …, "url": …}.')
        if errors:
            raise ValidationError(errors)

    @property
    def page_title(self) -> str:
        return self.in_language("title")

    @property
    def page_learning_goals(self) -> list:
        return self.in_language("learning_goals")

    @property
    def page_explanation(self) -> str:
        return self.in_language("explanation")

    @property
    def page_practice_examples(self) -> str:
        return self.in_language("practice_examples")

    @property
    def page_reading_tips(self) -> list[dict]:
        """The reading tips with their title in the page's language: ``{"title", "url", "lang"}``."""
        tips = []
        for tip in self.reading_tips:
            if not isinstance(tip, dict):
                continue
            shown = _shown(tip.get("title", ""), tip.get("title_en", ""))
            tips.append({"title": shown["text"], "lang": shown["lang"], "url": tip.get("url", "")})
        return tips

    def extra_texts(self):
        return [(tip.get("title", ""), tip.get("title_en", "")) for tip in self.reading_tips if isinstance(tip, dict)]


class Question(Bilingual, models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions", verbose_name=_("module"))
    key = models.SlugField(_("sleutel"), max_length=60,
                           help_text=_("Blijft gelijk over edities: een oud antwoord hoort bij dezelfde sleutel."))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    kind = models.CharField(_("soort"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("vraag"), max_length=500)
    text_en = models.CharField(_("vraag in het Engels"), max_length=500, blank=True, help_text=ENGLISH_HELP)
    help_text = models.CharField(_("toelichting"), max_length=500, blank=True)
    help_text_en = models.CharField(_("toelichting in het Engels"), max_length=500, blank=True, help_text=ENGLISH_HELP)
    options = models.JSONField(_("opties"), default=list, blank=True,
                               help_text=_('Keuzes, checklistpunten of tabelkolommen ({"key": …, "label": …, '
                                           '"label_en": …}). Een antwoord bewaart de Nederlandse optie.'))
    options_en = models.JSONField(
        _("opties in het Engels"), default=list, blank=True,
        help_text=_("De Engelse tekst van elke keuze of elk checklistpunt, in dezelfde volgorde als de opties. "
                    "Alleen wat de Engelstalige pagina toont: bewaard wordt de Nederlandse optie. Leeg: de "
                    "Nederlandse opties. Tabelkolommen krijgen hun Engelse kop als \"label_en\" in de opties."))
    source_key = models.CharField(_("gegevensbron"), max_length=60, blank=True,
                                  help_text=_('Alleen bij een gekoppelde vraag, bijvoorbeeld "enterprises.register".'))

    objects = ScopedQuerySet.as_manager()
    access = PUBLIC

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["module", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["module", "key"], name="unique_question_key")]

    translated = ("text", "help_text")

    def __str__(self):
        return self.in_language("text")

    def clean(self):
        super().clean()
        english = self.options_en
        if not isinstance(english, list) or not all(isinstance(label, str) for label in english):
            raise ValidationError({"options_en": _("Geef een lijst met teksten.")})
        if english and self.kind not in CHOICE_KINDS:
            raise ValidationError({"options_en": _("Alleen keuzes en checklistpunten hebben Engelse opties; een "
                                                   "tabelkolom krijgt \"label_en\" in de opties.")})
        if english and (not isinstance(self.options, list) or len(english) != len(self.options)):
            raise ValidationError({"options_en": _("Geef voor elke optie één Engelse tekst, in dezelfde volgorde "
                                                   "(%(count)s).") % {"count": len(self.options or [])}})

    @property
    def page_text(self) -> str:
        return self.in_language("text")

    @property
    def page_help_text(self) -> str:
        return self.in_language("help_text")

    def _english_options(self) -> dict:
        english = self.options_en if isinstance(self.options_en, list) else []
        return {str(value): label for value, label in zip(self.options, english, strict=False)
                if isinstance(label, str) and label}

    @property
    def page_options(self) -> list[dict]:
        """The options as a form offers them: ``{"value"}`` is what an answer stores (the Dutch option,
        on every page), ``{"label", "lang"}`` what the page shows."""
        if self.kind not in CHOICE_KINDS:
            return []
        english = self._english_options()
        result = []
        for option in self.options:
            shown = _shown(str(option), english.get(str(option), ""))
            result.append({"value": str(option), "label": shown["text"], "lang": shown["lang"]})
        return result

    def option_label(self, value) -> str:
        """What the page shows for a stored option (an option no longer offered: as stored)."""
        return in_page_language(str(value), self._english_options().get(str(value), ""))

    @property
    def page_columns(self) -> list[dict]:
        """A table's columns: ``{"key", "label", "lang"}``, the heading in the page's language."""
        columns = []
        for column in self.options:
            if isinstance(column, dict) and column.get("key"):
                shown = _shown(str(column.get("label", "")), str(column.get("label_en", "")))
                columns.append({"key": column["key"], "label": shown["text"], "lang": shown["lang"]})
        return columns

    def extra_texts(self):
        if self.kind in CHOICE_KINDS:
            english = self._english_options()
            return [(str(option), english.get(str(option), "")) for option in self.options]
        if self.kind == QuestionKind.TABLE:
            return [(column.get("label", ""), column.get("label_en", "")) for column in self.options
                    if isinstance(column, dict)]
        return []


class Answer(models.Model):
    """One organisation's answer to one question of one edition: the current value (perhaps a
    draft) and the last saved value, to which "reset" returns."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="toolbox_answers", verbose_name=_("organisatie"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers",
                                 verbose_name=_("vraag"))
    value = models.JSONField(_("antwoord"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.DRAFT)
    saved_value = models.JSONField(_("laatst opgeslagen antwoord"), null=True, blank=True)
    is_answered = models.BooleanField(_("beantwoord"), default=False,
                                      help_text=_("Het laatst opgeslagen antwoord is niet leeg."))
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("gewijzigd door"))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER), Grant(COLLEAGUE)], change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["question__module__number", "question__order"]
        constraints = [models.UniqueConstraint(fields=["organisation", "question"], name="unique_toolbox_answer")]
        indexes = [models.Index(fields=["organisation", "is_answered"])]

    def __str__(self):
        return f"{self.organisation}: {self.question}"

    def get_absolute_url(self):
        return reverse("brokers:toolbox-module", args=[self.question.module.number]) + f"#vraag-{self.question_id}"


class AnswerVersion(models.Model):
    """Every save of an answer (draft, saved or reset), with who and when: the history."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="versions", verbose_name=_("antwoord"))
    value = models.JSONField(_("antwoord"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AnswerStatus.choices)
    is_reset = models.BooleanField(_("teruggezet"), default=False)
    changed_at = models.DateTimeField(_("op"), auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("door"))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="answer__organisation", view=[Grant(BROKER), Grant(COLLEAGUE)],
                          change=[Grant(BROKER)])

    class Meta:
        verbose_name = _("antwoordversie")
        verbose_name_plural = _("antwoordversies")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.answer} ({short_date(self.changed_at)})"


class AnswerComment(models.Model):
    """A remark between team members on a question (also before anyone answered it)."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisatie"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="comments",
                                 verbose_name=_("vraag"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                               verbose_name=_("auteur"))
    body = LimitedTextField(_("reactie"), max_length=2000)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER), Grant(COLLEAGUE)],
                          change=[Grant(BROKER), Grant(COLLEAGUE)])

    class Meta:
        verbose_name = _("reactie op een toolboxvraag")
        verbose_name_plural = _("reacties op toolboxvragen")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author}: {self.body[:50]}"
