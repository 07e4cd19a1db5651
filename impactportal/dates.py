"""The dates the portal accepts, one set of bounds for every app: model validators, so the forms,
the admin and the API (``ModelCleanSerializer``) agree. An app with bounds of its own (financing's
reported-after-the-fact dates, the team workspace's years from 2000) builds them from these."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def add_years(day: dt.date, years: int) -> dt.date:
    """Same calendar date ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# The floor of a date that records when something in the ecosystem began (an agreement, a
# coalition, an event, a property's availability): the oldest real ones are of 2019 (Rotterdam's
# coalition, the regional social return agreements), so anything before 1990 is a typo of the
# year ("1800", "0202"), not history. Model validators, so the forms, the admin and the API agree.
EARLIEST_DATE = dt.date(1990, 1, 1)
EARLIEST_DATE_MESSAGE = _("Vul een datum in vanaf 01-01-1990; controleer het jaar.")
NOT_BEFORE_1990 = MinValueValidator(EARLIEST_DATE, message=EARLIEST_DATE_MESSAGE)
NOT_BEFORE_1990_AT = MinValueValidator(dt.datetime(1990, 1, 1, tzinfo=dt.UTC), message=EARLIEST_DATE_MESSAGE)
# Something that has started ("gestart op") did so today at the latest.
STARTED_NOT_IN_FUTURE = MaxValueValidator(timezone.localdate, message=_(
    "Deze startdatum ligt in de toekomst. Kies vandaag of een eerdere datum."))
# Something that has been signed ("getekend op") was so today at the latest.
SIGNED_NOT_IN_FUTURE = MaxValueValidator(timezone.localdate, message=_(
    "Deze datum van ondertekening ligt in de toekomst. Kies vandaag of een eerdere datum."))

# The ceiling of a date planned ahead (an event, the desired start of a space request): "12-05-9999"
# or a year typed twenty years on was accepted and then led every list and every match. Like an
# action programme (``brokers.models.agenda``: at most ten years ahead), a plan has a horizon: an
# event or a tenancy is planned a few years ahead at most, so beyond five years it is a typo.
LATEST_YEARS_AHEAD = 5
LATEST_DATE_MESSAGE = _("Vul een datum in die hooguit vijf jaar vooruit ligt; controleer het jaar.")


def latest_date() -> dt.date:
    """The last day a planned date may fall on: today, ``LATEST_YEARS_AHEAD`` years on."""
    return add_years(timezone.localdate(), LATEST_YEARS_AHEAD)


def latest_moment() -> dt.datetime:
    """The end of ``latest_date()`` in the portal's time zone: the ceiling of a moment."""
    return timezone.make_aware(dt.datetime.combine(latest_date(), dt.time.max))


NOT_TOO_FAR_AHEAD = MaxValueValidator(latest_date, message=LATEST_DATE_MESSAGE)
NOT_TOO_FAR_AHEAD_AT = MaxValueValidator(latest_moment, message=LATEST_DATE_MESSAGE)

# The ceiling of the end of a property's availability ("beschikbaar tot en met"). Not the five years
# of a plan: a property can be on offer for a long lease, or until a redevelopment decades away,
# and an empty field means "no end". But "31-12-9999", or a year typed as 2250 for 2025, is a typo
# that made the property look available forever. Fifty years ahead (from today, so the limit never
# goes stale the way a fixed year such as 2100 would) is longer than any lease the portal records
# (a ground lease is the owner's business, not an offer of space) and still catches such a year.
LONG_TERM_YEARS_AHEAD = 50
LONG_TERM_DATE_MESSAGE = _("Vul een datum in die hooguit vijftig jaar vooruit ligt, of laat het veld leeg als er "
                           "geen einddatum is; controleer het jaar.")


def latest_long_term_date() -> dt.date:
    """The last day an availability may end on: today, ``LONG_TERM_YEARS_AHEAD`` years on."""
    return add_years(timezone.localdate(), LONG_TERM_YEARS_AHEAD)


NOT_ABSURDLY_FAR_AHEAD = MaxValueValidator(latest_long_term_date, message=LONG_TERM_DATE_MESSAGE)
