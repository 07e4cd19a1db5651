"""Entrepreneur sign-up with e-mail verification, and linking an account to an enterprise.

The sign-up never tells whether an address is already registered: the page and the timing are
the same; the owner of an existing address gets a mail that says so instead of a link.

Anyone can sign up with someone else's address. The account stays inactive until the link mailed
to that address is used, and the link activates it only for whoever also knows the password chosen
at sign-up: otherwise a stranger's sign-up, confirmed by the address's owner clicking an unexpected
mail, became an account the stranger could sign in to. Signing up again while the address is
unconfirmed replaces the name and password (the owner of the address takes it back) and ends the
earlier link. A link activates once; it never signs anybody in afterwards."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from brokers.constants import LinkRequestStatus
from brokers.models import EnterpriseLinkRequest
from enterprises.models import Enterprise
from impactportal import access
from impactportal.accounts.constants import Role
from impactportal.accounts.models import Membership
from impactportal.audit import acting_as
from impactportal.notifications import mail_language, portal_url, request_language

from . import recipients

TOKEN_SALT = "brokers.signup.verify"
TOKEN_MAX_AGE = 3 * 24 * 3600


def email_hash(email: str) -> str:
    """A keyed hash of the address (HMAC with the secret key): the token names no address (it ends
    up in proxy logs and browser histories), and a changed address no longer matches."""
    return salted_hmac(TOKEN_SALT + ".email", email.strip().lower()).hexdigest()[:24]


def password_mark(user) -> str:
    """A keyed hash of the stored password hash: a link names the password it activates, so a
    later sign-up of the same unconfirmed address (a new password) ends the earlier link."""
    return salted_hmac(TOKEN_SALT + ".password", user.password).hexdigest()[:16]


def make_token(user, kvk_number="") -> str:
    return signing.dumps({"u": user.pk, "h": email_hash(user.email), "p": password_mark(user), "k": kvk_number},
                         salt=TOKEN_SALT, compress=True)


def _matches(user, data) -> bool:
    # Links mailed before the password was named in them are refused: signing up again sends a new one.
    return ("h" in data and "p" in data and constant_time_compare(email_hash(user.email), data["h"])
            and constant_time_compare(password_mark(user), data["p"]))


def _unconfirmed(user) -> bool:
    """An account this sign-up made whose address was never confirmed (nobody has used it). Not an
    invited colleague's or a contractor's contact (made by ``accounts.services.account_for``: no
    usable password yet, and a membership or a contract waits for it), nor a blocked account with
    memberships: a stranger's sign-up took those over, and a blocked person lifted their own block."""
    return (not user.is_active and not user.email_verified and user.last_login is None
            and bool(user.email) and user.username == user.email and user.has_usable_password()
            and not Membership.objects.filter(user=user).exists())


def read_token(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None


@transaction.atomic
def signup(*, email, password, first_name, last_name, kvk_number="") -> None:
    """Create an inactive account and mail a verification link; or, when the address is
    taken, mail its owner a notice. Returns nothing so callers cannot tell the difference."""
    User = get_user_model()
    email = email.strip().lower()
    existing = (User.objects.select_for_update().filter(email__iexact=email).first()
                or User.objects.select_for_update().filter(username__iexact=email).first())
    if existing is not None and _unconfirmed(existing):
        # Signed up before and never confirmed (perhaps by somebody else): this sign-up's name and
        # password replace those, and only the link mailed now works.
        _mail_link(_unconfirmed_account(existing, password=password, first_name=first_name, last_name=last_name),
                   email, kvk_number)
        return
    if existing is not None:
        make_password(password)  # the work a new account's password takes: the timing tells nothing
        # The owner of the address is known: the notice goes in their language, as every mail to a user.
        with translation.override(mail_language(existing, fallback=request_language())):
            # The subject says what happened: "Aanmelding bij het Impactportaal" read as a welcome.
            subject = _("Aanmelding met uw e-mailadres: u heeft al een account")
            body = (_("Iemand probeerde een account aan te maken met dit e-mailadres, maar er bestaat al een account. "
                      "Was u dat? Log dan in of vraag een nieuw wachtwoord aan: %(url)s")
                    % {"url": portal_url(reverse("password_reset"))})
        transaction.on_commit(lambda: send_mail(subject, body, None, [existing.email or email], fail_silently=True))
        return
    _mail_link(_unconfirmed_account(User(username=email, email=email, is_active=False), password=password,
                                    first_name=first_name, last_name=last_name), email, kvk_number)


def _unconfirmed_account(user, *, password, first_name, last_name):
    with acting_as(None):
        # The language of the page signed up on is the language of the person's mails (this link's,
        # and every notification after it): one who signed up in English was told in Dutch.
        language = request_language()
        user.first_name, user.last_name = first_name.strip(), last_name.strip()
        user.language = "" if language == settings.LANGUAGE_CODE else language
        user.set_password(password)
        user.save()
    return user


def _mail_link(user, email, kvk_number) -> None:
    link = portal_url(reverse("helpdesk:signup-verify", args=[make_token(user, kvk_number)]))
    # Written now, in the account's language (the page it signed up on): written when the transaction
    # committed, the mail took whatever language was active then (Dutch, after a request in English
    # whose commit came outside its language).
    with translation.override(mail_language(user, fallback=request_language())):
        subject = _("Bevestig uw e-mailadres voor het Impactportaal")
        body = _("Welkom bij het Impactportaal. Bevestig uw e-mailadres met deze link (drie dagen geldig) en het "
                 "wachtwoord dat u bij het aanmelden koos:\n\n%(link)s\n\n"
                 "Heeft u zich niet aangemeld? Dan kunt u deze mail negeren: zonder dat wachtwoord wordt er geen "
                 "account actief.") % {"link": link}
    transaction.on_commit(lambda: send_mail(subject, body, None, [email], fail_silently=True))


def is_self_signed_up(user) -> bool:
    """Whether the account came from this sign-up: ``signup`` names the account after its e-mail
    address and only ``verify`` marks that address confirmed; accounts made by an administrator
    (or the demo) have their own user name."""
    return bool(user.email) and user.email_verified and user.username == user.email


def link_works(token) -> bool:
    """Whether ``token`` names an account as it is now (a later sign-up ended an earlier link)."""
    data = read_token(token)
    user = get_user_model().objects.filter(pk=data["u"]).first() if data else None
    return user is not None and _matches(user, data)


CONFIRMED_BEFORE = "confirmed-before"


@transaction.atomic
def verify(*, token, password) -> tuple:
    """Activate the account of a valid token for whoever knows its password. Returns (user, link
    outcome) when this call activated it; (None, CONFIRMED_BEFORE) when the address was confirmed
    already (the link signs nobody in again); (None, None) for a link that does not work. A wrong
    password is a ValidationError on ``password`` and activates nothing."""
    data = read_token(token)
    if not data:
        return None, None
    # Locked: of two confirmations at once, one activates and signs in.
    user = get_user_model().objects.select_for_update().filter(pk=data["u"]).first()
    if user is None or not _matches(user, data):
        return None, None
    if user.email_verified:
        return None, CONFIRMED_BEFORE
    if not user.check_password(password or ""):
        raise ValidationError({"password": _("Dit is niet het wachtwoord van deze aanmelding. Weet u het niet meer? "
                                             "Meld u dan opnieuw aan met hetzelfde e-mailadres: u krijgt een nieuwe link.")})
    outcome = None
    with acting_as(user):
        user.is_active = True
        user.email_verified = True
        user.save(update_fields=["is_active", "email_verified"])
        if data.get("k"):
            outcome = link_enterprise(user=user, kvk_number=data["k"], raise_unknown=False)
    return user, outcome


LINKED = "linked"
REQUESTED = "requested"
ALREADY = "already"
UNKNOWN = "unknown"


@transaction.atomic
def link_enterprise(*, user, kvk_number, raise_unknown=True) -> str:
    """Ask the brokers of the enterprise's municipality to confirm the link. Never linked
    directly: a KvK number is public, and an enterprise a broker registered has no entrepreneur
    yet, so whoever typed its number became its owner (profile, showcase, SROI contracts).
    The outcome is the same whether or not the enterprise has an owner: the answer tells nobody that.
    An enterprise not yet in the register is registered by the entrepreneur themselves
    (``enterprises:self-register``), who becomes its entrepreneur there."""
    enterprise = Enterprise.objects.filter(kvk_number=kvk_number.strip()).select_related("municipality").first()
    if enterprise is None:
        if raise_unknown:
            # The page offers "Meld uw onderneming aan" below the form: the next step, not the town hall.
            raise ValidationError({"kvk_number": _("Er staat geen onderneming met dit KvK-nummer in het register. "
                                                   "Controleer het nummer, of meld uw onderneming aan.")})
        return UNKNOWN
    if Membership.objects.filter(role=Role.ENTREPRENEUR, enterprise=enterprise, user=user).exists():
        return ALREADY
    with acting_as(user):
        request, created = EnterpriseLinkRequest.objects.get_or_create(
            user=user, enterprise=enterprise, status=LinkRequestStatus.PENDING)
    if created:
        transaction.on_commit(lambda: recipients.tell(
            recipients.brokers_of(enterprise.municipality_id), message=lambda: (
                _("Koppelverzoek voor %(e)s") % {"e": enterprise.name},
                _("%(who)s vraagt om zijn of haar account te koppelen aan %(e)s. Bevestig alleen als u weet dat "
                  "de persoon bij de onderneming hoort; wijs het verzoek anders af.") % {"who": user, "e": enterprise.name}),
            url=reverse("enterprises:detail", args=[enterprise.pk]) + "#link-requests",
            key=f"helpdesk:link:{request.pk}"))
    return REQUESTED


def pending_link_requests(user):
    """The user's own requests still waiting for the municipality (for their dashboard and
    "Mijn onderneming"), each with what the user reads about it (``notice``)."""
    links = list(EnterpriseLinkRequest.objects.for_user(user).filter(user=user, status=LinkRequestStatus.PENDING)
                 .select_related("enterprise__municipality"))
    for link in links:
        link.notice = pending_notice(link)
        link.no_brokers = not recipients.has_brokers(link.enterprise.municipality_id)
    return links


def pending_notice(link) -> str:
    """What the requester of ``link`` reads about it: waiting for the municipality's brokers; or,
    where the municipality has none in the portal, that nobody can confirm it yet and what to do
    (the request waited for a confirmation that would never come)."""
    name = link.enterprise.name if link else ""
    municipality = link.enterprise.municipality if link else None
    if municipality is not None and not recipients.has_brokers(municipality):
        return no_broker_notice(name, municipality)
    return _("Uw verzoek om uw account aan %(name)s te koppelen wacht op bevestiging door de gemeente. "
             "U krijgt bericht zodra de gemeente heeft besloten.") % {"name": name}


def no_broker_notice(name, municipality) -> str:
    said = _("Uw verzoek om uw account aan %(name)s te koppelen is bewaard, maar %(org)s heeft nog geen makelaar "
             "in het Impactportaal die het kan bevestigen.") % {"name": name, "org": municipality}
    contact = recipients.contact_of(municipality)
    if contact:
        return said + " " + _("Neem contact op met uw gemeente via %(contact)s om de koppeling te regelen.") % {
            "contact": contact}
    return said + " " + _("Neem contact op met uw gemeente om de koppeling te regelen.")


def rejected_link_requests(user, represented=()):
    """The user's own requests the municipality rejected and that still stand: the latest request
    for each enterprise, when it was rejected and the user does not represent that enterprise
    (in ``represented``) after all ("Mijn onderneming" says why and what they can do)."""
    latest = {}
    for link in (EnterpriseLinkRequest.objects.for_user(user).filter(user=user)
                 .select_related("enterprise").order_by("-created_at", "-pk")):
        latest.setdefault(link.enterprise_id, link)
    skip = {getattr(enterprise, "pk", enterprise) for enterprise in represented}
    return [link for link in latest.values()
            if link.status == LinkRequestStatus.REJECTED and link.enterprise_id not in skip]


@transaction.atomic
def decide_link_request(*, link_request, approve: bool, by, reason: str = "") -> EnterpriseLinkRequest:
    # Lock and re-read: of simultaneous decisions only the first sees a pending request.
    link_request = access.require_locked(by, "decide", link_request)
    if link_request.status != LinkRequestStatus.PENDING:
        raise ValidationError({"status": _("Over dit verzoek is al besloten.")})
    reason = (reason or "").strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Geef een reden voor de afwijzing: de ondernemer krijgt die te lezen.")})
    with acting_as(by):
        link_request.status = LinkRequestStatus.APPROVED if approve else LinkRequestStatus.REJECTED
        link_request.decided_by = by
        link_request.decided_at = timezone.now()
        link_request.reason = "" if approve else reason
        link_request.save()
        if approve:
            Membership.objects.get_or_create(user=link_request.user, role=Role.ENTREPRENEUR,
                                             enterprise=link_request.enterprise, organisation=None, programme=None)
    if approve:
        access.forget(link_request.user)

    def message():
        name = link_request.enterprise.name
        if approve:
            return (_("Uw koppelverzoek is bevestigd"),
                    _("De gemeente heeft bevestigd dat u bij %(e)s hoort. Uw account is nu gekoppeld aan de "
                      "onderneming.") % {"e": name})
        return (_("Uw koppelverzoek is afgewezen"),
                _("De gemeente heeft uw verzoek om uw account aan %(e)s te koppelen afgewezen. Reden: %(r)s")
                % {"e": name, "r": reason})

    url = (reverse("enterprises:mine-detail", args=[link_request.enterprise_id]) if approve
           else reverse("helpdesk:my-cases"))
    transaction.on_commit(lambda: recipients.tell([link_request.user], message=message, url=url))
    return link_request
