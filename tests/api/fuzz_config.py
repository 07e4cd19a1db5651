"""Write a schemathesis.toml that points the detail operations of the API at objects that exist.

Without it, ``/api/v1/<resource>/{id}/`` is only ever called with random ids: every GET, PUT, PATCH
and DELETE answers 404 before the serializer sees the body, and the update paths are never
fuzzed. For each path of the schema with one path parameter, this resolves the path to its DRF
viewset, asks the access module for an object the user may change (else one the user may view)
and fixes the path parameter of GET/PUT/PATCH to it. DELETE gets a *different* object when there
is one, so that deleting does not starve the other operations of that path.

Usage (inside the fuzz run, with the same environment as the server):
    python tests/api/fuzz_config.py USERNAME SCHEMA.json OUT.toml
New endpoints of teammates are picked up automatically; paths that do not resolve to a scoped
viewset keep generated values (and are listed on stderr).
"""

import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impactportal.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
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


def _values(user, cls, model, field, count=2):
    for action in (access.CHANGE, access.VIEW):
        try:
            queryset = access.scope(user, cls.queryset.all(), action)
        except Exception:  # noqa: BLE001 - a model without policy: leave the parameter generated
            return []
        values = [str(v) for v in queryset.order_by("pk").values_list(field, flat=True)[:count]]
        if values:
            return values
    return []


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
        values = _values(user, cls, model, lookup_field)
        if not values:
            skipped.append(path)
            continue
        for method in item:
            if method.lower() not in {"get", "put", "patch", "delete"}:
                continue
            value = values[-1] if method.lower() == "delete" else values[0]
            blocks.append(
                f"[[operations]]\ninclude-name = {_toml_str(f'{method.upper()} {path}')}\n"
                f"parameters = {{ {_toml_str(name)} = {_toml_str(value)} }}\n"
            )
    Path(out_file).write_text("\n".join(blocks))
    print(f"fuzz config for {username}: {len(blocks)} operations with existing objects", file=sys.stderr)
    if skipped:
        print("  generated path parameters only: " + ", ".join(skipped), file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:4])
