"""The password reset form, rate-limited: each valid request mails the address's owner, and
twelve requests mailed one inbox twelve times.

Per connection (``RESET_IP_RATE``) the form answers 429 with a message: that says nothing about
any address. Per e-mail address (``RESET_EMAIL_RATE``, counted whether or not an account has the
address) the extra requests are dropped silently: the visitor sees the same "check your mail"
page as always, so the limit cannot tell which addresses have an account. The reuse of
django-ratelimit follows the sign-up's (``brokers.helpdesk.views.signup``).

The mail is written in its recipient's language (``notifications.mail_language``): the account's
own where it chose one, else the language of the page the reset was asked on."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from impactportal.notifications import mail_language, request_language

RESET_IP_GROUP, RESET_IP_RATE = "accounts.password-reset.ip", "10/h"
RESET_EMAIL_GROUP, RESET_EMAIL_RATE = "accounts.password-reset.email", "3/h"


def _email(group, request) -> str:
    return request.POST.get("email", "").strip().lower()


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's, with each account's mail (subject and text) in that account's language."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        # The link under the portal's public address, as in every other mail; never the request's
        # Host header, which names whatever ALLOWED_HOSTS lets through (password-reset poisoning).
        base = urlsplit(settings.PORTAL_BASE_URL.strip().rstrip("/"))
        context = {**context, "protocol": base.scheme or "https", "domain": base.netloc + base.path}
        with translation.override(mail_language(context.get("user"), fallback=request_language())):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm

    def form_valid(self, form):
        request = self.request
        if is_ratelimited(request, group=RESET_IP_GROUP, key="ip", rate=RESET_IP_RATE, method="POST", increment=True):
            messages.error(request, _("Er zijn vanaf uw verbinding te veel aanvragen gedaan. Probeer het over een "
                                      "uur opnieuw."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if is_ratelimited(request, group=RESET_EMAIL_GROUP, key=_email, rate=RESET_EMAIL_RATE, method="POST",
                          increment=True):
            return HttpResponseRedirect(self.get_success_url())  # as if sent: no enumeration, no mail
        return super().form_valid(form)
