"""The toolbox "Makelaar met Mandaat" as data (issue 13): editions, themes, modules, questions,
and each organisation's answers with their history and comments.

Content is versioned by edition: an answer points at a question of one edition, so a later edition
(a copy, see ``brokers.toolbox.services.edition_copy``) never loses old answers. Questions keep a
stable ``key`` across editions; an old answer shows next to the new edition's question."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, PUBLIC, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.text import TEXT_MAX, LimitedTextField, short_date

from ..constants import AnswerStatus, QuestionKind


class EditionQuerySet(ScopedQuerySet):
    def current(self):
        return self.filter(is_current=True).order_by("-published_on", "-pk").first()


class Edition(models.Model):
    code = models.SlugField(_("code"), max_length=20, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    published_on = models.DateField(_("verschenen op"))
    is_current = models.BooleanField(_("huidige editie"), default=False)

    objects = EditionQuerySet.as_manager()
    access = PUBLIC

    class Meta:
        verbose_name = _("toolboxeditie")
        verbose_name_plural = _("toolboxedities")
        ordering = ["-published_on"]

    def __str__(self):
        return self.title


class Theme(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="themes", verbose_name=_("editie"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=100)

    objects = ScopedQuerySet.as_manager()
    access = PUBLIC

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["edition", "number"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="unique_theme_number")]

    def __str__(self):
        return self.title


class Module(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="modules", verbose_name=_("editie"))
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="modules", verbose_name=_("thema"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    learning_goals = models.JSONField(_("leerdoelen"), default=list, blank=True)
    explanation = LimitedTextField(_("uitleg"), blank=True, max_length=TEXT_MAX)
    practice_examples = LimitedTextField(_("praktijkvoorbeelden"), blank=True, max_length=TEXT_MAX)
    reading_tips = models.JSONField(_("leestips"), default=list, blank=True,
                                    help_text=_('Lijst van {"title": …, "url": …}.'))

    objects = ScopedQuerySet.as_manager()
    access = PUBLIC

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["edition", "number"]
        constraints = [models.UniqueConstraint(fields=["edition", "number"], name="unique_module_number")]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse_with_id("brokers:toolbox-module", self.number)


class Question(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions", verbose_name=_("module"))
    key = models.SlugField(_("sleutel"), max_length=60,
                           help_text=_("Blijft gelijk over edities: een oud antwoord hoort bij dezelfde sleutel."))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    kind = models.CharField(_("soort"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("vraag"), max_length=500)
    help_text = models.CharField(_("toelichting"), max_length=500, blank=True)
    options = models.JSONField(_("opties"), default=list, blank=True,
                               help_text=_("Keuzes, checklistpunten of tabelkolommen."))
    source_key = models.CharField(_("gegevensbron"), max_length=60, blank=True,
                                  help_text=_('Alleen bij een gekoppelde vraag, bijvoorbeeld "enterprises.register".'))

    objects = ScopedQuerySet.as_manager()
    access = PUBLIC

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["module", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["module", "key"], name="unique_question_key")]

    def __str__(self):
        return self.text


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
