"""``{{ match.score|score_percent }}``: a match score (0 to 1) as a percentage, "90%", in the
active language (``impactportal.scores.score_percent``): the one way every match page writes it."""

from django import template

from impactportal.scores import score_percent as _score_percent

register = template.Library()


@register.filter
def score_percent(value):
    return _score_percent(value)
