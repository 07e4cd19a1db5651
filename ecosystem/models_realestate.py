"""Real estate (*vastgoed*, toolbox module 11): properties of an organisation, space requests of
entrepreneurs, matches (``ecosystem.matching``) and allocations that respect the Didam judgment
(``ecosystem.services_realestate.allocate``).

Rents, internal notes and justifications belong to the owner organisation (its brokers and its
real-estate colleagues, department ``vastgoed``). A published property is public without those
fields; an entrepreneur sees their own space requests, the published properties and the ones let
to their enterprise (view only: ``tenant_grant``)."""

import builtins
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, ENTREPRENEUR, AccessPolicy, Grant, ScopedQuerySet
from impactportal.accounts.constants import Department
from impactportal.dates import (
    LATEST_DATE_MESSAGE,
    NOT_ABSURDLY_FAR_AHEAD,
    NOT_BEFORE_1990,
    NOT_TOO_FAR_AHEAD,
    latest_date,
)
from impactportal.db.changes import changed_since_saved
from impactportal.links import reverse_with_id
from impactportal.money import euro
from impactportal.text import TEXT_MAX, LimitedTextField, short_date
from impactportal.uploads import UploadValidator

from .constants import (
    Procedure,
    PropertyType,
    SpaceRequestStatus,
    TenantKind,
)

MONEY = {"max_digits": 12, "decimal_places": 2}
NOT_NEGATIVE = [MinValueValidator(0)]
AREA = [MinValueValidator(1), MaxValueValidator(1_000_000)]
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024


# Named with the fields' labels as the form shows them; ``Property.clean`` puts it at the field.
AVAILABLE_UNTIL_BEFORE_FROM = _("'Beschikbaar tot en met' ligt vóór 'Beschikbaar vanaf'.")

# The allocations that let a property to their request's enterprise: the request the allocation
# settled ("Toegewezen"). A request withdrawn afterwards no longer makes its enterprise the tenant
# (the allocation still keeps the property off the market: ``ALLOCATED``).
LETTING = Q(space_request__status=SpaceRequestStatus.ALLOCATED)
# A letting is current until it is ended (``Allocation.ended_on``, ``services_realestate.end_letting``):
# only a current one keeps the property off the market and makes its enterprise the tenant.
CURRENT = Q(ended_on__isnull=True)


def tenant_grant(to_property: str = "") -> Grant:
    """The entrepreneurs of the enterprise a property is let to (``LETTING``) may view it (and rows
    that come with it, through ``to_property``): the property they were given, no longer public.
    View only: changes and the owner's internal fields stay with the owner's staff. The allocation
    and the enterprise are matched in one join, so a second request of the enterprise that got
    nothing (or a withdrawn one) grants nothing."""
    path = f"{to_property}__allocations" if to_property else "allocations"
    # One Q, filtered in one call (``access._by_keys``): enterprise, status and "not ended" are the
    # same allocation's. An ended letting grants nothing: the property is no longer theirs.
    return Grant(ENTREPRENEUR, via=f"{path}__space_request__enterprise",
                 condition=Q(**{f"{path}__space_request__status": SpaceRequestStatus.ALLOCATED,
                                f"{path}__ended_on__isnull": True}))


def _property_staff(org: str, dept: str) -> list[Grant]:
    """The owner organisation's brokers and its real-estate colleagues (department on the row).
    The colleagues create properties (their department is a new one's default); rows reached
    through a property (photos, allocations) come with their property."""
    return [Grant(BROKER, via=org), Grant(COLLEAGUE, via=org, department_field=dept, creates="__" not in dept)]


class Property(models.Model):
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="properties",
                                     verbose_name=_("eigenaar"))
    department = models.CharField(_("beheerd door afdeling"), max_length=20, choices=Department.choices,
                                  default=Department.VASTGOED)
    name = models.CharField(_("naam"), max_length=200)
    address = models.CharField(_("adres"), max_length=200)
    area = models.CharField(_("wijk of plaats"), max_length=100,
                            help_text=_("De wijk of plaats waarop aanvragen worden gematcht."))
    property_type = models.CharField(_("soort ruimte"), max_length=12, choices=PropertyType.choices)
    floor_area = models.DecimalField(_("vloeroppervlak (m²)"), max_digits=9, decimal_places=1, validators=AREA)
    market_rent = models.DecimalField(_("markthuur per maand"), validators=NOT_NEGATIVE, **MONEY)
    social_tariff = models.DecimalField(_("maatschappelijk tarief per maand"), null=True, blank=True,
                                        validators=NOT_NEGATIVE, **MONEY,
                                        help_text=_("Leeg als er geen maatschappelijk tarief geldt."))
    available_from = models.DateField(_("beschikbaar vanaf"), validators=[NOT_BEFORE_1990])
    # A long lease may end decades ahead: a sanity ceiling (fifty years), not a plan's horizon.
    available_until = models.DateField(_("beschikbaar tot en met"), null=True, blank=True,
                                       validators=[NOT_ABSURDLY_FAR_AHEAD])
    description = LimitedTextField(_("openbare omschrijving"), blank=True, max_length=TEXT_MAX)
    suitability_notes = LimitedTextField(_("geschiktheid (intern)"), blank=True, max_length=TEXT_MAX,
                                         help_text=_("Alleen zichtbaar voor de eigenaar."))
    is_published = models.BooleanField(_("gepubliceerd"), default=False,
                                       help_text=_("Zichtbaar voor ondernemers en bezoekers, zonder huur en notities."))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    # ``access`` is set below ``Allocation``: its public rows are the free ones (``FREE``).
    new_label = _("Nieuw pand")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("pand")
        verbose_name_plural = _("panden")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["is_published", "available_from"]),
                   models.Index(fields=["organisation", "area"]),
                   # The public list: published ones in list order, read in order with a LIMIT.
                   models.Index(fields=["name", "id"], condition=Q(is_published=True), name="property_published_order")]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__isnull=True) | Q(available_until__gte=models.F("available_from")),
                name="property_available_period",
                violation_error_message=AVAILABLE_UNTIL_BEFORE_FROM,
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:property-detail", self.pk)

    def clean(self):
        """The social tariff is a reduction: never above the market rent. The availability ends
        on or after it starts (the constraint's check, at the field "Beschikbaar tot en met", so
        the form, the admin and the API show it there)."""
        super().clean()
        errors = {}
        if (self.social_tariff is not None and self.market_rent is not None
                and self.social_tariff > self.market_rent):
            errors["social_tariff"] = _("Het maatschappelijk tarief is hoger dan de markthuur. Vul een tarief in "
                                        "dat gelijk is aan of lager is dan de markthuur.")
        if (isinstance(self.available_from, dt.date) and isinstance(self.available_until, dt.date)
                and self.available_until < self.available_from):
            errors["available_until"] = AVAILABLE_UNTIL_BEFORE_FROM
        # A property becomes available within a plan's horizon (five years, as a space request's
        # start): "31-12-9999" with no end was saved and read "beschikbaar vanaf 31-12-9999", and
        # ranked among the matches "2912063 dagen na de gewenste startdatum". Here, not a field
        # validator (that is a migration); a stored date that is left as it is still saves.
        if (isinstance(self.available_from, dt.date) and self.available_from > latest_date()
                and changed_since_saved(self, "available_from")):
            errors["available_from"] = LATEST_DATE_MESSAGE
        if self.pk:
            errors = self._letting_errors() | errors
        if errors:
            raise ValidationError(errors)

    def _letting_errors(self) -> dict:
        """A let property keeps what its letting rests on: the availability covers the current
        letting's start, the market rent stays at least the rent agreed (the letting's reduction),
        and the floor area stays as let (by any letting, ended ones too). Edited afterwards, the letting started outside the availability
        and the tenant mix (which reads the floor area) changed after the fact."""
        if not self.allocations.exists():
            return {}
        errors = {}
        # The floor area of any letting, ended ones too: the tenant mix counts them by it.
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("floor_area", flat=True).first()
        if stored is not None and self.floor_area is not None and self.floor_area != stored:
            # "250 m²" as the pages write an area (``floatformat:"-1g"``), not "250,0 m²"
            errors["floor_area"] = _("Het pand is verhuurd met %(area)s m²; de oppervlakte verandert niet meer.") % {
                "area": floatformat(stored, "-1g")}
        # The availability and the market rent: only the current letting's. After an ended one the
        # property is offered again, from a later date and at a new rent.
        letting = self.allocations.filter(CURRENT).order_by("-start_date", "-pk").first()
        if letting is None:
            return errors
        start = short_date(letting.start_date)
        if isinstance(self.available_from, dt.date) and self.available_from > letting.start_date:
            errors["available_from"] = _("Het pand is verhuurd vanaf %(date)s; de beschikbaarheid begint niet later.") % {
                "date": start}
        if isinstance(self.available_until, dt.date) and self.available_until < letting.start_date:
            errors["available_until"] = _("Het pand is verhuurd vanaf %(date)s; de beschikbaarheid eindigt niet "
                                          "eerder.") % {"date": start}
        if self.market_rent is not None and self.market_rent < letting.rent:
            errors["market_rent"] = _("De afgesproken huur is %(rent)s; de markthuur is niet lager.") % {
                "rent": euro(letting.rent)}
        return errors


class PropertyPhoto(models.Model):
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="photos", verbose_name=_("pand"))
    image = models.FileField(_("foto"), upload_to="properties/%Y/%m/",
                             validators=[UploadValidator(IMAGE_TYPES, PHOTO_MAX_BYTES)],
                             help_text=_("PNG of JPG, hooguit 5 MB."))
    caption = models.CharField(_("onderschrift"), max_length=200, blank=True)

    objects = ScopedQuerySet.as_manager()
    # ``access`` is set below ``Allocation``, as the property's.

    class Meta:
        verbose_name = _("foto van een pand")
        verbose_name_plural = _("foto's van panden")
        ordering = ["id"]

    def __str__(self):
        return self.caption or str(self.property)

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:property-photo", self.pk)


class SpaceRequest(models.Model):
    """An entrepreneur asks for space; the municipality of the enterprise handles the request."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="space_requests",
                                     verbose_name=_("gemeente"))
    department = models.CharField(_("behandeld door afdeling"), max_length=20, choices=Department.choices,
                                  default=Department.VASTGOED)
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="space_requests",
                                   verbose_name=_("onderneming"))
    min_area = models.DecimalField(_("minimaal oppervlak (m²)"), max_digits=9, decimal_places=1, validators=AREA)
    max_area = models.DecimalField(_("maximaal oppervlak (m²)"), max_digits=9, decimal_places=1, validators=AREA)
    property_type = models.CharField(_("soort ruimte"), max_length=12, choices=PropertyType.choices, blank=True,
                                     help_text=_("Leeg: elke soort is goed."))
    budget = models.DecimalField(_("budget per maand"), validators=NOT_NEGATIVE, **MONEY)
    area = models.CharField(_("gewenste wijk of plaats"), max_length=100, blank=True)
    start_date = models.DateField(_("gewenste startdatum"), validators=[NOT_TOO_FAR_AHEAD])
    purpose = LimitedTextField(_("waarvoor"), max_length=TEXT_MAX,
                               help_text=_("Wat u in de ruimte gaat doen, en voor wie."))
    status = models.CharField(_("status"), max_length=12, choices=SpaceRequestStatus.choices,
                              default=SpaceRequestStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("ingediend door"))
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation",
        view=[*_property_staff("organisation", "department"), Grant(ENTREPRENEUR, via="enterprise")],
        change=[*_property_staff("organisation", "department"),
                Grant(ENTREPRENEUR, via="enterprise", condition=Q(status=SpaceRequestStatus.OPEN))],
        actions={"respond": [Grant(ENTREPRENEUR, via="enterprise", condition=Q(status=SpaceRequestStatus.OPEN))],
                 "allocate": _property_staff("organisation", "department")},
    )
    new_label = _("Nieuwe ruimtevraag")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("ruimtevraag")
        verbose_name_plural = _("ruimtevragen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(max_area__gte=models.F("min_area")), name="space_request_area_range",
                                   violation_error_message=_("Het maximale oppervlak is kleiner dan het minimale.")),
        ]

    def __str__(self):
        return _("Ruimtevraag van %(enterprise)s") % {"enterprise": self.enterprise}

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:space-request-detail", self.pk)

    def clean(self):
        """A new request (or a new start date) starts today or later: a past date made every match
        "available 2590 days after the desired start". A request whose date has since passed still
        saves as long as its date stays the same. The area range is the constraint's rule, reported
        on ``max_area`` as the other ranges are on their end field (the form and the API agree)."""
        super().clean()
        errors = {}
        low, high = self.min_area, self.max_area
        if isinstance(low, Decimal) and isinstance(high, Decimal) and high < low:
            errors["max_area"] = _("Het maximale oppervlak is kleiner dan het minimale.")
        if (isinstance(self.start_date, dt.date) and self.start_date < timezone.localdate()
                and changed_since_saved(self, "start_date")):
            errors["start_date"] = _("De gewenste startdatum ligt in het verleden. Kies vandaag of een latere datum.")
        if errors:
            raise ValidationError(errors)


class PropertyResponse(models.Model):
    """The entrepreneur says a matching published property interests them."""

    space_request = models.ForeignKey(SpaceRequest, on_delete=models.CASCADE, related_name="responses",
                                      verbose_name=_("ruimtevraag"))
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="responses", verbose_name=_("pand"))
    message = models.CharField(_("bericht"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("gereageerd op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="space_request__organisation",
        view=[*_property_staff("space_request__organisation", "space_request__department"),
              Grant(ENTREPRENEUR, via="space_request__enterprise")],
        change=[Grant(ENTREPRENEUR, via="space_request__enterprise")],
    )

    class Meta:
        verbose_name = _("reactie op een pand")
        verbose_name_plural = _("reacties op panden")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["space_request", "property"], name="property_response_once",
                                               violation_error_message=_("U heeft al op dit pand gereageerd."))]

    def __str__(self):
        return f"{self.space_request} → {self.property}"

    def get_absolute_url(self):
        return self.space_request.get_absolute_url()


class Allocation(models.Model):
    """A property let to an enterprise for a space request, with the rent agreed and the Didam
    record: an open procedure (reference, publication date, candidates) or a justified exception
    (justification, decided by, date). Created only by ``services_realestate.allocate``."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="allocations",
                                     verbose_name=_("eigenaar"))
    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="allocations",
                                 verbose_name=_("pand"))
    space_request = models.ForeignKey(SpaceRequest, on_delete=models.PROTECT, related_name="allocations",
                                      verbose_name=_("ruimtevraag"))
    rent = models.DecimalField(_("afgesproken huur per maand"), validators=NOT_NEGATIVE, **MONEY)
    market_rent = models.DecimalField(_("markthuur per maand (bij toewijzing)"), validators=NOT_NEGATIVE, **MONEY)
    tenant_kind = models.CharField(_("soort huurder"), max_length=12, choices=TenantKind.choices,
                                   default=TenantKind.SOCIAL)
    start_date = models.DateField(_("ingangsdatum"))
    procedure = models.CharField(_("procedure"), max_length=12, choices=Procedure.choices)
    procedure_reference = models.CharField(_("kenmerk van de procedure"), max_length=100, blank=True)
    publication_date = models.DateField(_("gepubliceerd op"), null=True, blank=True)
    candidates = models.PositiveIntegerField(_("aantal gegadigden"), null=True, blank=True,
                                             validators=[MaxValueValidator(10_000)])
    justification = LimitedTextField(_("motivering van de uitzondering"), blank=True, max_length=TEXT_MAX)
    decided_by = models.CharField(_("besloten door"), max_length=200, blank=True,
                                  help_text=_("Een functie of orgaan, bijvoorbeeld 'college van B&W'."))
    decision_date = models.DateField(_("besloten op"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("vastgelegd door"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    # Empty while the letting is current (``CURRENT``); registered after the fact
    # (``services_realestate.end_letting``): then the property is on offer again.
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden van beëindiging"), max_length=200, blank=True,
                                  help_text=_("Bijvoorbeeld 'huurder vertrokken'."))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="organisation", view=_property_staff("organisation", "property__department"),
        change=_property_staff("organisation", "property__department"),
        actions={
            # Ending the letting (``services_realestate.end_letting``): as ``change``.
            "end": _property_staff("organisation", "property__department"),
            # The terms the tenant agreed to (property, start date, the rent their enterprise pays,
            # the owner to contact), shown on their space request: the owner's staff, and the
            # entrepreneurs of the enterprise the allocation lets the property to (``LETTING``).
            # Not the allocation itself (market rent, Didam record): that stays ``view``. An ended
            # letting's terms stay theirs to read, with its end (the property itself does not).
            "terms": [*_property_staff("organisation", "property__department"),
                      Grant(ENTREPRENEUR, via="space_request__enterprise", condition=LETTING)],
        },
    )

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["organisation", "start_date"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(procedure=Procedure.OPEN) & ~Q(procedure_reference="") & Q(publication_date__isnull=False)
                           & Q(candidates__isnull=False))
                | (Q(procedure=Procedure.EXCEPTION) & ~Q(justification="") & ~Q(decided_by="")
                   & Q(decision_date__isnull=False)),
                name="allocation_didam_record",
                violation_error_message=_("Een toewijzing vraagt een openbare procedure of een gemotiveerde uitzondering."),
            ),
        ]

    def __str__(self):
        return f"{self.property} → {self.space_request.enterprise}"

    def get_absolute_url(self):
        return reverse_with_id("ecosystem:allocation-detail", self.pk)

    def clean(self):
        """An end is registered after the fact: on or after the start, and not after today."""
        super().clean()
        errors = ending_errors(start_date=self.start_date, ended_on=self.ended_on)
        if errors:
            raise ValidationError(errors)

    @builtins.property
    def monthly_benefit(self):
        """Below market rent: the difference is a subsidy-like benefit (per month)."""
        return max(self.market_rent - self.rent, 0)

    @builtins.property
    def yearly_benefit(self):
        return self.monthly_benefit * 12


def ending_errors(*, start_date, ended_on) -> dict[str, str]:
    """Field errors of the end of a letting (empty when it holds): not before the letting started,
    and not after today (an end is registered once it has happened)."""
    if not isinstance(ended_on, dt.date):
        return {}
    if isinstance(start_date, dt.date) and ended_on < start_date:
        return {"ended_on": _("De verhuur begon op %(date)s; de einddatum ligt niet eerder.") % {
            "date": short_date(start_date)}}
    if ended_on > timezone.localdate():
        return {"ended_on": _("De einddatum ligt na vandaag. Een verhuur wordt beëindigd nadat die is afgelopen: "
                              "vul de datum in waarop de huurder is vertrokken.")}
    return {}


def current_lettings(prop_ref):
    """The current (not ended) allocations of a property; ``prop_ref`` is a property, its pk or an
    ``OuterRef``. At most one: ``services_realestate.allocate`` lets a property once at a time."""
    return Allocation.objects.filter(CURRENT, property=prop_ref)


# A current allocation lets the property: while it lasts the property is no longer on offer.
# Outside its owner (the brokers and real-estate colleagues) nobody sees it any more (but its
# tenant), and matching leaves it out. An EXISTS over the current allocations, so "an allocation
# that is current" is one row (a negated to-many lookup with two conditions is not: Django's
# exclude may match them on different rows), and no join repeats a property.
class LetNow(models.Expression):
    """``EXISTS`` (a current allocation of the property at ``ref``): an ``Exists`` built when a query
    uses it (the models are not loaded yet when this module defines ``ALLOCATED``)."""

    conditional = True
    output_field = models.BooleanField()

    def __init__(self, ref: str = "pk"):
        super().__init__(output_field=models.BooleanField())
        self.ref = ref

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        return models.Exists(current_lettings(models.OuterRef(self.ref))).resolve_expression(
            query, allow_joins, reuse, summarize, for_save)


ALLOCATED = Q(LetNow())
FREE = ~ALLOCATED

# Set here, below ``Allocation``: the public rows are the published free ones.
Property.access = AccessPolicy(
    owner="organisation", public=Q(is_published=True) & FREE,
    view=[*_property_staff("organisation", "department"), tenant_grant()],
    change=_property_staff("organisation", "department"),
    actions={"internal": _property_staff("organisation", "department"),
             "allocate": _property_staff("organisation", "department")})
PropertyPhoto.access = AccessPolicy(
    owner="property__organisation",
    public=Q(property__is_published=True) & ~Q(LetNow("property")),
    view=[*_property_staff("property__organisation", "property__department"), tenant_grant("property")],
    change=_property_staff("property__organisation", "property__department"))


def letting_allocations(prop_ref):
    """A property's current allocations that let it to their request's enterprise (``LETTING``,
    ``CURRENT``), newest first: the first names its tenant. ``prop_ref`` is a property or
    ``OuterRef("pk")``. An ended letting names no tenant any more."""
    return Allocation.objects.filter(LETTING, CURRENT, property=prop_ref).order_by("-start_date", "-id")


def with_tenant(queryset):
    """Each property with ``tenant_pk`` and ``tenant_name``: the enterprise it is let to (``None``
    when none), two subqueries in the list's own query (no query per row). Who may read them is the
    caller's decision: the owner's staff, and the tenant's own entrepreneurs."""
    current = letting_allocations(models.OuterRef("pk"))
    return queryset.annotate(
        tenant_pk=models.Subquery(current.values("space_request__enterprise_id")[:1]),
        tenant_name=models.Subquery(current.values("space_request__enterprise__name")[:1]))
