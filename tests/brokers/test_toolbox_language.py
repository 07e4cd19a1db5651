"""Toolbox content without English (an edition an administrator added, rows loaded before the
English): on English pages it is marked as Dutch (for screen readers and translation tools) and the
page says why it is not in English. Content with English: ``test_toolbox_english.py``."""

import pytest
from django.urls import reverse
from django.utils import translation

from brokers.models import Edition, Module, Question, Theme
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_toolbox_content_is_marked_as_dutch(login, haarlem, broker_haarlem, language):
    f.toolbox_edition()
    Edition.objects.update(title_en="")
    Theme.objects.update(title_en="")
    Module.objects.update(title_en="", learning_goals_en=[], explanation_en="", practice_examples_en="",
                          reading_tips=[])
    Question.objects.update(text_en="", options_en=[])
    client = login(broker_haarlem)
    client.cookies["django_language"] = language
    with translation.override(language):
        overview = client.get(reverse("brokers:toolbox")).content.decode()
        module = client.get(reverse("brokers:toolbox-module", args=[1])).content.decode()
    for page in (overview, module):
        assert '<span lang="nl">' in page
        assert ('id="toolbox-language"' in page) == (language == "en")
    if language == "en":
        assert "The toolbox is a Dutch publication" in overview
