"""What the apps contribute to the core: menu items, panels on the dashboard and the home page,
API routes and demo data.

Each app declares its contributions on its own ``AppConfig``; the core collects them here by
iterating ``apps.get_app_configs()`` and never imports an app. Everything is optional: an
AppConfig that declares nothing contributes nothing. The smallest real example is
``ecosystem.apps.EcosystemConfig``::

    class EcosystemConfig(contributions.PortalAppConfig):           # audit, api/urls.py router, seeding.seed
        navigation = [NavItem(_("Partijen"), "ecosystem:party-list", order=310)]  # None: everyone
        seed_order = 300                               # demo data after apps with a lower number

        def dashboard_panels(self):                    # [Panel(role, template, context, order)]
            return []

        def seed_reference(self, *, ref):              # reference data, before any demo data
            ...

    # <app>/indicators.py: INDICATORS = [impactportal.indicators.Indicator(...), ...]
    # <app>/toolbox_sources.py: SOURCES = [ToolboxSource(...), ...] for linked toolbox questions

Methods import the app's modules inside their bodies: AppConfig modules load before the models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.apps import AppConfig, apps

from impactportal import access

ANONYMOUS = "anonymous"  # visitors who are not signed in
NO_ROLE = "no_role"  # signed in, no membership yet (a new entrepreneur before linking)
ALL_ROLES = (access.BROKER, access.COLLEAGUE, access.ENTREPRENEUR, access.STEERING, access.PARTNER,
             access.SROI_COORDINATOR, access.FUNCTIONAL_ADMIN)
STAFF = (access.BROKER, access.COLLEAGUE)
# The entrepreneur desk: municipal staff and the network partner that runs a municipality's desk
# (helpdesk inbox, register).
DESK = (*STAFF, access.PARTNER)
# Social return: municipal staff and the regional SROI coordinator (contracts, rule sets, figures).
SROI_STAFF = (*STAFF, access.SROI_COORDINATOR)
HOME = "home"  # a panel for the home page, for everyone


@dataclass(frozen=True)
class NavItem:
    """A main menu entry. ``roles``: the item shows when the user holds one of them (a role of
    the access module, ``ANONYMOUS`` or ``NO_ROLE``); ``None`` shows it to everyone. Items that
    name the same ``group`` fold into one entry that opens a sub-menu (where the first of them
    would stand); a group the user sees only one item of is that item."""

    label: str
    url_name: str
    roles: tuple[str, ...] | None = None
    order: int = 0
    group: object = None  # a label: items with the same group fold into one menu entry
    # True: a page of the user's own memberships (their steering groups): shown only to users who
    # hold one of ``roles`` themselves; an administrator's reach over every role does not count.
    personal: bool = False
    # "app_label.Model": shown only to users whose access reaches rows of it (``access.may_reach``):
    # a colleague of inkoop holds the colleague role but none of vastgoed's allocations.
    model: str | None = None
    # True: a link in the page header's account area (next to the user's name) instead of the main
    # menu: the administration of the user's own organisation, not a domain of the portal.
    account: bool = False


@dataclass(frozen=True)
class Panel:
    """A part of a role's dashboard section (or of the home page, role ``HOME``).

    ``context(user)`` returns what ``template`` shows as ``p``; it reads only through the access
    module (``Model.objects.for_user(user)``, ``access.scope``). Card panels share the section's
    card grid; other panels stand above it, as they are. Lower ``order`` comes first."""

    role: str
    template: str
    context: Callable[[object], dict] | None = None
    order: int = 0
    card: bool = True
    # "app_label.Model": shown only to users whose access reaches rows of it (``access.may_reach``,
    # as ``NavItem.model``): the procurement tiles of a colleague are for the department procurement
    # rows belong to (inkoop), the real-estate tiles for vastgoed's colleagues.
    model: str | None = None

    def shown_to(self, user) -> bool:
        return not self.model or access.may_reach(user, apps.get_model(self.model))

    def render_context(self, user) -> dict:
        return {"template": self.template, "context": self.context(user) if self.context else {}}


class PortalAppConfig(AppConfig):
    """Subclass it as ``contributions.PortalAppConfig`` (not imported by name into ``apps.py``:
    Django picks an app's config automatically only when ``apps.py`` holds one AppConfig).
    An app of the portal: its models are audited, its ``api/urls.py`` ``router`` joins
    ``/api/v1/`` and its ``seeding.seed(size=, ref=, stdout=)`` adds its demo data. An app
    without one of these sets ``api_routes`` or ``demo_seeder`` to ``""``."""

    api_routes = "api.urls.router"
    demo_seeder = "seeding.seed"
    indicator_module = "indicators"  # its INDICATORS list, when the app has the module
    toolbox_module = "toolbox_sources"  # its SOURCES list, when the app has the module

    def ready(self):
        from impactportal import audit

        audit.register_app(self)

    def api_router(self):
        return _member(self.name, self.api_routes)

    def seed_demo(self, *, size, ref, stdout):
        return _member(self.name, self.demo_seeder)(size=size, ref=ref, stdout=stdout)

    def indicators(self):
        return list(_optional_member(self.name, self.indicator_module, "INDICATORS"))

    def toolbox_sources(self):
        return list(_optional_member(self.name, self.toolbox_module, "SOURCES"))


def _member(app: str, dotted: str):
    module, name = dotted.rsplit(".", 1)
    return getattr(import_module(f"{app}.{module}"), name)


def _optional_member(app: str, module: str, name: str):
    """``app.module.name``, or nothing when the app has no such module (an error inside it raises)."""
    try:
        found = import_module(f"{app}.{module}")
    except ModuleNotFoundError as error:
        if error.name != f"{app}.{module}":
            raise
        return ()
    return getattr(found, name)


def _configs():
    return apps.get_app_configs()  # INSTALLED_APPS order: the tie-breaker everywhere below


def nav_items() -> list[NavItem]:
    items = [item for config in _configs() for item in getattr(config, "navigation", ())]
    return sorted(items, key=lambda item: item.order)


def panels(role: str) -> list[Panel]:
    found = [panel for config in _configs() if hasattr(config, "dashboard_panels")
             for panel in config.dashboard_panels() if panel.role == role]
    return sorted(found, key=lambda panel: panel.order)


def api_routers() -> list:
    return [config.api_router() for config in _configs()
            if hasattr(config, "api_router") and getattr(config, "api_routes", True)]


def reference_seeders() -> list[Callable]:
    return [config.seed_reference for config in _configs() if hasattr(config, "seed_reference")]


def indicators() -> list:
    """Every app's monitoring indicators (``impactportal.indicators.Indicator``), by code."""
    found = [indicator for config in _configs() if hasattr(config, "indicators")
             for indicator in config.indicators()]
    return sorted(found, key=lambda indicator: indicator.code)


@dataclass(frozen=True)
class ToolboxSource:
    """Live data that answers a *linked* toolbox question (e.g. module 3: the register's impact
    enterprises of the organisation's area). A question names its source by ``key``; a key no app
    provides yet shows "not available yet" and starts working when the app lands.

    ``context(user, organisation)`` reads through the access module and returns what ``template``
    shows; ``has_data(context)`` says whether the question counts as answered for progress.

    ``answered(user, organisations)``, optional, gives the same answer as ``has_data`` for many
    organisations at once (a set of their pks), in a fixed number of queries: the monthly indicator
    asks every organisation, and a context per organisation made it grow with the country (354
    organisations × every linked source). ``answered_in`` falls back to the context per organisation
    for a source without it."""

    key: str  # "<app>.<name>", e.g. "enterprises.register", "ecosystem.map"
    label: str
    template: str
    context: Callable[[object, object], dict]
    has_data: Callable[[dict], bool] = lambda context: bool(context.get("rows"))
    answered: Callable[[object, list], set] | None = None

    def answered_in(self, user, organisations) -> set:
        """The pks of ``organisations`` for which the source has data as ``user`` reads it: what
        ``has_data(context(user, organisation))`` says for each."""
        organisations = list(organisations)
        if not organisations:
            return set()
        if self.answered is not None:
            return set(self.answered(user, organisations))
        return {organisation.pk for organisation in organisations
                if self.has_data(self.context(user, organisation) or {})}


def toolbox_sources() -> dict[str, ToolboxSource]:
    """``{key: ToolboxSource}`` from every app's ``toolbox_sources()``."""
    return {source.key: source for config in _configs() if hasattr(config, "toolbox_sources")
            for source in config.toolbox_sources()}


def demo_seeders() -> list:
    """``(app label, seed function)`` in ``seed_order``: an app seeds after those it builds on."""
    configs = [config for config in _configs()
               if hasattr(config, "seed_demo") and getattr(config, "demo_seeder", True)]
    configs = sorted(configs, key=lambda config: getattr(config, "seed_order", 0))
    return [(config.label, config.seed_demo) for config in configs]
