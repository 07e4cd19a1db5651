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
A row whose natural key is a name an administrator may edit (a party, a track, a theme, an SROI table) is
matched on its ``seed_key`` first (``reference_row(..., seed_key=rows.seed_key(name))``), so renaming it
does not make the shipped row again.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.utils.text import slugify


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


def fill_english(row, shipped: dict[str, tuple[str, str]]) -> bool:
    """A reference row seeded before its model had English (``<field>_en``): each ``field`` of ``shipped``
    (``{field: (Dutch, English)}`` as shipped) gets the shipped English where its English is empty and its
    Dutch is still the shipped Dutch. An English an administrator wrote is kept, and so is the empty English
    of a Dutch text they changed (their Dutch shows). ``reference_row`` sets the English itself when it
    creates or updates a row; this fills the gap in a run that keeps rows."""
    values = {f"{field}_en": english for field, (dutch, english) in shipped.items()
              if english and not getattr(row, f"{field}_en") and getattr(row, field) == dutch}
    return sync(row, **values) if values else False


def seed_key(name: str) -> str:
    """The fixed code a seeder gives a reference row whose natural key is an editable name: the slug of the
    name as first shipped. Keep it when a release changes the shipped name, or the row is made again."""
    return slugify(name)[:SEED_KEY_LENGTH]


SEED_KEY_LENGTH = 200  # the ``seed_key`` fields' max_length


def reference_row(model, lookup: dict, *, seed_key: str | None = None, renamable: str = "name",
                  create: dict | None = None, **values):
    """``(row, created)``: the row of ``model`` matched by ``lookup`` (its natural key). A missing row is
    created with ``values`` and ``create`` (fields set only when the row is made, e.g. which edition is
    current). An existing row is kept exactly as it is, unless the run updates: then ``values`` are set
    again (saved only when one differs). The seeders' one way to write a reference row.

    A model whose natural key includes a name an administrator may edit (``renamable``) has a ``seed_key``:
    the row is matched on ``seed_key`` (in the rest of ``lookup``, its scope) first, so a renamed row is
    still found and kept. Only when no row has the key is it matched on ``lookup`` and then given the key
    (a database seeded before the keys adopts them; a row with the name and another key is kept as it is).
    An updating run brings the shipped name back too, unless another row holds it now."""
    if seed_key is None:
        row = model.objects.filter(**lookup).first()
    else:
        scope = {k: v for k, v in lookup.items() if k != renamable}
        row = model.objects.filter(**scope, seed_key=seed_key).first()
        if row is None:
            row = model.objects.filter(**lookup).first()
            if row is not None and not row.seed_key:  # no signals, no audit: a code, not an edit
                model.objects.filter(pk=row.pk).update(seed_key=seed_key)
                row.seed_key = seed_key
        elif (getattr(row, renamable) != lookup[renamable] and updating()
              and not model.objects.filter(**lookup).exclude(pk=row.pk).exists()):
            values = {renamable: lookup[renamable], **values}
    if row is None:
        keyed = {} if seed_key is None else {"seed_key": seed_key}
        row = model.objects.create(**lookup, **keyed, **(create or {}), **values)
        count(created=1)
        return row, True
    if updating() and sync(row, **values):
        count(updated=1)
    else:
        count(kept=1)
    return row, False
