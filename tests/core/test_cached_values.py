"""``impactportal.ui.cache.cached``: a process keeps what it read under a versioned key, so a list
page's drop-downs do not each ask Redis again; a bump (a new key) or the value's timeout ends that,
and a value read from the shared cache goes stale when it does for the process that computed it."""

from django.core.cache import cache

from impactportal.ui import cache as page_cache


class Reads:
    """Counts the reads of the shared cache (Redis in production)."""

    def __init__(self, monkeypatch):
        self.count = 0
        original = cache.get

        def counted(*args, **kwargs):
            self.count += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(cache, "get", counted)


def test_a_value_read_once_is_served_by_the_process_until_its_namespace_is_bumped(cache_clock, monkeypatch):
    computed = []

    def compute():
        computed.append(1)
        return ["Haarlem", "Zandvoort"]

    assert page_cache.cached("choices", "municipalities", compute) == ["Haarlem", "Zandvoort"]
    reads = Reads(monkeypatch)
    for _ in range(3):
        assert page_cache.cached("choices", "municipalities", compute) == ["Haarlem", "Zandvoort"]
    assert reads.count == 0 and len(computed) == 1  # neither the shared cache nor the database
    page_cache.bump("choices")  # a municipality changed: a new key
    assert page_cache.cached("choices", "municipalities", lambda: ["Haarlem"]) == ["Haarlem"]


def test_another_processs_bump_is_seen_after_the_version_memo(cache_clock):
    page_cache.cached("choices", "themes", lambda: ["Voedsel"])
    cache.incr("public-page:choices:version")  # bumped by another web process (shared cache)
    assert page_cache.cached("choices", "themes", lambda: ["Voedsel", "Wonen"]) == ["Voedsel"]  # within the memo
    cache_clock[0] += page_cache.VERSION_MEMO
    assert page_cache.cached("choices", "themes", lambda: ["Voedsel", "Wonen"]) == ["Voedsel", "Wonen"]


def test_the_process_asks_the_shared_cache_again_after_the_timeout(cache_clock, monkeypatch):
    page_cache.cached("choices", "regions", lambda: ["Kennemerland"])
    reads = Reads(monkeypatch)
    cache_clock[0] += page_cache.TIMEOUT - 1
    page_cache.cached("choices", "regions", lambda: ["?"])
    assert reads.count == 1  # the version (its memo ran out); the value still from the process
    cache_clock[0] += 1
    # The shared cache's copy carries the same moment: it is stale too, and computed again.
    assert page_cache.cached("choices", "regions", lambda: ["Zuid-Kennemerland"]) == ["Zuid-Kennemerland"]
    assert reads.count == 3  # version and value both read again


def test_a_value_from_the_shared_cache_is_kept_no_longer_than_its_maker_kept_it(cache_clock):
    """Another process computed a dashboard 50 s ago with a 60 s timeout: this process serves it
    for the 10 s left, then computes it anew (a figure that moves with the clock lags 60 s at most)."""
    page_cache.cached("dashboard", "7:nl", lambda: "50 s oud", timeout=60)
    page_cache._values.clear()  # this process never read it: only the shared cache has it
    cache_clock[0] += 50
    assert page_cache.cached("dashboard", "7:nl", lambda: "nieuw", timeout=60) == "50 s oud"
    cache_clock[0] += 9
    assert page_cache.cached("dashboard", "7:nl", lambda: "nieuw", timeout=60) == "50 s oud"
    cache_clock[0] += 1
    assert page_cache.cached("dashboard", "7:nl", lambda: "nieuw", timeout=60) == "nieuw"


def test_a_computed_none_is_kept_too(cache_clock):
    """A lookup that finds nothing (no such row) is not asked again on every page."""
    computed = []
    for _ in range(2):
        assert page_cache.cached("choices", "row:none", lambda: computed.append(1)) is None
    assert computed == [1]


def test_the_process_memo_is_bounded(cache_clock, monkeypatch):
    monkeypatch.setattr(page_cache, "VALUES_MAX", 3)
    for number in range(3):
        page_cache.cached("choices", f"list-{number}", lambda number=number: [number])
    assert len(page_cache._values) == 3
    page_cache.cached("choices", "list-3", lambda: [3])
    assert len(page_cache._values) == 1  # cleared whole, then the new value
