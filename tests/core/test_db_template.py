"""Test databases are copies of a migrated template (impactportal.db.template): the copy must be
complete, a changed migration must make a new template, and a database with tables is never
overwritten."""

import sqlite3
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from impactportal.db import template

pytestmark = pytest.mark.django_db


def test_the_test_database_has_every_migration_applied():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    assert executor.migration_plan(leaves) == []
    applied = executor.loader.applied_migrations
    assert ("enterprises", "0003_seed_managed_lists") in applied
    # The data the migrations load came along (managed lists seeded by a data migration).
    from enterprises.models import ImpactTheme, Sdg

    assert ImpactTheme.objects.exists() and Sdg.objects.count() == 17


def test_a_changed_migration_file_makes_a_new_key(monkeypatch, tmp_path):
    from django.apps import apps

    key = template.migrations_key()
    assert key == template.migrations_key() and len(key) == 16
    config = apps.get_app_config("enterprises")
    copy = tmp_path / "enterprises"
    (copy / "migrations").mkdir(parents=True)
    for path in (Path(config.path) / "migrations").glob("*.py"):
        (copy / "migrations" / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(config, "path", str(copy))
    assert template.migrations_key() == key  # same files, same key
    last = sorted((copy / "migrations").glob("0*.py"))[-1]
    last.write_text(last.read_text() + "\n# changed\n")
    assert template.migrations_key() != key


def test_a_database_with_tables_is_not_overwritten(tmp_path, monkeypatch):
    source = tmp_path / "template.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE migrated (id INTEGER)")
    monkeypatch.setattr(template, "sqlite_template", lambda: source)
    empty, used = tmp_path / "empty.sqlite3", tmp_path / "used.sqlite3"
    with sqlite3.connect(used) as db:
        db.execute("CREATE TABLE mine (id INTEGER)")
    template.copy_sqlite(empty).close()
    template.copy_sqlite(used).close()
    tables = {path: {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
              for path in (empty, used)}
    assert tables == {empty: {"migrated"}, used: {"mine"}}


def test_the_project_modules_a_migration_imports_are_part_of_the_key(monkeypatch):
    """The managed lists a data migration loads live in enterprises/constants.py: changing them
    must make a new template, as a fresh migrate would load the new lists."""
    seen = []
    real = template._project_source

    def spy(module):
        path = real(module)
        seen.append((module, path))
        return path

    monkeypatch.setattr(template, "_project_source", spy)
    template.migrations_key()
    sources = {module: path for module, path in seen if path is not None}
    assert "enterprises.constants" in sources
    assert not any(".venv" in path.parts or "site-packages" in path.parts for path in sources.values())
    assert "django.db" not in sources
