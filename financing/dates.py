"""The dates financing accepts, one rule for the models that share it: model validators and
``clean()``, so the forms, the admin and the API (``ModelCleanSerializer``) agree.

The portal's shared bounds (``impactportal.dates``): nothing before 1990 (a typo of the year, not
history) and a planned date at most five years ahead. What is recorded as having happened (an
investment, a result reported, a realised cash flow) lies today at the latest. A contract's end can
lie far ahead (a long-running outcome contract), but not beyond the portal's long-term ceiling of
fifty years, with the message procurement gives a contract's end."""

import datetime as dt

from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.dates import (
    EARLIEST_DATE,
    NOT_BEFORE_1990,
    NOT_TOO_FAR_AHEAD,
    add_years,
    latest_long_term_date,
)

__all__ = ["EARLIEST_DATE", "NOT_BEFORE_1990", "NOT_TOO_FAR_AHEAD", "CONTRACT_START", "CONTRACT_END",
           "REPORTED_NOT_IN_FUTURE", "PLANNED_FLOW_YEARS_AHEAD", "latest_planned_flow"]

# A contract starts at most five years ahead (a plan's horizon) and ends at most fifty years ahead.
CONTRACT_START = [NOT_BEFORE_1990, NOT_TOO_FAR_AHEAD]
CONTRACT_END = [NOT_BEFORE_1990, MaxValueValidator(latest_long_term_date, message=_(
    "Vul een einddatum in die hooguit vijftig jaar vooruit ligt; controleer het jaar."))]

# An impact report is made afterwards: its period ends today at the latest.
REPORTED_NOT_IN_FUTURE = MaxValueValidator(timezone.localdate, message=_(
    "Deze datum ligt in de toekomst. Resultaten rapporteert u achteraf: kies vandaag of een eerdere datum."))

# A bond's planned cash flow (a forecast of a repayment or an outcome payment) lies within the
# bond's life: a social impact bond runs a few years, its repayments follow; ten years ahead (as an
# action programme's horizon, ``brokers.models.bounds``) is beyond any, so a later year is a typo.
PLANNED_FLOW_YEARS_AHEAD = 10


def latest_planned_flow() -> dt.date:
    return add_years(timezone.localdate(), PLANNED_FLOW_YEARS_AHEAD)
