"""What a gunicorn worker does once before its first request (``gunicorn.conf.py``'s
``post_worker_init``), instead of during it.

Django imports the URL configuration (every app's views, serializers and API router) on the
first request that resolves a path, and compiles each template the first time a page renders it.
Measured in a fresh process on the small data set: 625 ms for the URLs, 409 ms for the project's
258 templates, paid by whichever requests came first to each worker (the normal-day load run's
p99 outliers of 400 ms and more). Done here, it is paid at start-up, and what it builds is among
the long-lived objects the worker then freezes out of the garbage collector's reach."""

from pathlib import Path

from django.conf import settings


def warm_up() -> dict:
    """Import the URL configuration and compile the project's templates (those under the
    ``DIRS`` of the template settings, into the cached loader). Returns what it did, by kind."""
    from django.template import TemplateSyntaxError, engines
    from django.template.loader import get_template
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 — populating it imports every URL module and view
    compiled = 0
    for directory in engines["django"].engine.dirs:
        root = Path(directory)
        for path in sorted(root.rglob("*.html")):
            try:
                get_template(path.relative_to(root).as_posix())
            except TemplateSyntaxError:  # an unused template that does not compile: rendering it would fail anyway
                continue
            compiled += 1
    return {"templates": compiled}


def warm_up_if_configured() -> dict | None:
    """``warm_up`` in a process that runs Django (a gunicorn worker has loaded the project by
    ``post_worker_init``); nothing elsewhere."""
    if not settings.configured:
        return None
    return warm_up()
