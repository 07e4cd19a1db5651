"""Dutch formats as Django has them, with two-digit days and months in short dates (02-12-2026):
the portal's lists line up and match what municipal systems print."""

from django.conf.locale.nl.formats import *  # noqa: F403

SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
