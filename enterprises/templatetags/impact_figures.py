"""``{{ figure.value|indicator_value:figure.unit }}``: a self-declared impact figure as the portal
writes numbers ("9", "1.450", "12,5"; "1,450" and "12.5" in English), through
``enterprises.measurement.models.indicator_value`` (``monitoring.reports.fmt``): the enterprise page,
its impact report and ``ImpactIndicator.__str__`` write a figure alike."""

from django import template

from enterprises.measurement.models import indicator_value as _indicator_value

register = template.Library()


@register.filter
def indicator_value(value, unit=""):
    return _indicator_value(value, unit)
