"""Load ``brokers.toolbox_content`` into its edition (idempotent: looked up by edition code,
module number and question key; texts, Dutch and English, are updated, answers are never touched)."""

import datetime as dt

from .. import toolbox_content as content
from ..constants import QuestionKind
from ..models import Edition, Module, Question, Theme
from ..models.toolbox import CHOICE_KINDS


def _options(kind, options) -> tuple[list, list, str]:
    """``(options, options_en, source_key)`` as stored: a choice's ``(Dutch, English)`` pairs become
    the Dutch options (what an answer stores) and their English labels in the same order."""
    if kind == QuestionKind.LINKED:
        return [], [], options
    if kind in CHOICE_KINDS:
        return [dutch for dutch, _english in options], [english for _dutch, english in options], ""
    return list(options), [], ""


def seed_content() -> Edition:
    data = content.EDITION
    # The first edition becomes the current one; a later edition an administrator made stays current.
    edition, _ = Edition.objects.get_or_create(code=data["code"], defaults={
        "title": data["title"], "title_en": data["title_en"],
        "is_current": not Edition.objects.filter(is_current=True).exists(),
        "published_on": dt.date.fromisoformat(data["published_on"])})
    if not edition.title_en:  # an edition loaded before the English: its title is the administrator's to change
        edition.title_en = data["title_en"]
        edition.save(update_fields=["title_en"])
    themes = {}
    for number, title, title_en in content.THEMES:
        themes[number], _ = Theme.objects.update_or_create(edition=edition, number=number,
                                                           defaults={"title": title, "title_en": title_en})
    for data in content.MODULES:
        module, _ = Module.objects.update_or_create(
            edition=edition, number=data["number"],
            defaults={"theme": themes[data["theme"]], "title": data["title"], "title_en": data["title_en"],
                      "learning_goals": data["goals"], "learning_goals_en": data["goals_en"],
                      "explanation": data["explanation"], "explanation_en": data["explanation_en"],
                      "practice_examples": data["examples"], "practice_examples_en": data["examples_en"],
                      "reading_tips": [{"title": title, "title_en": title_en, "url": url}
                                       for title, title_en, url in data["tips"]]})
        for order, (key, kind, text, text_en, options) in enumerate(data["questions"], start=1):
            options, options_en, source_key = _options(kind, options)
            Question.objects.update_or_create(
                module=module, key=key,
                defaults={"order": order, "kind": kind, "text": text, "text_en": text_en, "options": options,
                          "options_en": options_en, "source_key": source_key})
    return edition
