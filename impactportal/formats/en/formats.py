"""English pages use British formats (day before month, 24-hour clock), not Django's US default:
the portal's English readers are Dutch civil servants and their international partners."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# Date inputs are <input type="date"> and send ISO dates, whatever the language.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
# An amount as British English writes it, the sign against the figure: €7,000.00, -€7,000.00
# (``impactportal.money.euro``; Dutch keeps its space, € 7.000,00).
EURO_PREFIX = "€"
