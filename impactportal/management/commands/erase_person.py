"""``manage.py erase_person --email X [--dry-run] [--force]``: anonymise a person (AVG art. 17,
the right to erasure), in one transaction, printing what changed. See
``impactportal.accounts.personal_data``."""

from django.core.management.base import BaseCommand, CommandError

from impactportal.accounts.personal_data import SuperuserRefused, erase


class Command(BaseCommand):
    help = ("Anonymise a person: accounts with the e-mail address are deactivated and pseudonymised (tokens, "
            "sessions and notifications removed), contact persons with it wiped, and the old values scrubbed from "
            "the audit log (AVG art. 17).")

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the person's e-mail address (case-insensitive)")
        parser.add_argument("--dry-run", action="store_true", help="show what would change, change nothing")
        parser.add_argument("--force", action="store_true", help="also erase a superuser's account")

    def handle(self, *args, email, dry_run, force, **options):
        try:
            result = erase(email, dry_run=dry_run, force=force)
        except ValueError as error:
            raise CommandError(str(error)) from None
        except SuperuserRefused as refused:
            raise CommandError(f"{refused} is a superuser: not erased. Use --force to erase it anyway.") from None
        for line in result.changes:
            self.stdout.write(line)
        self.stdout.write("Dry run: nothing was changed." if dry_run else self.style.SUCCESS("Done."))
