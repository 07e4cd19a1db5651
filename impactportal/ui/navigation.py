"""The main navigation: the ``NavItem``s every app declares on its AppConfig (see
``impactportal.contributions``), in their order, filtered by the user's roles."""

import functools

from django.urls import NoReverseMatch, reverse

from impactportal import access
from impactportal.contributions import ALL_ROLES, ANONYMOUS, NO_ROLE, nav_items


@functools.cache
def _url(name: str) -> str | None:
    """A menu entry's path: the same for every request (the URLs carry no language prefix), so
    reversed once per process instead of about forty times per page."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def items_for(user, current_path: str):
    """The menu entries the user sees: ``{"label", "url", "current"}``, or for a group
    ``{"label", "children": [...], "current"}``."""
    roles = access.roles_of(user) if user.is_authenticated else {ANONYMOUS}
    if user.is_authenticated and not roles and not user.is_superuser:
        roles = {NO_ROLE}
    if getattr(user, "is_superuser", False):
        roles |= set(ALL_ROLES)
    result, groups = [], {}
    for item in nav_items():
        if item.roles is not None and not roles & set(item.roles):
            continue
        url = _url(item.url_name)
        if url is None:
            continue  # a feature that is not installed yet
        current = current_path == url or (url != "/" and current_path.startswith(url))
        entry = {"label": item.label, "url": url, "current": current}
        if item.group is None:
            result.append(entry)
        elif str(item.group) in groups:
            groups[str(item.group)]["children"].append(entry)
        else:
            groups[str(item.group)] = {"label": item.group, "children": [entry]}
            result.append(groups[str(item.group)])
    for position, entry in enumerate(result):
        if "children" in entry:
            if len(entry["children"]) == 1:
                result[position] = entry["children"][0]
            else:
                entry["current"] = any(child["current"] for child in entry["children"])
    return result
