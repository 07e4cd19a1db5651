from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def person(user):
    """A person's name for another party: never the username (it may be an e-mail address)."""
    if user is None:
        return _("onbekend")
    return user.get_full_name() or _("gebruiker %(pk)s") % {"pk": user.pk}
