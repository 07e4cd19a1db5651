"""Index walks that stop early, run without PostgreSQL's parallel workers.

A query ordered by an index and cut off by LIMIT reads the index until it has its rows and stops:
a few hundred entries, or a few thousand when the filter passes few of them. Parallel workers
each walk their own share and each read on until their part of the limit is full (twice the
entries in all), and starting them takes longer than such a walk (on this 2-core server, matching's
walk over all municipalities: 12-16 ms alone, 33-46 ms with two workers). The planner cannot see
that the walk stops early, so it plans workers; inside ``serial`` it cannot."""

from contextlib import contextmanager

from django.db import connections, transaction


@contextmanager
def serial(using: str = "default"):
    connection = connections[using]
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            # Until the end of this transaction only (or of the request's, when one is open).
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield
