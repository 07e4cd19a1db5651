"""The main navigation: the ``NavItem``s every app declares on its AppConfig (see
``impactportal.contributions``), in their order, filtered by the user's roles."""

from django.urls import NoReverseMatch, reverse

from impactportal import access
from impactportal.contributions import ALL_ROLES, ANONYMOUS, NO_ROLE, nav_items


def items_for(user, current_path: str):
    roles = access.roles_of(user) if user.is_authenticated else {ANONYMOUS}
    if user.is_authenticated and not roles and not user.is_superuser:
        roles = {NO_ROLE}
    if getattr(user, "is_superuser", False):
        roles |= set(ALL_ROLES)
    result = []
    for item in nav_items():
        if item.roles is not None and not roles & set(item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue  # a feature that is not installed yet
        current = current_path == url or (url != "/" and current_path.startswith(url))
        result.append({"label": item.label, "url": url, "current": current})
    return result
