"""How reference seeding treats a row that exists: it keeps it (the default) or, in a run that updates,
brings it back to the shipped values.

Reference rows (the toolbox texts, the City Deal's parties, the instrument catalogue, the SROI tables,
the organisations and regions of the core) are what administrators edit in ``/admin/``. ``seed_reference``
runs on every ``docker compose up``: by default it only creates the rows that are missing (matched on
their natural key) and leaves every existing row exactly as it is, so an administrator's edit survives.
``seed_reference --update`` re-applies the shipped texts (a release's new wording), and so does
``seed_demo`` (the demo shows the texts in the code)::

    with rows.run(update=False) as run:                # the mode of every reference_row() inside
        with rows.app("brokers"):                      # what the summary counts the rows under
            module, created = rows.reference_row(Module, {"edition": edition, "number": 1}, title=...)
    for label, tally in run.tallies.items():
        print(label, tally)                            # "created 0, kept 13, updated 0"

Outside a run (a seeder called directly, e.g. by a test) rows are created only and nothing is counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class Tally:
    created: int = 0
    kept: int = 0
    updated: int = 0

    def __str__(self) -> str:
        return f"created {self.created}, kept {self.kept}, updated {self.updated}"


@dataclass
class Run:
    update: bool = False
    tallies: dict[str, Tally] = field(default_factory=dict)  # by app label, in the order the apps seeded
    label: str | None = None  # the app seeding now; rows outside an app are not counted

    @property
    def total(self) -> Tally:
        return Tally(*(sum(getattr(t, name) for t in self.tallies.values()) for name in ("created", "kept", "updated")))


_current: ContextVar[Run | None] = ContextVar("impactportal_seed_run", default=None)


@contextmanager
def run(*, update: bool = False) -> Iterator[Run]:
    """A seeding run: ``update`` re-applies the shipped values to existing rows; otherwise they are kept."""
    current = Run(update=update)
    token = _current.set(current)
    try:
        yield current
    finally:
        _current.reset(token)


@contextmanager
def app(label: str) -> Iterator[None]:
    """Count the rows seeded inside under ``label`` (an app with no rows still shows, with zeros)."""
    current = _current.get()
    if current is None:
        yield
        return
    previous, current.label = current.label, label
    current.tallies.setdefault(label, Tally())
    try:
        yield
    finally:
        current.label = previous


def updating() -> bool:
    """True in a run that re-applies the shipped values (``seed_reference --update``, ``seed_demo``)."""
    current = _current.get()
    return current is not None and current.update


def count(*, created: int = 0, kept: int = 0, updated: int = 0) -> None:
    """Add to the current app's tally (rows a seeder creates or keeps without ``reference_row``)."""
    current = _current.get()
    if current is None or current.label is None:
        return
    tally = current.tallies.setdefault(current.label, Tally())
    tally.created += created
    tally.kept += kept
    tally.updated += updated


def sync(instance, **values) -> bool:
    """Set ``values`` on ``instance`` and save only when something differs (no audit noise)."""
    changed = [k for k, v in values.items() if getattr(instance, k) != v]
    for key in changed:
        setattr(instance, key, values[key])
    if changed:
        instance.save(update_fields=changed)
    return bool(changed)


def reference_row(model, lookup: dict, *, create: dict | None = None, **values):
    """``(row, created)``: the row of ``model`` matched by ``lookup`` (its natural key). A missing row is
    created with ``values`` and ``create`` (fields set only when the row is made, e.g. which edition is
    current). An existing row is kept exactly as it is, unless the run updates: then ``values`` are set
    again (saved only when one differs). The seeders' one way to write a reference row."""
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model.objects.create(**lookup, **(create or {}), **values)
        count(created=1)
        return row, True
    if updating() and sync(row, **values):
        count(updated=1)
    else:
        count(kept=1)
    return row, False
