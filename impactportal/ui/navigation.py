"""The main navigation: the ``NavItem``s every app declares on its AppConfig (see
``impactportal.contributions``), in their order, filtered by the user's roles."""

import functools

from django.apps import apps
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

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


# A superuser sees the entries of every role; for ``personal`` entries only the roles they hold
# themselves count, kept with this prefix (and so in the rendered menus' key).
_SUPERUSER = "superuser"
_OWN = "own:"


def _roles(user) -> frozenset:
    """What decides which entries the user sees."""
    roles = set(access.roles_of(user)) if user.is_authenticated else {ANONYMOUS}
    if user.is_authenticated and not roles and not user.is_superuser:
        roles = {NO_ROLE}
    if getattr(user, "is_superuser", False):
        roles = {_SUPERUSER, *(_OWN + role for role in roles), *roles, *ALL_ROLES}
    return frozenset(roles)


def _hidden(user) -> frozenset:
    """The entries bound to a model (``NavItem.model``) whose rows the user's access does not
    reach (``access.may_reach``): decided from the memberships, no query."""
    return frozenset(item.url_name for item in nav_items()
                     if item.model and not access.may_reach(user, apps.get_model(item.model)))


def _shows(item, roles: frozenset, hidden: frozenset = frozenset()) -> bool:
    if item.url_name in hidden:
        return False
    if item.roles is None:
        return True
    if item.personal and _SUPERUSER in roles:
        return bool(roles & {_OWN + role for role in item.roles})
    return bool(roles & set(item.roles))


def _is_current(url: str, current_path: str) -> bool:
    return current_path == url or (url != "/" and current_path.startswith(url))


def items_for(user, current_path: str):
    """The menu entries the user sees: ``{"label", "url", "current"}``, or for a group
    ``{"label", "children": [...], "current"}``."""
    roles, hidden = _roles(user), _hidden(user)
    currents = _current_urls(current_path)
    result, groups = [], {}
    for item in nav_items():
        if item.account or not _shows(item, roles, hidden):
            continue
        url = _url(item.url_name)
        if url is None:
            continue  # a feature that is not installed yet
        current = url in currents
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


def account_items_for(user, current_path: str) -> list[dict]:
    """The links of the page header's account area (``NavItem.account``) the user sees:
    ``{"label", "url", "current"}``."""
    if not user.is_authenticated:
        return []
    roles, hidden = _roles(user), _hidden(user)
    return [{"label": item.label, "url": url, "current": _is_current(url, current_path)}
            for item in nav_items() if item.account and _shows(item, roles, hidden)
            and (url := _url(item.url_name)) is not None]


@functools.cache
def _menu_urls() -> tuple[str, ...]:
    return tuple(url for url in {_url(item.url_name) for item in nav_items() if not item.account}
                 if url is not None)


def _current_urls(current_path: str) -> frozenset:
    """The menu entries the page belongs to: the longest of the entries its path falls under. The
    purchase requests' management page (``/inkoop/inkoopvragen/beheer/``) lies under the public
    requests (``/inkoop/inkoopvragen/``) and is only the former, not two pages at once."""
    matching = [url for url in _menu_urls() if _is_current(url, current_path)]
    longest = max(map(len, matching), default=0)
    return frozenset(url for url in matching if len(url) == longest)


# Rendered menus by (roles, entries hidden by their model, language, current entries): the same for every
# user with the same roles on any page under the same entries, and it cost about a millisecond and
# a half of every page to build and render. Bounded; cleared whole when full.
MENUS_MAX = 256
_menus: dict = {}


def forget_menus() -> None:
    """Drop this process's rendered menus (the tests: a page's language or roles set up anew)."""
    _menus.clear()


def menu_html(user, current_path: str) -> str:
    """The main menu (``ui/partials/main_menu.html``) for ``user`` on ``current_path``, rendered
    once per process for each roles, language and current entries."""
    roles, hidden = _roles(user), _hidden(user)
    key = (roles, hidden, get_language(), _current_urls(current_path))
    found = _menus.get(key)
    if found is None:
        found = render_to_string("ui/partials/main_menu.html", {"nav_items": items_for(user, current_path)})
        if len(_menus) >= MENUS_MAX:
            _menus.clear()
        _menus[key] = found
    return found
