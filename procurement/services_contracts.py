"""Contractor contacts: a broker invites the contractor's contact person to report on one
contract. The person gets an account without a membership (they see that contract only, through
``ContractContact``) and a mail with a link to set a password (Django's reset tokens)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.audit import acting_as
from impactportal.notifications import mail_language, notify, render

from .models import Contract, ContractContact


def set_password_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.PORTAL_BASE_URL + reverse(
        "password_reset_confirm", kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)})


def _account_for(*, name: str, email: str):
    """The existing account with this address, or a new one without a password or membership."""
    User = get_user_model()
    existing = User.objects.filter(email__iexact=email).first() or User.objects.filter(username__iexact=email).first()
    if existing is not None:
        return existing, False
    first, _sep, last = name.strip().partition(" ")
    user = User(username=email, email=email, first_name=first[:150], last_name=last[:150])
    user.set_unusable_password()
    with acting_as(None):
        user.save()
    return user, True


@transaction.atomic
def contact_invite(*, contract: Contract, name: str, email: str, by) -> ContractContact:
    """Link the contact to ``contract`` (once) and tell them. A new account gets a link to set a
    password; an existing one a link to the contract."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    access.require(by, "verify", contract)
    email = email.strip().lower()
    user, created = _account_for(name=name, email=email)
    contact, _new = ContractContact.objects.get_or_create(contract=contract, user=user, defaults={"invited_by": by})
    contract_url = reverse("procurement:contract-detail", args=[contract.pk])
    texts = render(lambda: (
        _("Uitnodiging: social return voor “%(title)s”") % {"title": contract.title},
        _("%(org)s vraagt u de social return van het contract “%(title)s” in het Impactportaal bij te houden: "
          "realisaties melden en bewijs toevoegen.") % {"org": contract.organisation, "title": contract.title}))
    if created or not user.has_usable_password():
        link = set_password_url(user)
        # In the mail's language (the portal's default, as every notification mail), whoever invites.
        language = mail_language()
        subject, body = texts.in_language(language)
        with translation.override(language):
            text = body + "\n\n" + _("Kies eerst een wachtwoord met deze link (eenmalig te gebruiken):") + \
                f"\n{link}\n\n" + _("Uw gebruikersnaam is %(username)s.") % {"username": user.get_username()}
        transaction.on_commit(lambda: send_mail(subject, text, None, [email], fail_silently=True))
        notify(recipient=user, message=texts, url=contract_url, email=False,
               dedupe_key=f"procurement:contact:{contact.pk}")
    else:
        notify(recipient=user, message=texts, url=contract_url, dedupe_key=f"procurement:contact:{contact.pk}")
    return contact
