"""Load ``brokers.toolbox_content`` into its edition (idempotent: looked up by edition code,
module number and question key; texts are updated, answers are never touched)."""

import datetime as dt

from .. import toolbox_content as content
from ..models import Edition, Module, Question, Theme


def seed_content() -> Edition:
    data = content.EDITION
    # The first edition becomes the current one; a later edition an administrator made stays current.
    edition, _ = Edition.objects.get_or_create(
        code=data["code"], defaults={"title": data["title"], "is_current": not Edition.objects.filter(
            is_current=True).exists(), "published_on": dt.date.fromisoformat(data["published_on"])})
    themes = {}
    for number, title in content.THEMES:
        themes[number], _ = Theme.objects.update_or_create(edition=edition, number=number, defaults={"title": title})
    for data in content.MODULES:
        module, _ = Module.objects.update_or_create(
            edition=edition, number=data["number"],
            defaults={"theme": themes[data["theme"]], "title": data["title"], "learning_goals": data["goals"],
                      "explanation": data["explanation"], "practice_examples": data["examples"],
                      "reading_tips": [{"title": title, "url": url} for title, url in data["tips"]]})
        for order, (key, kind, text, options) in enumerate(data["questions"], start=1):
            linked = kind == "linked"
            Question.objects.update_or_create(
                module=module, key=key,
                defaults={"order": order, "kind": kind, "text": text, "options": [] if linked else options,
                          "source_key": options if linked else ""})
    return edition
