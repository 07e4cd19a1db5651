from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _

from ..toolbox.values import display

register = template.Library()


@register.simple_tag(takes_context=True)
def linked_answer(context, question):
    """A linked question's live data (its source's template), or "not available yet". The source's
    template gets ``printing`` from the page (the toolbox PDF): it leaves out its links to other
    pages ("Naar de kennisbank"), which are no content on paper."""
    linked = question.linked
    if linked is None or not linked.available:
        return format_html(
            '<div class="utrecht-alert utrecht-alert--info" data-linked="unavailable"><p class="utrecht-paragraph">'
            "{}</p></div>",
            _("Nog niet beschikbaar: dit onderdeel van het portaal (%(key)s) is er nog niet. Zodra het er is, "
              "verschijnen de gegevens hier vanzelf.") % {"key": question.source_key})
    return render_to_string(linked.source.template, {**linked.context, "printing": context.get("printing", False)},
                            request=context.get("request"))


@register.filter
def answer_text(value, question):
    return display(question, value)


@register.filter
def lang_of(content, field):
    """The language a toolbox text is shown in, for ``lang``: "nl" where an English page falls back
    to the Dutch (``Bilingual.language_of``)."""
    return content.language_of(field)


@register.filter
def get_cell(row, key):
    return row.get(key, "") if isinstance(row, dict) else ""
