"""Rows built once per test module (and xdist worker) and shared by its tests.

``held_transaction`` opens a transaction that stays open while the module runs; each test's own
``db`` transaction is then a savepoint inside it, so every test starts from the same rows and
nothing a test writes outlives it. The settings are those every test gets from
``tests/conftest.py`` (``_test_settings``), which only starts per test, after the module's rows
were built.
"""

from contextlib import contextmanager

TEST_SETTINGS = {
    "CELERY_TASK_ALWAYS_EAGER": True,
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "PUBLIC_PAGE_CACHE": False,
    "AXES_ENABLED": False,
    "RATELIMIT_ENABLE": False,
}


@contextmanager
def held_transaction(django_db_blocker, media_root):
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root, **TEST_SETTINGS):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
