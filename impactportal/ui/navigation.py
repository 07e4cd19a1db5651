"""The main navigation: (label, url name, roles). An item shows when the user holds one of its
roles; ``None`` means everyone, ``"anonymous"`` means visitors who are not signed in."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from impactportal import access

ANONYMOUS = "anonymous"
ALL_ROLES = (access.BROKER, access.COLLEAGUE, access.ENTREPRENEUR, access.STEERING)
STAFF = (access.BROKER, access.COLLEAGUE)

ITEMS = [
    (_("Start"), "home", (ANONYMOUS,)),
    (_("Dashboard"), "dashboard", ALL_ROLES),
    (_("Etalage"), "etalage", None),
    (_("Register"), "enterprises:register", STAFF),
    (_("Makelaarsteam"), "brokers:team-list", (access.BROKER,)),
    (_("Begroting"), "brokers:budget-list", (access.BROKER,)),
    (_("Regionale afspraken"), "ecosystem:agreement-list", STAFF),
    (_("Partijen"), "ecosystem:party-list", None),
]


def items_for(user, current_path: str):
    roles = access.roles_of(user) if user.is_authenticated else {ANONYMOUS}
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
