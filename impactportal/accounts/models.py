from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impactportal.access import PUBLIC

from .constants import Department, OrganisationKind, Role


class User(AbstractUser):
    """A person using the portal. What they may do comes from their memberships."""

    email = models.EmailField(_("e-mailadres"), blank=True)
    email_verified = models.BooleanField(_("e-mailadres bevestigd"), default=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self):
        return self.get_full_name() or self.username

    def roles(self) -> set[str]:
        from impactportal import access

        return access.roles_of(self)


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


class ProgrammePhase(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
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
        return f"{self.number}. {self.name}"


class ProgrammeTrack(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)

    access = PUBLIC

    class Meta:
        verbose_name = _("spoor")
        verbose_name_plural = _("sporen")
        ordering = ["programme", "name"]
        constraints = [models.UniqueConstraint(fields=["programme", "name"], name="unique_track_name")]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """Gives a user a role: broker or colleague of an organisation, entrepreneur of an enterprise,
    steering-group member of a programme. A user may hold several memberships."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships",
        verbose_name=_("organisatie"),
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
    is_coordinator = models.BooleanField(
        _("coördinator van het team"), default=False,
        help_text=_("Ontvangt escalaties, bijvoorbeeld bij overschreden servicenormen."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.CheckConstraint(
                name="membership_anchor_matches_role",
                condition=(
                    Q(role=Role.BROKER, organisation__isnull=False, programme__isnull=True, enterprise__isnull=True)
                    | Q(role=Role.COLLEAGUE, organisation__isnull=False, programme__isnull=True,
                        enterprise__isnull=True)
                    | Q(role=Role.ENTREPRENEUR, enterprise__isnull=False, organisation__isnull=True,
                        programme__isnull=True)
                    | Q(role=Role.STEERING, programme__isnull=False, enterprise__isnull=True)
                ),
                violation_error_message=_(
                    "Een makelaar of collega hoort bij een organisatie, een ondernemer bij een onderneming "
                    "en een stuurgroeplid bij een programma."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "organisation", "programme", "enterprise"],
                name="unique_membership", nulls_distinct=False,
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self):
        anchor = self.organisation or self.programme or self.enterprise
        return f"{self.user} — {self.get_role_display()} — {anchor}"

    def clean(self):
        if self.role == Role.COLLEAGUE and not self.department:
            raise ValidationError({"department": _("Kies de afdeling van de collega.")})
        if self.role != Role.COLLEAGUE and self.department:
            raise ValidationError({"department": _("Alleen een collega hoort bij een afdeling.")})


def users_with_role(role, **anchor):
    """Active users holding ``role`` for an anchor, e.g. ``users_with_role(Role.BROKER,
    organisation=org_id)``; an anchor value may be a list (``organisation__in`` is used then).
    The one place that answers "who are the brokers (coordinators, entrepreneurs) of …"."""
    filters = {"memberships__role": role}
    for key, value in anchor.items():
        lookup = f"memberships__{key}"
        if isinstance(value, list | tuple | set | frozenset):
            lookup += "__in"
        filters[lookup] = value
    return User.objects.filter(is_active=True, **filters).distinct().order_by("last_name", "first_name", "username")
