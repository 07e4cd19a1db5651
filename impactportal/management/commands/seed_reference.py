import time

from django.core.management.base import BaseCommand

from impactportal.audit import acting_as
from impactportal.seed import core


class Command(BaseCommand):
    help = ("Load the reference data only: every Dutch municipality (CBS code) and province, the City Deal's "
            "parties, region and programme (phases, tracks, themes), the toolbox, the SROI rule tables and the "
            "financing instruments. No demo data and no users. Idempotent: running it again creates nothing "
            "new (docker compose runs it after migrate).")

    def handle(self, *args, **options):
        started = time.perf_counter()
        with acting_as(None):
            core.load_reference(all_municipalities=True)
        self.stdout.write(self.style.SUCCESS(f"seed_reference done in {time.perf_counter() - started:.1f}s"))
