"""Dutch formats as Django has them, with two-digit days and months in short dates (02-12-2026):
the portal's lists line up and match what municipal systems print."""

from django.conf.locale.nl.formats import *  # noqa: F403

SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
# An amount as Dutch writes it, a space after the sign that does not break: € 7.000,00
# (``impactportal.money.euro``; British English writes €7,000.00).
EURO_PREFIX = "€\u00a0"
