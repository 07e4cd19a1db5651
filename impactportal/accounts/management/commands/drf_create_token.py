"""DRF's ``drf_create_token``, for a portal that keeps only digests of API keys
(``impactportal.api.tokens``): DRF's own stored the key it printed, which the portal would then
read as a digest, so the printed key worked for no one. This one makes the key through the token
service and prints it once. It overrides DRF's command because ``impactportal.accounts`` comes
before ``rest_framework.authtoken`` in ``INSTALLED_APPS``."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from impactportal.api import tokens


class Command(BaseCommand):
    help = ("Make a new API key for a user and print it once (the portal keeps only its digest; the "
            "user's key before stops working). For users who must use two-factor authentication the key "
            "is made on the account page instead.")

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("-r", "--reset", action="store_true",
                            help="Accepted for DRF's compatibility: every call makes a new key.")
        parser.add_argument("--read-only", action="store_true", help="A key that can only read.")

    def handle(self, *args, username, read_only=False, **options):
        try:
            user = get_user_model()._default_manager.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"Cannot create the token: user {username} does not exist") from None
        new = tokens.renew(user, verified=False, read_only=read_only)
        self.stdout.write(f"Generated token {new.key} for user {username}")
