import time

from django.core.management.base import BaseCommand

from impactportal.audit import acting_as
from impactportal.seed import core

# Apps seed in this order; each has ``seeding.seed(size=..., ref=..., stdout=...)``.
APP_SEEDERS = ["enterprises", "brokers", "ecosystem"]


class Command(BaseCommand):
    help = "Load reference data (City Deal parties, regions, organisations, programme) and demo data. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["small", "national"], default="small",
                            help="small: demo data for trying the portal; national: ~100,000 enterprises for benchmarks")

    def handle(self, *args, size, **options):
        from importlib import import_module

        started = time.perf_counter()
        with acting_as(None):
            ref = core.seed_reference()
            core.seed_users(ref)
            for app in APP_SEEDERS:
                step = time.perf_counter()
                result = import_module(f"{app}.seeding").seed(size=size, ref=ref, stdout=self.stdout)
                ref.update(result or {})
                self.stdout.write(f"  {app}: {time.perf_counter() - step:.1f}s")
        self.stdout.write(self.style.SUCCESS(f"seed_demo --size {size} done in {time.perf_counter() - started:.1f}s"))
