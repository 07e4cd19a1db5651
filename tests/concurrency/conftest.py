"""Races against a real database: each thread has its own connection, all start together."""

import threading

import pytest
from django.db import connection


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/concurrency/" in str(item.fspath):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
def race():
    """``race(n, fn)`` runs ``fn(i)`` in ``n`` threads at once; returns [(ok, result_or_error)]."""

    def run(n, fn):
        barrier = threading.Barrier(n)
        results = [None] * n

        def worker(i):
            try:
                barrier.wait(timeout=10)
                results[i] = (True, fn(i))
            except Exception as error:  # noqa: BLE001 - every outcome is reported to the test
                results[i] = (False, error)
            finally:
                connection.close()

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return results

    return run
