"""Write a schemathesis.toml that points the detail operations of the API at objects that exist.

Without it, ``/api/v1/<resource>/{id}/`` is only ever called with random ids: every GET, PUT, PATCH
and DELETE answers 404 before the serializer sees the body, and the update paths are never
fuzzed. For each path of the schema with one path parameter, this resolves the path to its DRF
viewset, asks the access module for an object the user may change (else one the user may view)
and fixes the path parameter of GET/PUT/PATCH and of the POST actions (``/{id}/verify/``,
``/{id}/messages/``, …) to it. DELETE gets a *spare copy* of that object, made for the purpose:
deleting the user's only certificate (or enterprise) would otherwise turn every later operation
on it, and on everything that cascades from it, into a 404.

Usage (inside the fuzz run, with the same environment as the server):
    python tests/api/fuzz_config.py USERNAME SCHEMA.json OUT.toml
    python tests/api/fuzz_config.py --tokens USERNAME...   # "username token" per line
Tokens are made directly (not through the throttled token endpoint, which answers 429 after a
few calls) before the server starts. New endpoints of teammates are picked up automatically;
paths that do not resolve to a scoped viewset keep generated values (and are listed on stderr).
"""

import json
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impactportal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import models, transaction  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

from impactportal import access  # noqa: E402

PARAM = re.compile(r"\{([^}]+)\}")


def _viewset_model(path_template):
    """(viewset class, model) for a router path, or (None, None)."""
    try:
        match = resolve(PARAM.sub("1", path_template))
    except Resolver404:
        return None, None
    cls = getattr(match.func, "cls", None)
    queryset = getattr(cls, "queryset", None)
    if cls is None or queryset is None:
        return cls, None
    return cls, queryset.model


def _target(user, cls):
    """The first object the user may change, else the first one the user may view; and whether
    the user may change it."""
    for action in (access.CHANGE, access.VIEW):
        try:
            obj = access.scope(user, cls.queryset.all(), action).order_by("pk").first()
        except Exception:  # noqa: BLE001 - a model without policy: leave the parameter generated
            return None, False
        if obj is not None:
            return obj, action == access.CHANGE
    return None, False


def _unique_variant(model, field, value):
    """A value for a unique text field that no row has yet: same shape (digits stay digits)."""
    rng = random.Random(f"{model.__name__}.{field.name}.{value}")  # noqa: S311 - not a secret
    for _ in range(1000):
        if value.isdigit():
            candidate = "".join(rng.choice("0123456789") for _ in value)
        else:
            candidate = f"{value[: (field.max_length or 100) - 8]}-fz{rng.randrange(10**5)}"
        if not model._default_manager.filter(**{field.name: candidate}).exists():
            return candidate
    raise RuntimeError(f"no free value for {model.__name__}.{field.name}")


def _spare(obj):
    """A copy of ``obj`` (same owner, so in the same scope) for DELETE to consume, or None."""
    model = type(obj)
    # Text fields in a unique constraint (``unique=True``, unique_together, UniqueConstraint) get a
    # new value so that the copy does not collide with the original.
    together = {name for names in model._meta.unique_together for name in names}
    together |= {name for c in model._meta.constraints if isinstance(c, models.UniqueConstraint) for name in c.fields}
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        value = getattr(obj, field.attname)
        if (field.unique or field.name in together) and isinstance(value, str) and value:
            value = _unique_variant(model, field, value)
        elif isinstance(field, models.FileField):
            value = ""  # the copy must not share (and on delete remove) the original's file
        values[field.attname] = value
    try:
        with transaction.atomic():
            return model._default_manager.create(**values)
    except Exception as error:  # noqa: BLE001 - constraints we cannot satisfy generically
        print(f"  no spare {model.__name__} for DELETE ({type(error).__name__}: {error})", file=sys.stderr)
        return None


def _toml_str(value):
    return json.dumps(value)  # a JSON string is a valid TOML basic string


def main(username, schema_file, out_file):
    user = get_user_model().objects.get(username=username)
    schema = json.loads(Path(schema_file).read_text())
    blocks, skipped = [], []
    for path, item in sorted(schema.get("paths", {}).items()):
        params = PARAM.findall(path)
        if len(params) != 1:
            if params:
                skipped.append(path)
            continue
        name = params[0]
        cls, model = _viewset_model(path)
        if model is None:
            skipped.append(path)
            continue
        lookup_field = getattr(cls, "lookup_field", "pk") or "pk"
        url_kwarg = getattr(cls, "lookup_url_kwarg", None) or lookup_field
        if url_kwarg != name and not (url_kwarg == "pk" and name == "id"):  # drf-spectacular: pk → id
            skipped.append(path)
            continue
        obj, may_change = _target(user, cls)
        if obj is None:
            skipped.append(path)
            continue
        for method in item:
            method = method.lower()
            if method not in {"get", "put", "patch", "delete", "post"}:
                continue
            target = obj
            if method == "delete" and may_change:
                target = _spare(obj)
                if target is None:
                    continue
                if not access.scope(user, cls.queryset.filter(pk=target.pk), access.CHANGE).exists():
                    # Scope through a membership of the original (an entrepreneur's enterprise):
                    # the copy is not theirs, so DELETE keeps generated ids.
                    target.delete()
                    continue
            value = str(getattr(target, lookup_field))
            blocks.append(
                f"[[operations]]\ninclude-name = {_toml_str(f'{method.upper()} {path}')}\n"
                f"parameters = {{ {_toml_str(name)} = {_toml_str(value)} }}\n"
            )
    # Revoking the token the run signs in with would turn every later call into a 401.
    blocks.append('[[operations]]\ninclude-name = "DELETE /api/v1/auth/token/"\nenabled = false\n')
    Path(out_file).write_text("\n".join(blocks))
    print(f"fuzz config for {username}: {len(blocks)} operations with existing objects", file=sys.stderr)
    if skipped:
        print("  generated path parameters only: " + ", ".join(skipped), file=sys.stderr)


def tokens(usernames):
    """A new API key per user (the portal keeps digests: a key is known only when it is made)."""
    from impactportal.api import tokens as api_tokens

    for username in usernames:
        print(username, api_tokens.issue(get_user_model().objects.get(username=username)).key)


if __name__ == "__main__":
    if sys.argv[1] == "--tokens":
        tokens(sys.argv[2:])
    else:
        main(*sys.argv[1:4])
