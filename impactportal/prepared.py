"""Queries over a list of ids whose SQL Django writes once per process and shape, then reused.

An API list page loads the relations of its rows (themes, SDGs, offerings, certificates of 50
enterprises) with one ``values_list`` query each. Django compiles each query anew on every
request: the joins, the ordering and every id of the ``IN`` list through the field's
preparation. That took about 1.5 ms of CPU per query, several times what the database needs to
answer it, while the SQL differs between two pages only in the ids.

``IdsQuery`` has Django compile the query once per number of ids (with stand-in ids), checks
that those ids are its only parameters, and from then on runs the same SQL with the page's ids,
converting the values as Django would (dates on SQLite, say). A query that does not fit that
shape is run through the ORM as before.

On PostgreSQL a list of ``ARRAY_FROM`` ids or more is sent as one array (``= ANY(%s)``) instead
of one parameter per id: psycopg parses a statement with 500 placeholders anew on every run (it
caches only short ones) and quotes each id on its own, 3.5 ms of CPU for a query the database
answers in under one (the matches page's pool). One plan then serves every such length."""

from django.db import connections

_UNFIT = object()  # a plan that cannot be reused: always take the ORM's path
_MAX_PLANS = 256  # one per page length in use; page sizes are capped far below this
ARRAY_FROM = 16  # from this many ids, one array parameter on PostgreSQL (the hot one-id reads keep IN)


class IdsQuery:
    """``build(ids)`` returns a ``values_list`` queryset of plain field paths (no annotations)
    filtered on ``ids``; ``rows(ids)`` gives its rows as tuples, in the queryset's order."""

    def __init__(self, build, stand_in=lambda number: -number):
        self.build = build
        # A value of the ids' type that no row has, per position (1, 2, …): negative numbers for
        # integer keys; a string key (an API token) needs strings.
        self.stand_in = stand_in
        self._plans: dict = {}

    def rows(self, ids, using: str = "default") -> list[tuple]:
        ids = list(ids)
        if not ids:
            return []
        as_array = len(ids) >= ARRAY_FROM and connections[using].vendor == "postgresql"
        plan = self._plan_for(len(ids), using, as_array=True) if as_array else _UNFIT
        if plan is _UNFIT:  # no array form: one placeholder per id
            as_array = False
            plan = self._plan_for(len(ids), using, as_array=False)
        if plan is _UNFIT:
            return list(self.build(ids).using(using))
        sql, converters = plan
        connection = connections[using]  # this thread's connection, not the one that compiled
        with connection.cursor() as cursor:
            cursor.execute(sql, [ids] if as_array else ids)
            rows = cursor.fetchall()
        if not converters:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:  # as SQLCompiler.apply_converters
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted

    def _plan_for(self, count: int, using: str, *, as_array: bool):
        key = (using, "array" if as_array else count)  # an array's SQL is the same for every length
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plan(count, using, as_array)
            if len(self._plans) < _MAX_PLANS:
                self._plans[key] = plan
        return plan

    def _plan(self, count: int, using: str, as_array: bool):
        # Stand-in ids that no real row has, so they are recognisable among the parameters.
        stand_ins = [self.stand_in(number) for number in range(1, count + 1)]
        queryset = self.build(stand_ins).using(using)
        query = queryset.query
        if (query.annotation_select or query.extra_select
                or list(query.values_select) != list(queryset._fields or ())):
            return _UNFIT  # the select order would not be the order of the fields asked for
        compiler = query.get_compiler(using)
        sql, params = compiler.as_sql()
        if list(params) != stand_ins:
            return _UNFIT  # other parameters, or the ids prepared into something else
        if as_array:
            # The ids' placeholders, as Django writes an ``__in`` list; else one placeholder per id.
            placeholders = f"IN ({', '.join(['%s'] * count)})"
            if sql.count(placeholders) != 1:
                return _UNFIT
            sql = sql.replace(placeholders, "= ANY(%s)")
        columns = [selected[0] for selected in compiler.select[:compiler.col_count]]
        return sql, list(compiler.get_converters(columns).items())
