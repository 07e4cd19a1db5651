"""Test databases that start as a copy of a migrated template.

Applying the project's migrations to an empty database costs one to two minutes of CPU: Django
renders the models of the whole project again after nearly every operation, and every model
here is related to an organisation or a user. Every test session paid that (the suite, each
xdist worker, the PostgreSQL pass, the worker tests, the browser journeys, the fuzzing run).

So the migrations run once per set of migration files, into a template; a new test database is
a copy of it, and Django's own ``migrate`` then finds nothing left to apply. The key is a hash
of Django's version, of every installed app's migration files and of the project modules those
files import (the managed lists in ``enterprises/constants.py``): a changed or added migration,
or a changed list it seeds, makes a new template. What runs is still ``manage.py migrate`` (in a subprocess, on
the template), so the migrations themselves stay tested.

- SQLite: a file ``impactportal-migrated-<key>.sqlite3`` in ``$TEST_DB_TEMPLATE_DIR`` (default:
  the temporary directory), copied with SQLite's backup API into the (in-memory) test database.
  ``.ci/run`` gives each run its own directory, so CI always migrates from scratch once.
- PostgreSQL: a database ``<name>_migrated_<key>`` on the same server, given to
  ``CREATE DATABASE … TEMPLATE``. Building and copying hold an advisory lock, so xdist workers
  build it once between them.

``DATABASES[…]["TEST"]["FROM_TEMPLATE"] = False`` (environment: ``TEST_DB_FROM_TEMPLATE=false``)
migrates every test database from scratch as Django does.

``python -m impactportal.db.template PATH`` copies the SQLite template to the file PATH (the
fuzzing run and the ``make run`` smoke test start from it).
"""

import contextlib
import fcntl
import hashlib
import importlib.util
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
MANAGE = ROOT / "manage.py"


def wanted(connection) -> bool:
    return connection.settings_dict["TEST"].get("FROM_TEMPLATE", True)


def migrations_key() -> str:
    """A hash of Django's version, of every installed app's migration files and of the project's
    modules they import (the managed lists a data migration loads come from ``constants``)."""
    import django
    from django.apps import apps

    digest = hashlib.sha256(django.get_version().encode())
    imported = set()
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        for path in sorted((Path(config.path) / "migrations").glob("*.py")):
            text = path.read_bytes()
            digest.update(f"{config.label}/{path.name}\0".encode())
            digest.update(text)
            imported |= set(IMPORT.findall(text.decode()))
    for module in sorted(imported):
        source = _project_source(module)
        if source is not None:
            digest.update(f"{module}\0".encode())
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


IMPORT = re.compile(r"^\s*(?:from|import)\s+([\w.]+)", re.MULTILINE)


def _project_source(module: str) -> Path | None:
    """The file of ``module`` when it is the project's own (not Django's or a library's)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    origin = Path(spec.origin) if spec is not None and spec.origin else None
    if origin is None or not origin.is_file() or ROOT not in origin.parents or ".venv" in origin.parts:
        return None
    return origin


def _migrate(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_TESTING": "true"}
    subprocess.run([sys.executable, str(MANAGE), "migrate", "--noinput", "-v", "0"],  # noqa: S603 (our command)
                   env=env, check=True)


# --- SQLite --------------------------------------------------------------------------------------
def sqlite_template() -> Path:
    """The migrated SQLite file for the current migrations, built first if needed."""
    folder = Path(os.environ.get("TEST_DB_TEMPLATE_DIR") or tempfile.gettempdir())
    path = folder / f"impactportal-migrated-{migrations_key()}.sqlite3"
    with open(f"{path}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one process builds, the others wait and reuse it
        if not path.exists():
            building = path.with_suffix(f".building-{os.getpid()}")
            building.unlink(missing_ok=True)
            _migrate(f"sqlite:///{building}")
            building.rename(path)
    return path


def copy_sqlite(target) -> sqlite3.Connection:
    """Copies the template into ``target`` (a file, or a ``file:…?mode=memory`` URI) when that
    database is empty. Returns the open connection: an in-memory database lives as long as one."""
    destination = sqlite3.connect(str(target), uri=str(target).startswith("file:"))
    if not destination.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
        with contextlib.closing(sqlite3.connect(sqlite_template())) as source:
            source.backup(destination)
    return destination


# --- PostgreSQL ----------------------------------------------------------------------------------
def postgresql_template(connection, cursor) -> str:
    """The name of the migrated template database for ``connection``'s database, built first if
    needed. ``cursor``: a cursor on the server's maintenance database, inside the lock."""
    name = f"{connection.settings_dict['NAME']}_migrated_{migrations_key()}"
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone() is None:
        quote = connection.ops.quote_name
        building = f"{name}_building"
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(building)}")
        cursor.execute(f"CREATE DATABASE {quote(building)}")
        _migrate(_url_of(connection, building))
        cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(name)}")
    return name


@contextlib.contextmanager
def postgresql_lock(cursor):
    """Held while the template is built and copied (xdist workers share one template)."""
    key = int(hashlib.sha256(b"impactportal-migrated-template").hexdigest()[:15], 16)
    cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def _url_of(connection, name: str) -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgres://{s['USER']}{password}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{name}"


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impactportal.settings")
    os.environ.setdefault("DJANGO_TESTING", "true")
    django.setup()
    copy_sqlite(Path(sys.argv[1]).resolve()).close()
