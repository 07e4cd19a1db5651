"""SELECTs that Django compiles once per process and query, then reuses.

Django turns every queryset into SQL anew each time it runs: joins, select list, ordering and
every parameter through the fields' preparation. On a broker's list page that was about a
quarter of the CPU the request took (five queries of 0.3-1 ms each, most of them the same on
every visit: the page of the register, its count, the drop-downs, the session's user), several
times what PostgreSQL needs to answer them.

``CompiledOnce`` keys a query by its pickled state: what the query is, completely, the same way
Django stores a queryset in a cache. Two queries with the same state compile to the same SQL and
parameters; the plan also keeps what the compiler learned on the way (the select list, how rows
become model instances), which the caller reads after ``as_sql``. A query that differs in
anything, one parameter included, is another key and compiles as before. Also in the key is what
compiling reads outside the query: the database, the active time zone and language (date
truncation, lazily translated values) and ``USE_TZ``.

Not kept: set operations (``union``, whose compiling changes the queries combined), ``SELECT …
FOR UPDATE`` (compiling it checks that a transaction is open), and queries holding something
that cannot be pickled. ``SQL_PLAN_CACHE_SIZE`` bounds the plans per process (oldest out first;
about 2 KB each); 0 switches the reuse off."""

import copyreg
import io
import pickle
import threading

from django.conf import settings
from django.db.models import Field
from django.db.models.lookups import Lookup
from django.utils import timezone, translation

# What a compiler holds besides its plan: the query it compiles, the connection it compiles for.
_NOT_PLAN = frozenset({"query", "connection", "using", "elide_empty", "quote_cache"})
_plans: dict = {}
_lock = threading.Lock()  # misses only: a hit is one dict read


def clear() -> None:
    with _lock:
        _plans.clear()


def size() -> int:
    return len(_plans)


class CompiledOnce:
    """Mixed into a backend's ``SQLCompiler`` (``impactportal.db.backends``)."""

    def as_sql(self, with_limits=True, with_col_aliases=False):
        key = self._plan_key(with_limits, with_col_aliases)
        if key is None:
            return super().as_sql(with_limits, with_col_aliases)
        plan = _plans.get(key)
        if plan is not None:
            sql, params, state = plan
            self.__dict__.update(state)
            return sql, params
        sql, params = super().as_sql(with_limits, with_col_aliases)
        state = {name: value for name, value in self.__dict__.items() if name not in _NOT_PLAN}
        with _lock:
            if len(_plans) >= settings.SQL_PLAN_CACHE_SIZE:
                del _plans[next(iter(_plans))]
            _plans[key] = (sql, params, state)
        return sql, params

    def _plan_key(self, with_limits, with_col_aliases):
        query = self.query
        if settings.SQL_PLAN_CACHE_SIZE <= 0 or query.combinator or query.select_for_update:
            return None
        try:
            state = _pickled(query)
        except (pickle.PicklingError, TypeError, AttributeError):
            return None  # a value that cannot be pickled (a local class, say): compile each time
        return (self.connection.alias, type(self), with_limits, with_col_aliases, self.elide_empty,
                settings.USE_TZ, timezone.get_current_timezone_name(), translation.get_language(), state)


def _pickled(query) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch_table()
    pickler.dump(query)
    return buffer.getvalue()


def _field_state(field):
    """A field of a model by its name (as Django pickles it); a field made for one expression
    (``Exists``' boolean, a ``Cast``'s target) by its state without ``creation_counter``, which
    counts every field ever made: with it, no two requests' queries would be the same."""
    if hasattr(field, "model"):
        return field.__reduce__()
    return type(field), (), {name: value for name, value in field.__dict__.items()
                             if name not in ("creation_counter", "_get_default")}


def _lookup_state(lookup):
    """A lookup by what it compiles from: its sides as prepared (``lhs``, and ``rhs`` with a model
    instance already turned into its key), without the arguments it was made with. Those hold the
    raw value: ``filter(enterprise=enterprise)`` pickled the whole enterprise, with every related
    row prefetched on it (a tenth of the CPU of an enterprise's page), and a later visit that had
    loaded other fields or rows of the same enterprise was another key for the same SQL."""
    state = lookup.__getstate__()
    state.pop("_constructor_args", None)
    return type(lookup), (), state


_table: dict = {}


def _subclasses(root) -> list:
    found, classes = [root], []
    while found:
        cls = found.pop()
        classes.append(cls)
        found.extend(cls.__subclasses__())
    return classes


def _dispatch_table() -> dict:
    if not _table:  # the field and lookup classes of every app, once the apps are loaded (a query runs)
        _table.update({**copyreg.dispatch_table, **dict.fromkeys(_subclasses(Field), _field_state),
                       **dict.fromkeys(_subclasses(Lookup), _lookup_state)})
    return _table
