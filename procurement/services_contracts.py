"""Contractor contacts: a broker invites the contractor's contact person to report on one
contract. The person gets an account without a membership (they see that contract only, through
``ContractContact``) and a mail with a link to set a password (Django's reset tokens)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.accounts.services import account_for, send_password_link
from impactportal.audit import acting_as
from impactportal.notifications import notify, render

from .models import Contract, ContractContact


@transaction.atomic
def contact_invite(*, contract: Contract, name: str, email: str, by) -> ContractContact:
    """Link the contact to ``contract`` (once) and tell them. A new account gets a link to set a
    password; an existing one a link to the contract."""
    contract = access.require_locked(by, "verify", contract)
    email = email.strip().lower()
    first, _sep, last = name.strip().partition(" ")
    with acting_as(None):
        user, created = account_for(email=email, first_name=first, last_name=last, active=True)
    contact, _new = ContractContact.objects.get_or_create(contract=contract, user=user, defaults={"invited_by": by})
    contract_url = reverse("procurement:contract-detail", args=[contract.pk])
    texts = render(lambda: (
        _("Uitnodiging: social return voor “%(title)s”") % {"title": contract.title},
        _("%(org)s vraagt u de social return van het contract “%(title)s” in het Impactportaal bij te houden: "
          "realisaties melden en bewijs toevoegen.") % {"org": contract.organisation, "title": contract.title}))
    if created or not user.has_usable_password():
        # To the account's own address, in the account's language (else the inviting request's).
        send_password_link(user, texts, url_name="password_reset_confirm")
        notify(recipient=user, message=texts, url=contract_url, email=False,
               dedupe_key=f"procurement:contact:{contact.pk}")
    else:
        notify(recipient=user, message=texts, url=contract_url, dedupe_key=f"procurement:contact:{contact.pk}")
    return contact
