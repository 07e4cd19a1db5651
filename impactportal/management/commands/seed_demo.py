import time

from django.core.management.base import BaseCommand

from impactportal import contributions
from impactportal.audit import acting_as
from impactportal.seed import core


class Command(BaseCommand):
    help = "Load reference data (City Deal parties, regions, organisations, programme) and demo data. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["small", "national"], default="small",
                            help="small: demo data for trying the portal; national: ~100,000 enterprises for benchmarks")

    def handle(self, *args, size, **options):
        started = time.perf_counter()
        with acting_as(None):
            # Reference data first (the core's, then the apps'), then users, then each app's demo
            # data in its ``seed_order``; every step is idempotent.
            ref = core.seed_reference()
            if size == "national":
                core.seed_municipalities()
            for seed_reference in contributions.reference_seeders():
                ref.update(seed_reference(ref=ref) or {})
            core.seed_users(ref)
            for app, seed_demo in contributions.demo_seeders():
                step = time.perf_counter()
                ref.update(seed_demo(size=size, ref=ref, stdout=self.stdout) or {})
                self.stdout.write(f"  {app}: {time.perf_counter() - step:.1f}s")
        self.stdout.write(self.style.SUCCESS(f"seed_demo --size {size} done in {time.perf_counter() - started:.1f}s"))
