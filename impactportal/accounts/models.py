from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, FUNCTIONAL_ADMIN, PUBLIC, SELF, AccessPolicy, Grant
from impactportal.text import in_page_language

from .constants import Department, OrganisationKind, Role


class User(AbstractUser):
    """A person using the portal. What they may do comes from their memberships."""

    email = models.EmailField(_("e-mailadres"), blank=True)
    email_verified = models.BooleanField(_("e-mailadres bevestigd"), default=False)
    # The language of the mails the portal sends the user (``notifications.mail_language``); empty:
    # none chosen, the portal's default. Set on "Mijn account" and by the language switch while
    # signed in (``accounts.views.set_language``). Pages follow the switch's cookie, not this.
    language = models.CharField(
        _("taal van e-mails en meldingen"), max_length=8, choices=settings.LANGUAGES, blank=True,
        help_text=_("De taal van de e-mails die het portaal u stuurt. Leeg: Nederlands, de standaardtaal van het "
                    "portaal."),
    )
    # When the user last got more to do for two-factor authentication: an authenticator app or
    # backup codes set up, a role granted, made Django staff (``two_factor.second_factor_changed``).
    # A session whose state was decided before it decides again (``two_factor.session_state``).
    two_factor_changed_at = models.DateTimeField(_("tweestapsverificatie gewijzigd op"), null=True, blank=True,
                                                 editable=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.username

    def roles(self) -> set[str]:
        from impactportal import access

        return access.roles_of(self)

    def held_memberships(self) -> list:
        """The memberships that give the user a role: not a pending invitation (``access.memberships``)."""
        from impactportal import access

        return access.memberships(self)


class Organisation(models.Model):
    """A gemeente, provincie or regional body using the portal; owner of private data."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    kind = models.CharField(_("soort"), max_length=20, choices=OrganisationKind.choices)
    cbs_code = models.CharField(_("CBS-gemeentecode"), max_length=6, blank=True,
                                help_text=_("Bijvoorbeeld GM0392 voor Haarlem."))
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("e-mailadres loket"), blank=True)
    is_active = models.BooleanField(_("actief in het portaal"), default=True)

    access = PUBLIC

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Region(models.Model):
    """A set of municipalities working together, e.g. a labour-market region."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    members = models.ManyToManyField(Organisation, related_name="regions", verbose_name=_("leden"), blank=True)

    access = PUBLIC

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Programme(models.Model):
    """A collaboration with a steering group and a reporting cycle (City Deal, action programme)."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=80, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    lead_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="led_programmes",
        verbose_name=_("trekker"),
    )
    participants = models.ManyToManyField(
        Organisation, related_name="programmes", blank=True, verbose_name=_("deelnemende organisaties")
    )

    access = PUBLIC

    class Meta:
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="programme_ends_after_start",
                violation_error_message=_("De einddatum ligt voor de startdatum."),
            )
        ]

    def __str__(self):
        return self.name


class EnglishNameMixin(models.Model):
    """A name written by people (a programme's phases and tracks) with its English version, shown
    on English pages; empty: the Dutch name."""

    name_en = models.CharField(_("naam in het Engels"), max_length=200, blank=True,
                               help_text=_("Getoond op Engelstalige pagina's; leeg: de Nederlandse naam."))

    class Meta:
        abstract = True

    @property
    def label(self) -> str:
        return in_page_language(self.name, self.name_en)


class ProgrammePhase(EnglishNameMixin):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases",
                                  verbose_name=_("programma"))
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)

    access = PUBLIC

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="unique_phase_number")]

    def __str__(self):
        return f"{self.number}. {self.label}"


class ProgrammeTrack(EnglishNameMixin):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tracks",
                                  verbose_name=_("programma"))
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    # The fixed code seed_reference finds the shipped row by when an administrator renamed it (never edited).
    seed_key = models.CharField(_("seedsleutel"), max_length=200, blank=True, db_index=True, editable=False)

    access = PUBLIC

    class Meta:
        verbose_name = _("spoor")
        verbose_name_plural = _("sporen")
        ordering = ["programme", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_track_name"),
            models.UniqueConstraint(fields=["programme", "seed_key"], condition=~Q(seed_key=""),
                                    name="unique_track_seed_key"),
        ]

    def __str__(self):
        return self.label


class Membership(models.Model):
    """Gives a user a role: broker or colleague of an organisation, entrepreneur of an enterprise,
    steering-group member of a programme, network partner serving a municipality (on behalf of a
    partner organisation), or SROI coordinator of a region. A user may hold several memberships."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("gebruiker"))
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships",
        verbose_name=_("organisatie"),
        help_text=_("Bij een netwerkpartner: de gemeente waarvoor de partner het loket uitvoert."),
    )
    department = models.CharField(_("afdeling"), max_length=20, choices=Department.choices, blank=True)
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships",
        verbose_name=_("programma"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, null=True, blank=True, related_name="memberships",
        verbose_name=_("onderneming"),
    )
    partner_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="partner_memberships",
        limit_choices_to={"kind": OrganisationKind.OTHER}, verbose_name=_("partnerorganisatie"),
        help_text=_("De externe organisatie waarvoor de netwerkpartner werkt, bijvoorbeeld een stichting die "
                    "het ondernemersloket runt."),
    )
    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships",
        verbose_name=_("regio"), help_text=_("Bij een regionaal SROI-coördinator: de arbeidsmarktregio."),
    )
    is_coordinator = models.BooleanField(
        _("coördinator van het team"), default=False,
        help_text=_("Ontvangt escalaties, bijvoorbeeld bij overschreden servicenormen."),
    )
    # Not a role of its own: a broker or colleague who also manages the staff memberships of their
    # organisation (invite, change, end; ``accounts.services``). The access module treats the flag as
    # the role ``access.FUNCTIONAL_ADMIN`` for the membership's organisation.
    is_admin = models.BooleanField(
        _("functioneel beheerder"), default=False,
        help_text=_("Beheert de medewerkers van de organisatie in het portaal: uitnodigen, rol en afdeling "
                    "wijzigen, lidmaatschappen beëindigen. Alleen bij een makelaar of collega."),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    # An invitation of a functional administrator (``accounts.services.member_invite``) waits for the
    # person: until they accept it (an existing account on the invitation's page, signed in; a new
    # one by choosing its password) the membership gives no role (``access.memberships`` leaves it
    # out), and the organisation's pages name it by what the administrator typed (``member_name``),
    # never by the account's own name: an invitation does not tell whether the address had an
    # account. Memberships made otherwise (Django's admin, a sign-up, seeding) are accepted at once.
    accepted_at = models.DateTimeField(
        _("geaccepteerd op"), null=True, blank=True, default=timezone.now,
        help_text=_("Leeg zolang de uitnodiging niet is aangenomen: het lidmaatschap geeft dan geen rechten."),
    )
    invited_email = models.EmailField(_("e-mailadres in de uitnodiging"), max_length=150, blank=True)
    invited_first_name = models.CharField(_("voornaam in de uitnodiging"), max_length=150, blank=True)
    invited_last_name = models.CharField(_("achternaam in de uitnodiging"), max_length=150, blank=True)

    # The staff memberships of an organisation (its brokers and colleagues, and the network partner
    # anchored at it): the organisation's brokers and colleagues may know they exist (opening a
    # colleague's page answers 403, not 404), its functional administrators manage them
    # (``accounts.services``, the pages of ``accounts.staff_views``). Memberships without an
    # organisation (entrepreneur, steering group, SROI coordinator) are in no one's scope but the
    # superuser's. The access module reads a user's own memberships directly (``access.memberships``).
    # A pending invitation is accepted by its own account only, not by a superuser for them.
    access = AccessPolicy(
        owner="organisation",
        view=[Grant(BROKER), Grant(COLLEAGUE)],
        change=[Grant(FUNCTIONAL_ADMIN)],
        actions={"accept": [Grant(SELF, via="user", condition=Q(accepted_at__isnull=True))]},
        personal=("accept",),
    )

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.CheckConstraint(
                name="membership_anchor_matches_role",
                condition=(
                    Q(role=Role.BROKER, organisation__isnull=False, programme__isnull=True, enterprise__isnull=True,
                      partner_organisation__isnull=True, region__isnull=True)
                    | Q(role=Role.COLLEAGUE, organisation__isnull=False, programme__isnull=True,
                        enterprise__isnull=True, partner_organisation__isnull=True, region__isnull=True)
                    | Q(role=Role.ENTREPRENEUR, enterprise__isnull=False, organisation__isnull=True,
                        programme__isnull=True, partner_organisation__isnull=True, region__isnull=True)
                    | Q(role=Role.STEERING, programme__isnull=False, enterprise__isnull=True,
                        partner_organisation__isnull=True, region__isnull=True)
                    | Q(role=Role.PARTNER, organisation__isnull=False, partner_organisation__isnull=False,
                        programme__isnull=True, enterprise__isnull=True, region__isnull=True)
                    | Q(role=Role.SROI_COORDINATOR, region__isnull=False, organisation__isnull=True,
                        programme__isnull=True, enterprise__isnull=True, partner_organisation__isnull=True)
                ),
                violation_error_message=_(
                    "Een makelaar of collega hoort bij een organisatie, een ondernemer bij een onderneming, "
                    "een stuurgroeplid bij een programma, een netwerkpartner bij een gemeente en een "
                    "partnerorganisatie, en een SROI-coördinator bij een regio."
                ),
            ),
            models.CheckConstraint(
                name="membership_admin_is_staff",
                condition=Q(is_admin=False) | Q(role__in=[Role.BROKER, Role.COLLEAGUE]),
                violation_error_message=_("Alleen een makelaar of collega van een organisatie kan functioneel "
                                          "beheerder zijn."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "programme", "enterprise", "region"],
                name="unique_membership_per_anchor", nulls_distinct=False,
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self):
        anchor = self.organisation or self.programme or self.enterprise or self.region
        if self.partner_organisation_id:
            return f"{self.member_name()} — {self.get_role_display()} ({self.partner_organisation}) — {anchor}"
        return f"{self.member_name()} — {self.get_role_display()} — {anchor}"

    @property
    def is_pending(self) -> bool:
        """An invitation not accepted yet: no role until it is."""
        return self.accepted_at is None

    def member_name(self) -> str:
        """The member as the organisation's pages name them: the account's name once the membership
        is accepted; while it is pending the name (else the address) the administrator typed."""
        if self.is_pending:
            typed = " ".join(part for part in (self.invited_first_name, self.invited_last_name) if part)
            if typed or self.invited_email:
                return typed or self.invited_email
        return str(self.user)

    def member_email(self) -> str:
        """The address the organisation's pages show: the account's once accepted, the typed one before."""
        return self.invited_email if self.is_pending and self.invited_email else self.user.email

    def clean(self):
        if self.role == Role.COLLEAGUE and not self.department:
            raise ValidationError({"department": _("Kies de afdeling van de collega.")})
        if self.role != Role.COLLEAGUE and self.department:
            raise ValidationError({"department": _("Alleen een collega hoort bij een afdeling.")})
        if self.role == Role.PARTNER:
            if not self.partner_organisation_id:
                raise ValidationError({"partner_organisation": _(
                    "Kies de partnerorganisatie waarvoor de netwerkpartner werkt.")})
            if self.partner_organisation.kind != OrganisationKind.OTHER:
                raise ValidationError({"partner_organisation": _(
                    "Een partnerorganisatie is een externe organisatie, geen gemeente, provincie of regio.")})
            if self.organisation_id and self.organisation.kind != OrganisationKind.GEMEENTE:
                raise ValidationError({"organisation": _("Een netwerkpartner voert het loket van een gemeente uit.")})
        elif self.partner_organisation_id:
            raise ValidationError({"partner_organisation": _("Alleen een netwerkpartner hoort bij een "
                                                             "partnerorganisatie.")})
        if self.role == Role.SROI_COORDINATOR and not self.region_id:
            raise ValidationError({"region": _("Kies de regio van de SROI-coördinator.")})
        if self.role != Role.SROI_COORDINATOR and self.region_id:
            raise ValidationError({"region": _("Alleen een SROI-coördinator hoort bij een regio.")})
        if self.is_admin and self.role not in (Role.BROKER, Role.COLLEAGUE):
            raise ValidationError({"is_admin": _("Alleen een makelaar of collega van een organisatie kan "
                                                 "functioneel beheerder zijn.")})


class VerifiedApiToken(models.Model):
    """The mark of an API key made from a session that passed its second factor (the account page:
    ``impactportal.api.tokens.renew``). The key of a user who must use two-factor authentication or
    set it up works only with this mark (``impactportal.api.authentication``); it goes with the key."""

    # Not in the audit log: the row's primary key was the API key itself (a secret in every entry), now
    # its digest (``impactportal.api.tokens``), which is not logged either.
    audit = False
    token = models.OneToOneField("authtoken.Token", on_delete=models.CASCADE, primary_key=True,
                                 related_name="verified_session", verbose_name=_("API-sleutel"))

    class Meta:
        verbose_name = _("API-sleutel na tweestapsverificatie")
        verbose_name_plural = _("API-sleutels na tweestapsverificatie")

    def __str__(self):
        return str(self._meta.verbose_name)


class ReadOnlyApiToken(models.Model):
    """The mark of an API key that may only read: its user chose "Alleen lezen" on the account page
    (``impactportal.api.tokens.renew``). With such a key every call that changes something (POST,
    PUT, PATCH, DELETE) answers 403, but revoking the key itself (``impactportal.api.authentication``,
    which reads the mark in the token's own row); it goes with the key."""

    audit = False  # as ``VerifiedApiToken``: the row's primary key is the key's digest
    token = models.OneToOneField("authtoken.Token", on_delete=models.CASCADE, primary_key=True,
                                 related_name="read_only_mark", verbose_name=_("API-sleutel"))

    class Meta:
        verbose_name = _("API-sleutel die alleen leest")
        verbose_name_plural = _("API-sleutels die alleen lezen")

    def __str__(self):
        return str(self._meta.verbose_name)


class SingleSignOnSession(models.Model):
    """A portal session signed in through the organisation's identity provider, with the IdP's
    subject (``sub``) and session (``sid``) of that sign-in: what the IdP names when it ends the
    person's sessions (OpenID Connect back-channel logout, ``accounts.oidc_backchannel``). The row
    goes with its session (signed out, expired and cleared, or ended otherwise) and follows it to a
    new session key (``accounts.sessions``)."""

    audit = False  # bookkeeping of sessions; the back-channel logout writes its own audit entry
    session = models.OneToOneField("sessions.Session", on_delete=models.CASCADE, related_name="single_sign_on",
                                   verbose_name=_("sessie"))
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("gebruiker"))
    subject = models.CharField(_("subject bij de identiteitsprovider"), max_length=255, db_index=True)
    idp_session = models.CharField(_("sessie bij de identiteitsprovider"), max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(_("ingelogd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("sessie via single sign-on")
        verbose_name_plural = _("sessies via single sign-on")

    def __str__(self):
        return str(self._meta.verbose_name)


def users_with_role(role, **anchor):
    """Active users holding ``role`` (or one of several roles; accepted memberships) for an anchor, e.g.
    ``users_with_role(Role.BROKER, organisation=org_id)``; an anchor value may be a list
    (``organisation__in`` is used then).
    The one place that answers "who are the brokers (coordinators, entrepreneurs) of …"."""
    roles = role if isinstance(role, list | tuple | set | frozenset) else [role]
    filters = {"memberships__role__in": list(roles), "memberships__accepted_at__isnull": False}
    for key, value in anchor.items():
        lookup = f"memberships__{key}"
        if isinstance(value, list | tuple | set | frozenset):
            lookup += "__in"
        filters[lookup] = value
    return User.objects.filter(is_active=True, **filters).distinct().order_by("last_name", "first_name", "username")
