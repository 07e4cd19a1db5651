"""How a signed-in user is found again on every request: Django's ``ModelBackend``, with the
user's row read by SQL compiled once per process.

``ModelBackend.get_user`` runs ``User._default_manager.get(pk=…)`` for every page a signed-in
user opens, and compiling that query cost more CPU than the database needed to answer it. The
same row is read with ``IdsQuery``; signing in, permissions and the refusal of inactive users are
Django's own."""

from functools import cache

from django.contrib.auth import backends, get_user_model
from django.db import DEFAULT_DB_ALIAS

from impactportal.prepared import IdsQuery


@cache
def _user_query() -> tuple[IdsQuery, list[str]]:
    model = get_user_model()
    columns = [field.attname for field in model._meta.concrete_fields]
    return IdsQuery(lambda ids: model._default_manager.filter(pk__in=ids).values_list(*columns)), columns


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        query, columns = _user_query()
        rows = query.rows([user_id])
        if not rows:
            return None
        user = get_user_model().from_db(DEFAULT_DB_ALIAS, columns, rows[0])
        return user if self.user_can_authenticate(user) else None
