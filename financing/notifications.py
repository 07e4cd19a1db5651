"""Who hears about an outcome claim, and what they read (``impactportal.notifications``).

A submitted claim goes to the people who may verify it: the commissioner's brokers, picked by the
claim's access policy (``people_who_may``), never the one who submitted it. A verified claim and
a paid (or, the cap used up, unpaid) one go to the provider's people: the users of the enterprise
who may see the claim. Each message is written once in Dutch and once in English, and mailed in
the recipient's own language; the rows are part of the caller's transaction and the mails leave
once it commits (``notify_all``)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.money import euro
from impactportal.notifications import notify_all
from impactportal.text import short_date

from . import outcomes as rules


def people_who_may(obj, action: str, *, anchored_at=None, leave_out=None) -> list:
    """The active users whose own grant in ``obj``'s access policy lets them do ``action`` on it:
    for each grant, the holders of its role for the anchor its path leads to from ``obj`` (the
    contract's commissioner, the contract's provider). ``anchored_at``: only grants anchored at
    that model (``Enterprise``: the provider's people). ``leave_out``: a user not to tell (the one
    whose action it was). Grants that name nobody in particular (everyone with a role, a
    department, the row's own user) are left out: a notification is for the people of the row.
    Administrators who reach every row are not told either."""
    from impactportal.accounts.models import users_with_role

    policy = access.policy_of(type(obj))
    people = {}
    for grant in policy.grants(action):
        path = grant.via or policy.owner
        if (grant.role == access.SELF or grant.role in access.REGION_ROLES or path in (access.ANYWHERE, "pk")
                or grant.department_field):
            continue
        model, anchor = _anchor(obj, path)
        field = _membership_field(model)
        if anchor is None or field is None or (anchored_at is not None and model is not anchored_at):
            continue
        if grant.condition is not None and not type(obj)._default_manager.filter(grant.condition, pk=obj.pk).exists():
            continue
        for person in users_with_role(grant.role, **{field: anchor}):
            people.setdefault(person.pk, person)
    if leave_out is not None:
        people.pop(getattr(leave_out, "pk", None), None)
    return list(people.values())


def _anchor(obj, path: str):
    """``(model, id)`` of what ``path`` (``contract__organisation``) points at from ``obj``."""
    *hops, last = path.split("__")
    current = obj
    for hop in hops:
        current = getattr(current, hop, None)
        if current is None:
            return None, None
    field = type(current)._meta.get_field(last)
    return field.related_model, getattr(current, field.attname)


def _membership_field(model) -> str | None:
    """The membership's field that anchors a role at ``model`` (as ``access`` reads it)."""
    from impactportal.accounts.models import Membership, Organisation

    if model is Organisation:
        return "organisation"
    for field in Membership._meta.get_fields():
        if getattr(field, "related_model", None) is model and field.many_to_one:
            return field.name
    return None


def provider_people(claim, *, leave_out=None) -> list:
    """The provider's users who may see ``claim`` (the enterprise's entrepreneurs)."""
    from enterprises.models import Enterprise

    return people_who_may(claim, access.VIEW, anchored_at=Enterprise, leave_out=leave_out)


def _about(claim) -> dict:
    return {"metric": claim.metric.name, "contract": claim.contract.title, "provider": claim.contract.provider.name,
            "start": short_date(claim.period_start), "end": short_date(claim.period_end),
            "claimed": number_format(claim.claimed_count, force_grouping=True),
            "accepted": number_format(claim.accepted_count or 0, force_grouping=True)}


def claim_submitted(claim, *, by, cap_warning=None) -> int:
    """Tell the brokers who may verify ``claim`` that it waits for them (not ``by``, who submitted
    it). ``cap_warning``: the metric's ``CapWarning``, if its cap leaves it unpaid in part."""
    def message():
        values = _about(claim)
        body = _("%(provider)s claimt %(claimed)s uitkomsten voor %(metric)s over %(start)s – %(end)s (contract "
                 "%(contract)s). Beoordeel de claim volgens de afgesproken validatiemethode via de link "
                 "hieronder.") % values
        if cap_warning is not None:
            body += "\n\n" + _("Let op: %(warning)s") % {"warning": cap_warning}
        return _("Nieuwe claim te beoordelen: %(metric)s, %(contract)s") % values, body

    return notify_all(people_who_may(claim, "verify", leave_out=by), message=message, url=claim.get_absolute_url(),
                      dedupe_key=f"outcome-claim:{claim.pk}:submitted")


def claim_verified(claim, *, by) -> int:
    """Tell the provider's people how ``claim`` was judged: the outcome, the count accepted and
    the reason."""
    def message():
        values = {**_about(claim), "status": claim.get_status_display()}
        body = _("De claim voor %(metric)s over %(start)s – %(end)s (contract %(contract)s) is beoordeeld: "
                 "%(status)s. Geaccepteerd: %(accepted)s van de %(claimed)s geclaimde uitkomsten.") % values
        if claim.reason:
            body += "\n" + _("Reden: %(reason)s") % {"reason": claim.reason}
        if claim.is_payable:
            body += "\n" + _("De opdrachtgever betaalt de geaccepteerde uitkomsten hierna; u krijgt dan weer "
                             "bericht.")
        return _("Uw claim is beoordeeld: %(status)s") % values, body

    return notify_all(provider_people(claim, leave_out=by), message=message, url=claim.get_absolute_url(),
                      dedupe_key=f"outcome-claim:{claim.pk}:verified")


def claim_paid(claim, payment, *, by) -> int:
    """Tell the provider's people what ``payment`` paid for ``claim``, or that the cap (or the
    contract maximum) left nothing to pay, with the calculation."""
    def message():
        values = {**_about(claim), "amount": euro(payment.amount), "calculated": euro(payment.calculated),
                  "limit": payment.get_capped_by_display(),
                  "calculation": rules.explain(count=payment.count, price=payment.price,
                                               calculated=payment.calculated, amount=payment.amount,
                                               capped_by=payment.capped_by)}
        if not payment.amount and payment.capped_by:
            return (_("Uw claim is niet betaald: het %(limit)s is bereikt") % values,
                    _("De claim voor %(metric)s over %(start)s – %(end)s (contract %(contract)s) is afgehandeld "
                      "zonder betaling: het %(limit)s is bereikt. Geaccepteerd waren %(accepted)s uitkomsten "
                      "(berekend: %(calculated)s). Berekening: %(calculation)s.") % values)
        return (_("Uw claim is betaald: %(amount)s") % values,
                _("Voor de claim voor %(metric)s over %(start)s – %(end)s (contract %(contract)s) is %(amount)s "
                  "betaald voor %(accepted)s geaccepteerde uitkomsten. Berekening: %(calculation)s.") % values)

    return notify_all(provider_people(claim, leave_out=by), message=message, url=claim.get_absolute_url(),
                      dedupe_key=f"outcome-claim:{claim.pk}:paid")
