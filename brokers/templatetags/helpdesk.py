from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from brokers.helpdesk import sla
from brokers.helpdesk.recipients import speaks_for
from impactportal.text import short_date

register = template.Library()


@register.filter
def person(user):
    """A person's name for another party: never the username (it may be an e-mail address)."""
    if user is None:
        return _("onbekend")
    return user.get_full_name() or _("gebruiker %(pk)s") % {"pk": user.pk}


@register.simple_tag
def replied_for(message, case):
    """The organisation a staff message speaks for (``recipients.speaks_for``), once per author and page."""
    known = case.__dict__.setdefault("_replied_for", {})
    if message.author_id not in known:
        known[message.author_id] = speaks_for(case, message.author)
    return known[message.author_id]


@register.filter
def due_moment(value):
    """A due moment as the page's language writes it: "09-12-2026, einde van de dag" for midnight,
    else the date and time. Empty for no moment (the clock stands still)."""
    if value is None:
        return ""
    day, end_of_day = sla.due_day(value, timezone.get_current_timezone())
    if end_of_day:
        return _("%(day)s, einde van de dag") % {"day": short_date(day)}
    return short_date(value)
