"""Functional administration ("functioneel beheer") of an organisation's staff, without Django's
admin: a functional administrator of the organisation (``Membership.is_admin`` on a broker's or
colleague's membership, the role ``access.FUNCTIONAL_ADMIN``) or a superuser invites staff,
changes their role, department and flags, and ends their memberships.

Every operation locks the organisation's row first. All staff changes of one organisation are
serialised by that lock, so "an organisation keeps an active functional administrator" is checked
against what is committed, and the acting user's own rights are read again inside the transaction
(``access.forget``), not taken from the start of the request. Nothing here sets ``is_staff``,
``is_superuser`` or a membership of another organisation. Each membership and account row written
is recorded by the audit trail (django-auditlog; the request's user is the actor).

An invitation makes a pending membership (``Membership.accepted_at`` empty: no role until it is
accepted) for the account with the address, or for a new inactive account without a password (an
account's name, password and flags are never changed). A new account gets a link to choose a
password, made with Django's password-reset tokens; choosing it activates the account and accepts
its invitations (``invitation_accepted``). An account that can already sign in is told by a
notification (and its mail) with a link to the invitation, which it accepts signed in
(``membership_accept``). The person who invites sees the same answer either way: the message, and
on the staff pages the name and address they typed and "Uitgenodigd" until the invitation is
accepted (``Membership.member_name``, ``member_status``, ``listed_memberships``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from impactportal import access
from impactportal.audit import acting_as
from impactportal.notifications import (
    mail_language,
    mail_subject,
    notify,
    portal_url,
    render,
    request_language,
)

from .constants import Department, OrganisationKind, Role
from .models import Membership, Organisation

# Staff an administrator invites and changes; the network partner anchored at the municipality is
# listed and its membership can be ended, but a partner is not made here (it needs its partner
# organisation, which is the national portal's to register).
STAFF_ROLES = (Role.BROKER, Role.COLLEAGUE)
LISTED_ROLES = (*STAFF_ROLES, Role.PARTNER)


def staff_memberships():
    """The memberships the staff pages list: broker, colleague and network partner of an organisation."""
    return Membership.objects.filter(role__in=LISTED_ROLES, organisation__isnull=False)


def _shown(invited: str, own: str):
    return Case(When(accepted_at__isnull=True, then=F(invited)), default=F(own))


def listed_memberships():
    """``staff_memberships`` with the names and address the staff pages show, sort and search
    (``shown_first_name``, ``shown_last_name``, ``shown_email``): the account's once a membership is
    accepted, what the administrator typed while it is pending (``Membership.member_name``)."""
    return staff_memberships().annotate(
        shown_first_name=_shown("invited_first_name", "user__first_name"),
        shown_last_name=_shown("invited_last_name", "user__last_name"),
        shown_email=_shown("invited_email", "user__email"))


def invitable_organisations(user):
    """The organisations ``user`` may invite staff into: where they are functional administrator
    (a superuser: every active municipality, province and regional body), never a partner's own."""
    return (access.owner_choices(user, Membership).filter(is_active=True)
            .exclude(kind=OrganisationKind.OTHER).order_by("name"))


# --- accounts ------------------------------------------------------------------------------------

PENDING = Q(is_active=False, last_login__isnull=True, password__startswith=UNUSABLE_PASSWORD_PREFIX)


def is_pending(user) -> bool:
    """An invited account not used yet: inactive, without a password, never signed in."""
    return not user.is_active and not user.has_usable_password() and user.last_login is None


def may_set_first_password(user) -> bool:
    """Whose invitation link works: a pending invitee, or an active account without a password yet
    (a contractor's contact who never chose one). Not an account an administrator blocked."""
    return not user.has_usable_password() and (user.is_active or user.last_login is None)


def account_status(user) -> str:
    """Active, invited (never used yet), or deactivated: an account is blocked or reactivated by the
    portal's administrator only (it may belong to several organisations), never on the staff pages."""
    if user.is_active:
        return _("Actief")
    return _("Uitgenodigd") if is_pending(user) else _("Account gedeactiveerd")


def member_status(membership) -> str:
    """A pending invitation reads "Uitgenodigd" whatever its account is (an invitation does not
    tell whether the address had one); an accepted membership its account's status."""
    return _("Uitgenodigd") if membership.is_pending else account_status(membership.user)


def may_reinvite(membership) -> bool:
    """A pending invitation, or a member whose account has no password yet, may be sent a new one."""
    return membership.is_pending or may_set_first_password(membership.user)


def _existing_account(email: str):
    User = get_user_model()
    for lookup in ({"email__iexact": email}, {"username__iexact": email}):
        existing = User.objects.filter(**lookup).order_by("-is_active", "pk").first()
        if existing is not None:
            return existing
    return None


def account_for(*, email: str, first_name: str = "", last_name: str = "", active: bool = False):
    """``(user, created)``: the account with this address (by e-mail address, else by user name; the
    oldest active one first), returned as it is; else a new one without a password, inactive until
    its invitation is accepted (``active``: a contractor's contact, who signs in once they chose a
    password). Staff invitations and contractor contacts (``procurement.services_contracts``) alike.

    Two invitations of one new address at once (two organisations, two contracts) both find no
    account; the second insert waits for the first and fails on the unique user name. It runs in a
    savepoint, so the caller's transaction goes on with the account the first one made."""
    existing = _existing_account(email)
    if existing is not None:
        return existing, False
    user = get_user_model()(username=email, email=email, first_name=first_name.strip()[:150],
                            last_name=last_name.strip()[:150], is_active=active)
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        existing = _existing_account(email)
        if existing is None:
            raise
        return existing, False
    return user, True


def invitation_url(user, url_name: str = "staff:invitation") -> str:
    """The link to choose a first password (Django's password-reset token): the staff invitation's
    page, or ``password_reset_confirm`` for a contractor's contact."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return portal_url(reverse(url_name, kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)}))


def send_password_link(user, texts, url_name: str = "staff:invitation") -> None:
    """Mail ``texts`` (``notifications.render``) with the link to choose a first password, in the
    mail's language, to the account's own address (not to an address someone typed: an account found
    by its user name may have another), after the commit. The mail's language is the account's own
    (``mail_language``); an account that never chose one (a new address) gets the language of the
    request that invites it."""
    address = user.email
    if not address:
        return
    language = mail_language(user, fallback=request_language())
    subject, body = texts.in_language(language)
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    with translation.override(language):
        text = (body + "\n\n" + _("Kies eerst een wachtwoord met deze link (eenmalig te gebruiken, %(days)s dagen "
                                  "geldig):") % {"days": days}
                + f"\n{invitation_url(user, url_name)}\n\n" + _("Uw gebruikersnaam is %(username)s.")
                % {"username": user.get_username()})
    transaction.on_commit(lambda: send_mail(mail_subject(subject), text, None, [address], fail_silently=True))


def _accept(membership, *, by) -> None:
    membership.accepted_at = timezone.now()
    with acting_as(by):
        membership.save(update_fields=["accepted_at"])


@transaction.atomic
def invitation_accepted(*, user) -> None:
    """The invitee chose a password through the link: a pending account becomes active, its
    address is confirmed (the link reached it) and its pending invitations are accepted."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    changed = [name for name, value in (("is_active", True), ("email_verified", True)) if getattr(user, name) != value]
    for name in changed:
        setattr(user, name, True)
    if changed:
        with acting_as(user):
            user.save(update_fields=changed)
    for membership in staff_memberships().select_for_update().filter(user=user, accepted_at__isnull=True):
        _accept(membership, by=user)
    access.forget(user)


@transaction.atomic
def membership_accept(*, membership, by) -> Membership:
    """``by`` accepts their own pending invitation (signed in as the invited account): from now on
    the membership gives its role. 404 for anyone else's, or one ended or accepted meanwhile."""
    _lock(by, membership.organisation_id)
    row = _locked_membership(membership)
    access.require(by, "accept", row)
    _accept(row, by=by)
    access.forget(by)
    return row


# --- the organisation's lock and rules -----------------------------------------------------------


def _lock(by, organisation_id) -> Organisation:
    """The organisation's row, locked: every staff change of the organisation waits here. The
    acting user's memberships are read again after it (a colleague may just have taken their
    administrator flag away)."""
    organisation = Organisation.objects.select_for_update().get(pk=organisation_id)
    access.forget(by)
    return organisation


def _locked_membership(membership) -> Membership:
    row = (Membership.objects.select_for_update(of=("self",)).select_related("user", "organisation")
           .filter(pk=membership.pk, role__in=LISTED_ROLES).first())
    if row is None:  # ended meanwhile
        raise Http404
    return row


def role_phrase(role: str, department: str = "") -> str:
    """"makelaar met mandaat", "collega (Inkoop)": a role inside a sentence."""
    text = str(Role(role).label)
    text = text[:1].lower() + text[1:]
    if department:
        text += f" ({Department(department).label})"
    return text


def _validate(membership: Membership, *, exclude=()) -> None:
    """The model's own rules (department for a colleague only, the administrator flag on staff
    only) and one of this page's: the team coordinator is a broker."""
    errors = {}
    try:
        membership.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if membership.is_coordinator and membership.role != Role.BROKER:
        errors.setdefault("is_coordinator", []).append(_("Alleen een makelaar met mandaat kan coördinator van het "
                                                          "team zijn."))
    if membership.role not in STAFF_ROLES:
        errors.setdefault("role", []).append(_("Kies makelaar met mandaat of collega."))
    if errors:
        raise ValidationError(errors)


def _keep_an_admin(organisation, row: Membership, field: str | None = None) -> None:
    """Refuse to end or unflag the organisation's last active functional administrator (a pending
    invitation is none yet)."""
    if not (row.is_admin and row.user.is_active and not row.is_pending):
        return  # the organisation's active administrators stay as they are
    others = (Membership.objects.filter(organisation=organisation, is_admin=True, user__is_active=True,
                                        accepted_at__isnull=False)
              .exclude(pk=row.pk).exists())
    if not others:
        message = _("%(organisation)s houdt ten minste één functioneel beheerder. Maak eerst een andere "
                    "medewerker functioneel beheerder.") % {"organisation": organisation}
        raise ValidationError({field: message} if field else message)


# --- invite, change, end -------------------------------------------------------------------------


@transaction.atomic
def member_invite(*, organisation, email: str, by, role: str, department: str = "", is_coordinator: bool = False,
                  is_admin: bool = False, first_name: str = "", last_name: str = "") -> Membership:
    """Invite ``email`` as a broker or colleague of ``organisation`` (a pending membership) and tell them."""
    organisation = _lock(by, organisation.pk)
    if not invitable_organisations(by).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    email = email.strip().lower()
    membership = Membership(organisation=organisation, role=role, department=department,
                            is_coordinator=is_coordinator, is_admin=is_admin, accepted_at=None, invited_email=email,
                            invited_first_name=first_name.strip()[:150], invited_last_name=last_name.strip()[:150])
    _validate(membership, exclude=["user"])
    user, _created = account_for(email=email, first_name=first_name, last_name=last_name)
    _reachable_by_invitation(user)
    if Membership.objects.filter(user=user, organisation=organisation, role__in=STAFF_ROLES).exists():
        raise ValidationError({"email": _("Dit e-mailadres hoort al bij een medewerker van %(organisation)s.")
                               % {"organisation": organisation}})
    membership.user = user
    membership.save()
    _tell(membership, by=by)
    return membership


def _reachable_by_invitation(user) -> None:
    """An invitation that the address's owner can accept: their account was told "sign in and
    accept", which an account that cannot sign in never could.
    - An unconfirmed sign-up with this address (inactive, never signed in, address not confirmed):
      its password was chosen by whoever signed up, not necessarily the address's owner. The
      invitation's link to choose a password, sent to the address, is the proof the sign-up waited
      for; that password goes.
    - An account an administrator blocked is refused: only the portal's administrator reactivates
      an account (``account_status``), so the inviter is told to ask for that first."""
    if user.is_active or may_set_first_password(user):
        return
    if user.last_login is None and not user.email_verified:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        return
    raise ValidationError({"email": _("Het account van dit e-mailadres is gedeactiveerd. Alleen de beheerder van "
                                      "het portaal kan het weer activeren; vraag dat eerst en nodig daarna uit.")})


def _tell(membership: Membership, *, by) -> None:
    """The invitation: a link to choose a password (which accepts it), or, for an account that can
    sign in already, a notification with its mail and a link to the invitation, which it accepts
    signed in. Only to the account's own address."""
    user, organisation = membership.user, membership.organisation
    inviter = by.get_full_name() or by.get_username()
    link = may_set_first_password(user)

    def texts():
        body = (_("%(inviter)s nodigt u uit als medewerker van %(organisation)s in het Impactportaal, als %(role)s.")
                % {"inviter": inviter, "organisation": organisation,
                   "role": role_phrase(membership.role, membership.department)})
        if not link:
            body += " " + _("Meld u aan en neem de uitnodiging aan via de link hieronder; tot dan werkt u in het "
                            "portaal niet voor %(organisation)s.") % {"organisation": organisation}
        return (_("Uitnodiging: medewerker van %(organisation)s in het Impactportaal") % {"organisation": organisation},
                body)

    if link:
        send_password_link(user, render(texts))
    else:
        notify(recipient=user, message=render(texts), url=reverse("staff:membership-accept", args=[membership.pk]))


@transaction.atomic
def member_reinvite(*, membership, by) -> Membership:
    """A new link for an invitee whose link expired or got lost."""
    _lock(by, membership.organisation_id)
    row = _locked_membership(membership)
    access.require(by, access.CHANGE, row)
    if not may_reinvite(row):
        raise ValidationError(_("%(name)s kan zich al aanmelden: een nieuwe uitnodiging is niet nodig. Wie zijn "
                                "wachtwoord kwijt is, gebruikt 'Wachtwoord vergeten?' op de aanmeldpagina.")
                              % {"name": row.member_name()})
    _tell(row, by=by)
    return row


@transaction.atomic
def member_change(*, membership, by, role: str, department: str = "", is_coordinator: bool = False,
                  is_admin: bool = False) -> Membership:
    """A broker's or colleague's role, department and flags."""
    organisation = _lock(by, membership.organisation_id)
    row = _locked_membership(membership)
    access.require(by, access.CHANGE, row)
    if row.role not in STAFF_ROLES:
        raise ValidationError(_("Van een netwerkpartner is hier niets te wijzigen; u kunt het lidmaatschap "
                                "beëindigen."))
    if row.user_id == by.pk and (role, department) != (row.role, row.department) and not by.is_superuser:
        # Four eyes on one's own access: an administrator who is a colleague made themselves a
        # broker (budget, spending, mandates). Another administrator changes it.
        raise ValidationError({"role": _("U wijzigt uw eigen rol of afdeling niet; vraag een andere functioneel "
                                         "beheerder van %(organisation)s.") % {"organisation": organisation}})
    if row.is_admin and not is_admin:
        _keep_an_admin(organisation, row, field="is_admin")
    if role != row.role and Membership.objects.filter(user=row.user_id, organisation=organisation, role=role).exists():
        raise ValidationError({"role": _("%(name)s is al %(role)s van %(organisation)s.") % {
            "name": row.member_name(), "role": role_phrase(role), "organisation": organisation}})
    row.role, row.department, row.is_coordinator, row.is_admin = role, department, is_coordinator, is_admin
    _validate(row)
    row.save()
    return row


@transaction.atomic
def member_end(*, membership, by) -> None:
    """End the membership (the account stays; without memberships it has no role)."""
    organisation = _lock(by, membership.organisation_id)
    row = _locked_membership(membership)
    access.require(by, access.DELETE, row)
    _keep_an_admin(organisation, row)
    row.delete()
