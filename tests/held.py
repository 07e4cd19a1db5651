"""Rows built once per test module (and xdist worker) and shared by its tests.

``held_transaction`` opens a transaction that stays open while the module runs; each test's own
``db`` transaction is then a savepoint inside it, so every test starts from the same rows and
nothing a test writes outlives it. ``TEST_SETTINGS`` are the settings every test gets
(``tests/conftest.py``'s ``_test_settings`` applies them per test, which starts only after the
module's rows were built, so they are applied here too).
"""

from contextlib import contextmanager

TEST_SETTINGS = {
    "CELERY_TASK_ALWAYS_EAGER": True,
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "PUBLIC_PAGE_CACHE": False,  # a page cached in one test must not answer another's
    # Tests of login throttling and rate limits switch these on themselves.
    "AXES_ENABLED": False,
    "RATELIMIT_ENABLE": False,
    "SECURE_SSL_REDIRECT": False,
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
