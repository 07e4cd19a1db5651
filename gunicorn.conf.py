"""gunicorn reads this file from the working directory (the Dockerfile's and ``make load``'s).

Settings given on the command line still win; this only adds what the command line cannot say."""

import gc


def post_worker_init(worker):
    # The worker has imported Django and the whole project by now: hundreds of thousands of
    # long-lived objects (modules, classes, URL patterns, templates). Move them out of the
    # collector's reach, so a full collection during a request scans only what requests made.
    gc.freeze()
