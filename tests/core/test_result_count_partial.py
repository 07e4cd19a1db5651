"""A paged list's count heading is one partial (ui/partials/result_count.html), used by the tables
(ui/table.html) and the lists of cards, with the msgid they had ("%(shown)s resultaat"), so the
English stays translated."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

USERS = ("ui/table.html", "brokers/workspace/agenda_list.html", "brokers/knowledge/partials/results.html",
         "procurement/matching/partials/match_results.html", "financing/outcomes/feasibility_list.html")


def test_the_count_heading_is_focusable_and_plural_aware_in_both_languages():
    with translation.override("nl"):
        one = render_to_string("ui/partials/result_count.html", {"count_id": "agenda-count", "count": 1})
        many = render_to_string("ui/partials/result_count.html", {"count_id": "agenda-count", "count": 1234})
    assert one == ('<h2 class="utrecht-heading-3 portal-result-count" id="agenda-count" tabindex="-1" '
                   "data-result-count>1 resultaat</h2>")
    assert many.endswith(">1.234 resultaten</h2>")
    with translation.override("en"):
        english = render_to_string("ui/partials/result_count.html", {"count_id": "x", "count": 1234})
    assert english.endswith(">1,234 results</h2>")


def test_every_paged_list_uses_the_one_count_heading():
    root = Path(settings.BASE_DIR) / "templates"
    for name in USERS:
        source = (root / name).read_text()
        assert '{% include "ui/partials/result_count.html"' in source, name
        assert "resultaat{% plural %}" not in source, name
