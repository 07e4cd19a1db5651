"""The main navigation: (label, url name, roles). An item shows when the user holds one of its
roles; ``None`` means everyone, ``"anonymous"`` means visitors who are not signed in."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from impactportal import access

ANONYMOUS = "anonymous"
NO_ROLE = "no_role"  # signed in, no membership yet (a new entrepreneur before linking)
ALL_ROLES = (access.BROKER, access.COLLEAGUE, access.ENTREPRENEUR, access.STEERING)
STAFF = (access.BROKER, access.COLLEAGUE)

ITEMS = [
    (_("Start"), "home", (ANONYMOUS,)),
    (_("Dashboard"), "dashboard", ALL_ROLES),
    (_("Etalage"), "etalage", None),
    (_("Register"), "enterprises:register", STAFF),
    (_("Contactmomenten"), "enterprises:contact-list", (access.BROKER,)),
    (_("Mijn onderneming"), "enterprises:mine", (access.ENTREPRENEUR, NO_ROLE)),
    (_("Makelaarsteam"), "brokers:team-list", (access.BROKER,)),
    (_("Begroting"), "brokers:budget-list", (access.BROKER,)),
    (_("Helpdesk"), "helpdesk:inbox", STAFF),
    (_("Mijn vragen"), "helpdesk:my-cases", (access.ENTREPRENEUR, NO_ROLE)),
    (_("Kennisbank"), "helpdesk:instrument-list", None),
    (_("Aanmelden als ondernemer"), "helpdesk:signup", (ANONYMOUS,)),
    (_("Regionale afspraken"), "ecosystem:agreement-list", STAFF),
    (_("Partijen"), "ecosystem:party-list", None),
]


def items_for(user, current_path: str):
    roles = access.roles_of(user) if user.is_authenticated else {ANONYMOUS}
    if user.is_authenticated and not roles and not user.is_superuser:
        roles = {NO_ROLE}
    if getattr(user, "is_superuser", False):
        roles |= set(ALL_ROLES)
    result = []
    for label, url_name, allowed in ITEMS:
        if allowed is not None and not roles & set(allowed):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # a feature that is not installed yet
        current = current_path == url or (url != "/" and current_path.startswith(url))
        result.append({"label": label, "url": url, "current": current})
    return result
