"""Password rules with messages in the page's language.

Django 5.2 changed the msgid of ``MinimumLengthValidator``'s message ("… at least %d
character(s)." instead of "… %(min_length)d …") and its Dutch catalogue still translates only
the old one: on the Dutch sign-up, password change and reset pages the message came out in
English. The other validators' messages are translated; this one says it in the portal's words,
Dutch first, with its English in ``locale/en``."""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext("Dit wachtwoord is te kort. Het moet minstens %(min_length)d teken bevatten.",
                        "Dit wachtwoord is te kort. Het moet minstens %(min_length)d tekens bevatten.",
                        self.min_length) % {"min_length": self.min_length}
