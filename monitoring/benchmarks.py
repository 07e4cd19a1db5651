"""Heavy operations for ``tests/perf/bench.py`` (OPERATIONS, "# --- monitoring"): all monthly
snapshots (every indicator × every organisation, region and programme), and the PDF of the annual
report of the largest organisation and of the programme report, with their peak memory (Python
allocations by tracemalloc on the warm-up call, and the process's maximum resident size). Each call measures fresh
work: a month not stored yet, a render that is not the stored file."""

from __future__ import annotations

import resource
import sys
import tracemalloc

from django.db.models import Count

PEAKS: dict[str, dict] = {}


def _free_month():
    from . import registry
    from .models import Snapshot

    taken = set(Snapshot.objects.filter(kind="monthly").values_list("label", flat=True))
    year, month = 1999, 12
    while f"{year:04d}-{month:02d}" in taken:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return registry.month_period(year, month)


def all_monthly_snapshots(users):
    from . import services

    snapshot, created = services.snapshot_take(period=_free_month())
    assert created
    count = snapshot.values.count()
    snapshot.delete()  # leave the database as it was
    return count


def _report(users, kind):
    from impactportal.accounts.models import Organisation

    from . import registry, services
    from .models import Snapshot

    latest = Snapshot.objects.filter(kind="monthly").order_by("-period_end").first()
    if latest is None:
        latest, _created = services.month_take(period=registry.previous_month())
    period = latest.label[:4]
    admin = users.get("admin")
    if kind == "programme":
        from impactportal.accounts.models import Programme

        programme = Programme.objects.annotate(n=Count("participants")).order_by("-n").first()
        report, _created = services.report_request(user=admin, kind=kind, period=period, programme=programme,
                                                   enqueue=False)
    else:
        largest = Organisation.objects.annotate(n=Count("enterprises")).order_by("-n", "pk").first()
        report, _created = services.report_request(user=admin, kind=kind, period=period, organisation=largest,
                                                   enqueue=False)
    return report


def _render_measured(label, report):
    """The first call (the bench's warm-up) traces memory; the timed calls run without tracemalloc,
    which would slow the render several times over."""
    from . import reports

    if label in PEAKS:
        return reports.render(report)
    tracemalloc.start()
    try:
        content = reports.render(report)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # MB (Linux reports KB)
    PEAKS[label] = {"python_peak_mb": round(peak / 2**20, 1), "max_rss_mb": rss, "pdf_kb": len(content) // 1024}
    print(f"    {label}: Python peak {PEAKS[label]['python_peak_mb']} MB, process max RSS {rss} MB, "
          f"PDF {PEAKS[label]['pdf_kb']} KB", file=sys.stderr)
    return content


def annual_report_largest_organisation(users):
    return _render_measured("annual report, largest organisation", _report(users, "annual"))


def programme_report(users):
    return _render_measured("programme report", _report(users, "programme"))
