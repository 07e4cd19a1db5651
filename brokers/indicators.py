"""Monitoring indicators of the brokers app (see impactportal.indicators): the helpdesk's and the
toolbox's and action agenda's, each in a module of its own."""

from .indicators_helpdesk import INDICATORS as HELPDESK
from .indicators_toolbox import INDICATORS as TOOLBOX

INDICATORS = [*HELPDESK, *TOOLBOX]
