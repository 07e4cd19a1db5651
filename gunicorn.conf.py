"""gunicorn reads this file from the working directory (the Dockerfile's and ``make load``'s).

Settings given on the command line still win; this only adds what the command line cannot say."""

import gc
import os

# A page makes tens of thousands of short-lived container objects (querysets, template contexts,
# form fields). At Python's default threshold (700) the youngest generation is collected about
# once per 150 of them: 6–7 collections per broker page, each walking what the page holds at that
# moment. At 50,000 a collection comes every few pages and finds almost everything already freed
# by reference counting. Measured on the brokers' pages (Django test client, PostgreSQL, one
# process): 29.6–30.9 → 26.2–26.9 ms of CPU per page; memory grows by at most the objects of one
# generation (a few MB).
GC_THRESHOLD = (50_000, 20, 100)

# The addresses of the proxies (load balancer) whose forwarding headers gunicorn trusts (the scheme
# in X-Forwarded-Proto), comma-separated, CIDR allowed; from FORWARDED_ALLOW_IPS, gunicorn's own
# default without it. gunicorn never takes the client's address from X-Forwarded-For: the portal
# does, with PORTAL_TRUSTED_PROXY_COUNT (impactportal.proxies). Behind a proxy set both.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


# CPython 3.11 keeps the frames of running functions in 16 KB chunks and frees a chunk the moment
# the frame that opened it returns. A worker renders its pages at a depth where the inner loops (a
# table's cells) call across such a boundary: each call mapped and unmapped 16 KB anew. Seen with
# strace on the register: 692 mmap/munmap pairs and 700 page faults per page, 5-8 ms of system CPU
# on a page of 11-14 ms (the Django test client, at another depth, showed 20). The worker therefore
# runs inside one frame of STACK_PAD_SLOTS slots: CPython gives it a 256 KB chunk, and the frames of
# every request fit in what that frame leaves free, so no chunk is mapped per call.
STACK_PAD_SLOTS = 8192


def _stack_pad():
    names = ", ".join(f"_{number}" for number in range(STACK_PAD_SLOTS))
    source = ("def padded(call):\n"
              "    if call is None:  # never runs: the names make the frame large (locals and stack)\n"
              f"        {names} = range({STACK_PAD_SLOTS})\n"
              "    return call()\n")
    namespace = {}
    exec(compile(source, "<gunicorn.conf.py stack pad>", "exec"), namespace)  # noqa: S102 — the source above
    return namespace["padded"]


padded = _stack_pad()


def post_worker_init(worker):
    # Import the URLs and compile the templates now, not during the first requests
    # (impactportal.warmup), so they are among what is frozen below.
    from impactportal.warmup import warm_up_if_configured

    warm_up_if_configured()
    # The worker has imported Django and the whole project by now: hundreds of thousands of
    # long-lived objects (modules, classes, URL patterns, templates). Move them out of the
    # collector's reach, so a full collection during a request scans only what requests made.
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)
    run = worker.run  # gunicorn calls worker.run() right after this hook: its request loop
    worker.run = lambda: padded(run)
