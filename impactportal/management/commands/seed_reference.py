import time

from django.core.management.base import BaseCommand

from impactportal.audit import acting_as
from impactportal.seed import core, rows


class Command(BaseCommand):
    help = ("Load the reference data only: every Dutch municipality (CBS code) and province, the City Deal's "
            "parties, region and programme (phases, tracks, themes), the toolbox, the SROI rule tables and the "
            "financing instruments. No demo data and no users. Creates what is missing and keeps every existing "
            "row as it is, an administrator's edits included; running it again creates nothing new (docker "
            "compose runs it after migrate). --update brings existing rows back to the texts shipped with this "
            "release.")

    def add_arguments(self, parser):
        parser.add_argument("--update", action="store_true",
                            help="re-apply the shipped texts and values to reference rows that exist: undoes an "
                                 "administrator's edits to them in /admin/ (toolbox texts, parties, instruments, "
                                 "the core's organisations and regions) and to the SROI tables in the portal's "
                                 "rule set forms")

    def handle(self, *args, update=False, **options):
        started = time.perf_counter()
        with acting_as(None), rows.run(update=update) as run:
            core.load_reference(all_municipalities=True)
        for label, tally in run.tallies.items():
            self.stdout.write(f"  {label}: {tally}")
        what = ("existing rows brought to the shipped texts" if update
                else "existing rows kept (--update re-applies the shipped texts)")
        name = "seed_reference --update" if update else "seed_reference"
        self.stdout.write(self.style.SUCCESS(f"{name} done in {time.perf_counter() - started:.1f}s: {what}"))
