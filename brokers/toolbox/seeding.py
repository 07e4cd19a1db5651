"""Load ``brokers.toolbox_content`` into its edition (idempotent: looked up by edition code, theme and
module number and question key). Missing rows are created; existing texts, Dutch and English, are
an administrator's and are kept, unless the run updates (``seed_reference --update``, ``seed_demo``:
``impactportal.seed.rows``). Answers are never touched."""

import datetime as dt

from impactportal.seed import rows
from impactportal.seed.rows import reference_row

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
    edition, created = reference_row(Edition, {"code": data["code"]}, create={
        "title": data["title"], "title_en": data["title_en"],
        "is_current": not Edition.objects.filter(is_current=True).exists(),
        "published_on": dt.date.fromisoformat(data["published_on"])})
    # An edition loaded before the English (brokers 0010 fills it where the title is still the seeded one);
    # its title is the administrator's to change.
    if not created and rows.updating() and not edition.title_en:
        edition.title_en = data["title_en"]
        edition.save(update_fields=["title_en"])
    themes = {}
    for number, title, title_en in content.THEMES:
        themes[number], _ = reference_row(Theme, {"edition": edition, "number": number}, title=title, title_en=title_en)
    for data in content.MODULES:
        module, _ = reference_row(
            Module, {"edition": edition, "number": data["number"]},
            theme=themes[data["theme"]], title=data["title"], title_en=data["title_en"],
            learning_goals=data["goals"], learning_goals_en=data["goals_en"],
            explanation=data["explanation"], explanation_en=data["explanation_en"],
            practice_examples=data["examples"], practice_examples_en=data["examples_en"],
            reading_tips=[{"title": title, "title_en": title_en, "url": url} for title, title_en, url in data["tips"]])
        for order, (key, kind, text, text_en, options) in enumerate(data["questions"], start=1):
            options, options_en, source_key = _options(kind, options)
            reference_row(Question, {"module": module, "key": key}, order=order, kind=kind, text=text,
                          text_en=text_en, options=options, options_en=options_en, source_key=source_key)
    return edition
