#!/usr/bin/env python3
"""The container's health probe (docker-compose.yml, web service): GET /healthz on the local
gunicorn, exit 0 when it answers 200 and 1 otherwise. Standard library only, no Django start-up.

Django answers a Host header outside ``DJANGO_ALLOWED_HOSTS`` with 400, so the probe sends the
first allowed host name (``*`` and wildcards allow ``localhost``). ``/healthz`` is exempt from the
https redirect, so plain http to 127.0.0.1 reaches it."""

import os
import sys
import urllib.error
import urllib.request


def probe_host(allowed_hosts: str) -> str:
    for name in allowed_hosts.split(","):
        name = name.strip()
        if name == "*":
            return "localhost"
        if name:
            return name.lstrip(".")  # ".gemeente.nl" also allows "gemeente.nl"
    return "localhost"


def main() -> int:
    port = os.environ.get("HEALTHCHECK_PORT", "8000")
    host = probe_host(os.environ.get("DJANGO_ALLOWED_HOSTS", ""))
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=float(os.environ.get("HEALTHCHECK_TIMEOUT", "5"))) as answer:  # noqa: S310 — http to 127.0.0.1 only
            status, body = answer.status, answer.read(500)
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read(500)
    except OSError as error:
        print(f"healthz: no answer ({error})", file=sys.stderr)
        return 1
    print(f"healthz: {status} {body.decode('utf-8', 'replace')}")
    return 0 if status == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
