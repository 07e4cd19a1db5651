"""Who hears about a case, and the notifications they get.

Mails name the case and link to the portal; they never contain another party's e-mail address
(``notify`` mails the recipient only) nor the text of a message, which stays behind the login."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.accounts.models import Membership, Organisation, users_with_role
from impactportal.notifications import notify_all


def brokers_of(organisation):
    return users_with_role(access.BROKER, organisation=organisation)


def desk_of(organisation):
    """Who runs the municipality's helpdesk: its brokers and the staff of the network partner
    that runs its entrepreneur desk (access.PARTNER). New cases go to them; cases are assigned to them."""
    return users_with_role((access.BROKER, access.PARTNER), organisation=organisation)


DESK_ROLES = (access.BROKER, access.PARTNER)


def organisations_with_desk():
    """The organisations whose helpdesk somebody runs (``desk_of`` is not empty): an active user with
    an accepted broker or network-partner membership there. A question put to any other reached
    nobody, while the page promised an answer within three working days."""
    staffed = Membership.objects.filter(role__in=DESK_ROLES, accepted_at__isnull=False, user__is_active=True,
                                        organisation__isnull=False).values("organisation")
    return Organisation.objects.filter(pk__in=staffed)


def has_desk(organisation) -> bool:
    return organisation is not None and desk_of(getattr(organisation, "pk", organisation)).exists()


def has_brokers(organisation) -> bool:
    """Whether somebody can confirm a link request for an enterprise of ``organisation``."""
    return organisation is not None and brokers_of(getattr(organisation, "pk", organisation)).exists()


def contact_of(organisation) -> str:
    """Where an entrepreneur reaches ``organisation`` outside the portal's helpdesk: the e-mail address
    of its desk, else the portal's own contact (``PORTAL_CONTACT``), else nothing."""
    return (getattr(organisation, "contact_email", "") or settings.PORTAL_CONTACT or "").strip()


def coordinators_of(organisation):
    return users_with_role(access.BROKER, organisation=organisation, is_coordinator=True)


def escalation_recipients(organisation):
    """Who hears of a breached service level: the team's coordinators; a municipality that named
    none, its brokers (the breach was marked told while nobody was, and never told again)."""
    coordinators = coordinators_of(organisation)
    return coordinators if coordinators.exists() else brokers_of(organisation)


def colleagues_of(organisation, department):
    return users_with_role(access.COLLEAGUE, organisation=organisation, department=department)


def requesters_of(case):
    if case.submitter_id:
        return [case.submitter] if case.submitter.is_active else []
    if case.enterprise_id:
        return list(users_with_role(access.ENTREPRENEUR, enterprise=case.enterprise_id))
    return []


def handlers_of(case):
    """Staff who should hear from the entrepreneur: the assignee, else the whole queue; plus the
    colleagues of the department the case is referred to."""
    people = [case.assigned_to] if case.assigned_to_id else list(desk_of(case.organisation_id))
    if case.referred_department:
        people += list(colleagues_of(case.organisation_id, case.referred_department))
    return list({p.pk: p for p in people}.values())


def speaks_for(case, user):
    """The organisation a staff reply on ``case`` comes from: a network partner's own organisation
    (the partner that runs the municipality's desk, e.g. Kennemer Impact Helpdesk), else the case's
    municipality. A partner's reply was credited to the municipality ("· Gemeente Haarlem")."""
    if user is not None and user.pk is not None:
        partner = Organisation.objects.filter(
            partner_memberships__user=user, partner_memberships__role=access.PARTNER,
            partner_memberships__organisation=case.organisation_id,
            partner_memberships__accepted_at__isnull=False).order_by("name").first()
        if partner is not None:
            return partner
    return case.organisation


def staff_url(case):
    return reverse("helpdesk:case-detail", args=[case.pk])


def requester_url(case):
    return reverse("helpdesk:my-case", args=[case.pk])


def tell(people, *, message, url, key=""):
    """``message``: ``() -> (subject, body)``, written in each language (see ``impactportal.notifications``)."""
    notify_all(people, message=message, url=url, dedupe_key=key)


def tell_requesters(case, *, message, key=""):
    tell(requesters_of(case), message=message, url=requester_url(case), key=key)


def new_case(case):
    tell(desk_of(case.organisation_id), message=lambda: (
        _("Nieuwe vraag: %(s)s") % {"s": case.subject},
        _("Er is een nieuwe vraag binnengekomen in de helpdesk van %(org)s.") % {"org": case.organisation}),
        url=staff_url(case), key=f"helpdesk:new:{case.pk}")


def status_changed(case):
    def message():
        status = case.get_status_display()
        return (_("Uw vraag heeft een nieuwe status: %(status)s") % {"status": status},
                _("De status van uw vraag “%(s)s” is nu: %(status)s.") % {"s": case.subject, "status": status})

    tell_requesters(case, message=message)
