"""``manage.py person_data --email X``: everything the portal holds about a person, as JSON on
stdout (AVG art. 15: the right of access). See ``impactportal.accounts.personal_data``."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from impactportal.accounts.personal_data import export


class Command(BaseCommand):
    help = ("Everything the portal holds about an e-mail address (account, memberships, contact persons, helpdesk "
            "cases and messages, notifications, audit entries) as JSON (AVG art. 15).")

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the person's e-mail address (case-insensitive)")

    def handle(self, *args, email, **options):
        try:
            data = export(email)
        except ValueError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
