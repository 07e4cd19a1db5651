"""The years, dates and amounts the team workspace accepts, one rule for the models that share it:
model validators, so the forms, the API (``ModelCleanSerializer``) and the admin agree.

Years: an action programme, a budget line and what is spent against it all lie from 2000 (the
oldest real programme of the seeds is Haarlem's of 2020, and the spending list's year filter
starts there) up to ten years ahead: a year typed as 2100 or 9999 is a typo, and then showed as a
year of its own in the budget overview. Not 1990 (the portal's floor for dates in the ecosystem,
``impactportal.dates.EARLIEST_DATE``): a spending is booked on a budget line of its own year, and
no budget line, programme or year filter reaches before 2000."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal import money
from impactportal.dates import NOT_BEFORE_1990

PROGRAMME_FIRST_YEAR = 2000
PROGRAMME_YEARS_AHEAD = 10  # a programme may be adopted this many years ahead, at most


def latest_programme_year() -> int:
    return timezone.localdate().year + PROGRAMME_YEARS_AHEAD


programme_year_validators = [
    MinValueValidator(PROGRAMME_FIRST_YEAR, message=_("Vul een jaar in vanaf %(limit_value)s.")),
    MaxValueValidator(latest_programme_year, message=_("Vul een jaar in tot en met %(limit_value)s.")),
]

# The days of those years: a spending or commitment dated 01-01-1900 or 01-01-9999 was accepted.
FIRST_DAY = dt.date(PROGRAMME_FIRST_YEAR, 1, 1)
NOT_BEFORE_2000 = MinValueValidator(FIRST_DAY, message=_("Vul een datum in vanaf 01-01-2000; controleer het jaar."))


def not_after_latest_year(value: dt.date) -> None:
    """A date in the last year a budget line or programme may have (this year + 10) at the latest."""
    latest = latest_programme_year()
    if value is not None and value.year > latest:
        raise ValidationError(_("Deze datum ligt te ver vooruit. Vul een datum in tot en met 31-12-%(year)s; "
                                "controleer het jaar."), code="max_value", params={"year": latest})


WORKSPACE_DATE = [NOT_BEFORE_2000, not_after_latest_year]

# A decision (the college's mandate of a team, the adoption of an action programme) has been
# taken: today at the latest, and not before 1990 (the portal's floor of a date that records
# something that happened). One message for both, the mandate's.
DECIDED_NOT_IN_FUTURE = MaxValueValidator(timezone.localdate, message=_(
    "De datum van het besluit ligt in de toekomst. Kies vandaag of een eerdere datum."))
DECISION_DATE = [NOT_BEFORE_1990, DECIDED_NOT_IN_FUTURE]

# An amount of money that is booked or budgeted: € 0 is none (as ``PositiveAmountForm`` says).
POSITIVE_AMOUNT = money.POSITIVE_AMOUNT
