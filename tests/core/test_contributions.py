"""The apps contribute menu items, dashboard panels, API routes and demo data through their
AppConfig; the core collects them and never imports an app."""

import ast
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.urls import reverse
from rest_framework.routers import DefaultRouter

from impactportal import access, contributions
from impactportal.contributions import ANONYMOUS, NavItem, Panel
from impactportal.ui.navigation import items_for

APPS = {"enterprises", "brokers", "ecosystem", "procurement", "financing", "monitoring"}
# The only core modules that may name an app: the settings (INSTALLED_APPS), the root URLs and
# the access module (pending: it anchors entrepreneur grants at enterprises.Enterprise).
MAY_NAME_APPS = {"impactportal/settings.py", "impactportal/urls.py", "impactportal/access.py"}

# The menu in order (as it was before the apps declared it themselves, since grouped by domain:
# the desk's register, procurement with social return, the helpdesk).
MENU = ["home", "dashboard", "enterprises:register", "enterprises:contact-list", "etalage", "enterprises:mine",
        "procurement:contract-list", "procurement:my-contracts", "procurement:meeting-list", "procurement:request-list",
        "procurement:figures", "procurement:payment-list", "procurement:rule-set-list",
        "procurement:request-public-list", "procurement:challenge-list",
        "brokers:toolbox", "brokers:team-list", "brokers:budget-list", "brokers:spending-list", "brokers:agenda-list",
        "helpdesk:inbox", "helpdesk:my-cases", "helpdesk:instrument-list", "helpdesk:ask", "helpdesk:signup",
        "ecosystem:agreement-list", "ecosystem:map-list", "ecosystem:coalition-list",
        "ecosystem:collaboration-overview", "ecosystem:bottleneck-list", "ecosystem:bottleneck-overview",
        "ecosystem:property-list", "ecosystem:space-request-list", "ecosystem:allocation-list",
        "ecosystem:party-list", "ecosystem:event-list",
        "financing:need-list", "financing:instrument-list", "financing:mkba-list", "financing:outcome-contract-list",
        "financing:feasibility-list", "financing:fund-list", "financing:fund-figures",
        "monitoring:dashboard", "monitoring:report-list", "monitoring:steering",
        "staff:member-list"]


def _app_imports(path: Path) -> list[str]:
    """Imports of app modules, also through import_module/import_string/get_model."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in {
                "import_module", "import_string", "get_model", "get_app_config"}:
            names = [arg.value for arg in node.args[:1] if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
        found += [f"{path}:{node.lineno} {name}" for name in names if name.split(".")[0] in APPS]
    return found


def test_the_core_imports_no_app():
    base = Path(settings.BASE_DIR)
    modules = [p for p in (base / "impactportal").rglob("*.py")
               if "migrations" not in p.parts and str(p.relative_to(base)) not in MAY_NAME_APPS]
    assert len(modules) > 20
    assert [hit for module in modules for hit in _app_imports(module)] == []


def test_the_grep_finds_an_app_import(tmp_path):
    """The check above can fail: each way of reaching up is caught."""
    module = tmp_path / "m.py"
    module.write_text("import brokers.models\nfrom enterprises.models import Enterprise\n"
                      "from impactportal import access\nimport_module('ecosystem.seeding')\n"
                      "apps.get_model('procurement', 'Contract')\n")
    assert [hit.split(" ")[1] for hit in _app_imports(module)] == [
        "brokers.models", "enterprises.models", "ecosystem.seeding", "procurement"]


def test_every_app_declares_its_menu_items_in_order():
    assert [item.url_name for item in contributions.nav_items()] == MENU
    declared_by = {item.url_name: config.label for config in apps.get_app_configs()
                   for item in getattr(config, "navigation", ())}
    assert declared_by["etalage"] == "enterprises" and declared_by["helpdesk:inbox"] == "brokers"
    assert declared_by["ecosystem:party-list"] == "ecosystem" and declared_by["home"] == "impactportal"


def test_every_app_router_is_part_of_the_api():
    from impactportal.api.urls import router

    prefixes = {prefix for prefix, _viewset, _basename in router.registry}
    for label, prefix in [("accounts", "organisations"), ("brokers", "helpdesk/cases"),
                          ("enterprises", "enterprises"), ("ecosystem", "parties")]:
        app_router = apps.get_app_config(label).api_router()
        assert prefix in {p for p, _v, _b in app_router.registry}
        assert {p for p, _v, _b in app_router.registry} <= prefixes


def test_demo_data_is_seeded_in_a_fixed_order_after_reference_data():
    assert [label for label, _seed in contributions.demo_seeders()] == ["enterprises", "brokers", "procurement",
                                                                        "financing", "ecosystem", "monitoring"]
    assert [seed.__self__.label for seed in contributions.reference_seeders()] == ["brokers", "procurement",
                                                                             "financing", "ecosystem", "monitoring"]


class FakeConfig:
    """Stands for the AppConfig of a new app: it declares every kind of contribution."""

    label = "fake"
    navigation = [NavItem("Nepmenu", "notifications", (ANONYMOUS, access.BROKER), order=105)]
    seed_order = 150

    def __init__(self):
        self.calls = []
        self.router = DefaultRouter()

    def api_router(self):
        return self.router

    def dashboard_panels(self):
        return [Panel(access.BROKER, "brokers/dashboard/colleague.html", lambda user: {"referred_cases": 987654},
                      order=5)]

    def seed_reference(self, *, ref):
        self.calls.append(("reference", sorted(ref)))
        return {"fake": "ref"}

    def seed_demo(self, *, size, ref, stdout):
        self.calls.append(("demo", size, ref["fake"]))


@pytest.fixture
def fake_app(monkeypatch):
    fake = FakeConfig()
    real = list(apps.get_app_configs())
    monkeypatch.setattr(contributions, "_configs", lambda: [*real, fake])
    return fake


def test_a_new_apps_menu_item_shows_in_its_place_for_its_roles(fake_app, broker_haarlem, ondernemer_1):
    def labels(user):
        return [str(item["label"]) for item in items_for(user, "/")]

    assert labels(AnonymousUser())[:3] == ["Start", "Etalage", "Nepmenu"]
    assert "Nepmenu" in labels(broker_haarlem)
    assert "Nepmenu" not in labels(ondernemer_1)


def test_a_new_apps_panel_shows_in_the_role_section(fake_app, login, broker_haarlem, inkoper_haarlem):
    page = login(broker_haarlem).get(reverse("dashboard")).content.decode()
    broker = page[page.index('data-dashboard="broker"'):]
    assert "987654" in broker
    assert broker.index("987654") < broker.index("ondernemingen in uw gemeente")  # order 5 comes first
    assert "987654" not in login(inkoper_haarlem).get(reverse("dashboard")).content.decode()


def test_a_new_apps_router_and_seeders_are_collected(fake_app):
    assert fake_app.router in contributions.api_routers()
    labels = [label for label, _seed in contributions.demo_seeders()]
    assert labels == ["enterprises", "fake", "brokers", "procurement", "financing", "ecosystem", "monitoring"]


@pytest.mark.django_db
def test_seed_demo_runs_a_new_apps_seeders_with_the_size(monkeypatch):
    fake = FakeConfig()
    monkeypatch.setattr(contributions, "_configs", lambda: [fake])  # the core's seeding plus the fake app only
    call_command("seed_demo", "--size", "small", stdout=io.StringIO())
    assert fake.calls == [("reference", ["organisations", "programme", "region"]), ("demo", "small", "ref")]


def test_each_portal_app_uses_its_own_config():
    """apps.py must hold exactly one AppConfig class, or Django silently falls back to the plain
    AppConfig and the app contributes nothing (no menu, no API routes, no audit)."""
    from django.apps import apps as registry

    from impactportal.contributions import PortalAppConfig

    for label in ("enterprises", "brokers", "ecosystem"):
        assert isinstance(registry.get_app_config(label), PortalAppConfig), label
