"""gunicorn reads this file from the working directory (the Dockerfile's and ``make load``'s).

Settings given on the command line still win; this only adds what the command line cannot say."""

import gc

# A page makes tens of thousands of short-lived container objects (querysets, template contexts,
# form fields). At Python's default threshold (700) the youngest generation is collected about
# once per 150 of them: 6–7 collections per broker page, each walking what the page holds at that
# moment. At 50,000 a collection comes every few pages and finds almost everything already freed
# by reference counting. Measured on the brokers' pages (Django test client, PostgreSQL, one
# process): 29.6–30.9 → 26.2–26.9 ms of CPU per page; memory grows by at most the objects of one
# generation (a few MB).
GC_THRESHOLD = (50_000, 20, 100)


def post_worker_init(worker):
    # The worker has imported Django and the whole project by now: hundreds of thousands of
    # long-lived objects (modules, classes, URL patterns, templates). Move them out of the
    # collector's reach, so a full collection during a request scans only what requests made.
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
