import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from impactportal import contributions
from impactportal.audit import acting_as
from impactportal.env import env_bool
from impactportal.seed import core, rows


def production_like() -> bool:
    """DEBUG off outside the test suite: the settings a real deployment runs with."""
    return not settings.DEBUG and not env_bool("DJANGO_TESTING", False)


class Command(BaseCommand):
    help = ("Load reference data (City Deal parties, regions, organisations, programme) and demo data, with "
            "demo users whose password is public. Idempotent; brings reference rows back to the shipped texts "
            "(as seed_reference --update) and never changes a user that exists already. "
            "Refused under production settings unless --allow-demo-users is given (seed_reference loads "
            "only the reference data).")

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["small", "national"], default="small",
                            help="small: demo data for trying the portal; national: ~100,000 enterprises for benchmarks")
        parser.add_argument("--allow-demo-users", action="store_true",
                            help="seed even with production settings (DEBUG off): a load test or a demo server. "
                                 "The demo users have the public password 'impactportal-demo'.")

    def handle(self, *args, size, allow_demo_users=False, **options):
        if production_like() and not allow_demo_users:
            raise CommandError(
                "seed_demo refused: these are production settings (DJANGO_DEBUG is off), and seed_demo creates "
                "demo users, a superuser 'admin' among them, with the public password 'impactportal-demo'. "
                "Use 'manage.py seed_reference' for the reference data and 'manage.py createsuperuser' for "
                "the first administrator; pass --allow-demo-users only for a demo or load-test server.")
        started = time.perf_counter()
        # The demo shows the texts in the code: reference rows that exist are brought back to them (as
        # ``seed_reference --update``; a deployment's ``seed_reference`` keeps an administrator's edits).
        with acting_as(None), rows.run(update=True) as run:
            # Reference data first (the core's, then the apps'), then users, then each app's demo
            # data in its ``seed_order``; every step is idempotent.
            ref = core.load_reference(all_municipalities=size == "national")
            self.stdout.write(f"  reference data: {run.total}")
            core.seed_users(ref)
            for app, seed_demo in contributions.demo_seeders():
                step = time.perf_counter()
                ref.update(seed_demo(size=size, ref=ref, stdout=self.stdout) or {})
                self.stdout.write(f"  {app}: {time.perf_counter() - step:.1f}s")
        self.stdout.write(self.style.SUCCESS(f"seed_demo --size {size} done in {time.perf_counter() - started:.1f}s"))
