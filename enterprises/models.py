import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from brokers.constants import OPEN_STATUSES
from impactportal.access import (
    ANYWHERE,
    BROKER,
    COLLEAGUE,
    ENTREPRENEUR,
    PARTNER,
    PUBLIC,
    AccessPolicy,
    Grant,
    ScopedQuerySet,
)
from impactportal.db.changes import changed_since_saved
from impactportal.links import reverse_with_id
from impactportal.privacy import ERASED, PersonalData
from impactportal.text import (
    LONG_TEXT_MAX,
    TEXT_MAX,
    AsciiDigitsRegexValidator,
    LimitedTextField,
    in_page_language,
    short_date,
)
from impactportal.uploads import UploadValidator

from . import checks
from .constants import (
    SDG_NAMES,
    AdmissionMode,
    AdmissionRoute,
    AdmissionStatus,
    CertificationSource,
    CertificationStatus,
    ContactKind,
    EnterpriseType,
    LegalForm,
    Scheme,
    Stage,
)

# [0-9], not \d: Python's \d also matches fullwidth and other Unicode digits.
kvk_validator = AsciiDigitsRegexValidator(r"^[0-9]{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))
# Employee counts: a plausible ceiling (the largest Dutch employers have some 100,000 people), so
# a slip of the keyboard ("3000000000") is refused instead of shown as the enterprise's size.
COUNT_MAX = 1_000_000
COUNT_MAX_MESSAGE = _("Vul een aantal in van hooguit 1.000.000.")
count_validators = [MaxValueValidator(COUNT_MAX, message=COUNT_MAX_MESSAGE)]
FIRST_FOUNDING_YEAR = 1800


def this_year() -> int:
    return timezone.localdate().year


# A founding year from 1800 up to this year, each bound with a sentence that says what to fill in:
# the positive column's own "at least 0" answered −5, and a year like 2031 was caught only by clean().
founding_year_validators = [
    MinValueValidator(FIRST_FOUNDING_YEAR, message=_("Vul het jaar in waarin de onderneming is opgericht, vanaf "
                                                     "%(limit_value)s.")),
    MaxValueValidator(this_year, message=_("Het oprichtingsjaar ligt in de toekomst.")),
]


# Dutch postcode: four digits (no leading zero), optional space, two capitals (SA, SD, SS unused).
postcode_validator = AsciiDigitsRegexValidator(
    r"^[1-9][0-9]{3} ?(?!SA|SD|SS)[A-Z]{2}$", _("Vul een Nederlandse postcode in, zoals 2011 AB.")
)


SHOWCASE = Q(is_published=True, admission_status=AdmissionStatus.ADMITTED)
# Certificates shown to visitors: of showcase enterprises, verified and not (yet) expired. The
# daily job moves past end dates to "expired". "Expiring" says nothing about verification: an
# unverified certificate within 60 days of its end date has that status too (``checks.compute_status``)
# and was shown to visitors as one of the enterprise's certificates: that one needs ``verified_at``.
PUBLIC_CERTIFICATE_STATUSES = (CertificationStatus.VERIFIED, CertificationStatus.EXPIRING)
VERIFIED_CERTIFICATES = Q(status=CertificationStatus.VERIFIED) | Q(status=CertificationStatus.EXPIRING,
                                                                    verified_at__isnull=False)
PUBLIC_CERTIFICATES = Q(
    VERIFIED_CERTIFICATES, enterprise__is_published=True, enterprise__admission_status=AdmissionStatus.ADMITTED,
)

# Certificates kept by hand (not the badge the admission issues): the ones a change may touch.
HAND_KEPT = ~Q(source=CertificationSource.ADMISSION)


def normalise_postcode(value: str) -> str:
    compact = (value or "").replace(" ", "").upper()
    return f"{compact[:4]} {compact[4:]}" if len(compact) == 6 else (value or "").strip().upper()


class ManagedListItem(models.Model):
    """An entry of a list administrators manage in the admin (themes, offering categories)."""

    slug = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=100)
    name_en = models.CharField(_("naam in het Engels"), max_length=100, blank=True,
                               help_text=_("Getoond op Engelstalige pagina's; leeg: de Nederlandse naam."))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    access = PUBLIC

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        # Managed lists are data, not code: their English name is a field, chosen by the page's language.
        return in_page_language(self.name, self.name_en)


class ImpactTheme(ManagedListItem):
    """Managed list of impact themes (labour participation, circular economy, …)."""

    class Meta(ManagedListItem.Meta):
        verbose_name = _("impactthema")
        verbose_name_plural = _("impactthema's")


class Sdg(models.Model):
    """The 17 Sustainable Development Goals; the primary key is the goal's number."""

    number = models.PositiveSmallIntegerField(_("nummer"), primary_key=True,
                                              validators=[MinValueValidator(1), MaxValueValidator(17)])
    name = models.CharField(_("naam"), max_length=100)

    access = PUBLIC

    class Meta:
        verbose_name = _("SDG")
        verbose_name_plural = _("SDG's")
        ordering = ["number"]

    def __str__(self):
        # The 17 goals are fixed: show the translated name; the stored one is the Dutch fallback.
        return f"{self.number}. {SDG_NAMES.get(self.number, self.name)}"


class OfferingCategory(ManagedListItem):
    """Managed list of offering categories, shared with procurement matching."""

    class Meta(ManagedListItem.Meta):
        verbose_name = _("aanbodcategorie")
        verbose_name_plural = _("aanbodcategorieën")


def handlers_of_open_cases(path: str) -> list[Grant]:
    """Grants for the staff handling an open helpdesk case about the enterprise at ``path`` ("" from
    the enterprise, "enterprise__" from its contact persons), in the organisation the case was put
    to, which need not be the enterprise's municipality: its brokers and network partner, and its
    colleagues of the department the case was referred to (who handles a case: ``Case.access``).
    They read the enterprise's contact persons to pick the case up, while it is open (``Case.is_open``:
    new, in progress, referred, waiting for the entrepreneur); a resolved or closed case gives
    nothing (reopened, it is open again). The grants go through a to-many relation (an enterprise
    has many cases): the access module matches them by key, and each grant's organisation,
    department, status and "not its municipality" are conditions on the same case (one filter; a
    negated condition would ask about every case of the enterprise instead, hence ``lt``/``gt``).
    Cases at the enterprise's own municipality are left out: its staff read the people anyway, and
    a broker's keys stay the few enterprises with a case put to them from elsewhere (not every
    enterprise of the municipality with an open case), so the page asks once for both grants."""
    cases, municipality = f"{path}helpdesk_cases", F(f"{path}municipality")
    is_open = Q(**{f"{cases}__status__in": OPEN_STATUSES}) & (
        Q(**{f"{cases}__organisation__lt": municipality}) | Q(**{f"{cases}__organisation__gt": municipality}))
    return [Grant(BROKER, via=f"{cases}__organisation", condition=is_open),
            Grant(PARTNER, via=f"{cases}__organisation", condition=is_open),
            Grant(COLLEAGUE, via=f"{cases}__organisation", department_field=f"{cases}__referred_department",
                  condition=is_open)]


# Letters NFKD does not take apart (ø is no o with a mark), and the apostrophes of "’s-Hertogenbosch".
_FOLD_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ı": "i",
                             "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss",
                             "’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def search_fold(text: str) -> str:
    """Text as the free-text search compares it: without diacritics and upper-cased, so
    "coöperatie", "Café" and "CURAÇAO" are "COOPERATIE", "CAFE" and "CURACAO". The search term is
    folded the same way, so "cafe" finds "Café X" and "café" finds "Cafe X"."""
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


# The name and the place, one per line: a term never matches across the two (as the separate
# name and place searches did), and a name-only search can anchor on the first line.
SEARCH_SEPARATOR = "\n"
SEARCH_SOURCES = frozenset({"name", "city"})  # the columns ``search_text`` is made of


def search_text_of(name: str, city: str) -> str:
    return f"{search_fold(name)}{SEARCH_SEPARATOR}{search_fold(city)}"


def name_search_regex(term: str) -> str:
    """A regular expression for ``search_text`` that finds ``term`` in the name alone (the first
    line), diacritics and case aside; PostgreSQL's trigram index serves it as it serves LIKE. The
    punctuation is escaped, the same way for PostgreSQL and Python (SQLite)."""
    return "^[^\n]*" + re.sub(r"([^\w\s])", r"\\\1", search_fold(term))


class EnterpriseQuerySet(ScopedQuerySet):
    # ``search_text`` follows the name and the place on every write path: ``save``, and here the
    # bulk ones (the national seed) and ``update``, which no ``save`` sees.
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.search_text = search_text_of(obj.name, obj.city)
        update_fields = kwargs.get("update_fields")
        if update_fields and SEARCH_SOURCES & set(update_fields) and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        if SEARCH_SOURCES & set(fields):
            objs = list(objs)
            for obj in objs:
                obj.search_text = search_text_of(obj.name, obj.city)
            if "search_text" not in fields:
                fields = [*fields, "search_text"]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        if not SEARCH_SOURCES & kwargs.keys():
            return super().update(**kwargs)
        with transaction.atomic(using=self.db):
            # The rows before the update: its filter may name the very column it changes.
            pks = list(self.values_list("pk", flat=True))
            count = super().update(**kwargs)
            rows = self.model._default_manager.using(self.db)
            for start in range(0, len(pks), 2000):
                refresh_search_text(rows.filter(pk__in=pks[start:start + 2000]))
        return count

    def with_theme_list(self):
        """Each enterprise with ``theme_list``, its themes' names (``theme_lists``)."""
        from .theme_lists import ThemeListIterable

        clone = self._chain()
        clone._iterable_class = ThemeListIterable
        return clone

    def reserved_eligible(self, today=None):
        """Mirror of ``checks.reserved_contract_eligibility`` as a filter (valid, verified PSO 30+, or
        the counts say at least 30%)."""
        today = today or timezone.localdate()
        pso30 = Certification.objects.filter(enterprise=OuterRef("pk"), scheme=Scheme.PSO_30,
                                             verified_at__isnull=False).valid(today)
        return self.alias(
            _pso30=Exists(pso30), _d10=F("disadvantaged_count") * 10, _h3=F("headcount") * 3
        ).filter(Q(_pso30=True) | Q(headcount__gt=0, _d10__gte=F("_h3")))


class Enterprise(models.Model):
    """An (impact) enterprise in the register. The showcase shows admitted, published ones."""

    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[kvk_validator],
        help_text=_("Het nummer van de inschrijving bij de Kamer van Koophandel: 8 cijfers."),
        error_messages={"unique": _("Er staat al een onderneming met dit KvK-nummer in het register.")},
    )
    legal_form = models.CharField(_("rechtsvorm"), max_length=20, choices=LegalForm.choices, blank=True)
    address = models.CharField(_("adres"), max_length=200, blank=True, help_text=_("Straat en huisnummer."))
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[postcode_validator],
                                help_text=_("Bijvoorbeeld 2011 AB."))
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    municipality = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("gemeente")
    )
    website = models.URLField(_("website"), blank=True)
    founding_year = models.PositiveSmallIntegerField(
        _("oprichtingsjaar"), null=True, blank=True, validators=founding_year_validators
    )
    stage = models.CharField(_("fase"), max_length=20, choices=Stage.choices, blank=True)
    enterprise_type = models.CharField(
        _("soort onderneming"), max_length=20, choices=EnterpriseType.choices, default=EnterpriseType.IMPACT_FIRST,
        help_text=_("Impact first: impact is het doel en het verdienmodel dient dat doel (sociale onderneming). "
                    "Impact second: een reguliere onderneming met aanzienlijke impact. Regulier mkb: een gewone "
                    "onderneming uit het midden- en kleinbedrijf, bijvoorbeeld een leverancier die via SROI "
                    "meedoet. SW-bedrijf: een sociaal werkbedrijf (sociale werkvoorziening)."))
    themes = models.ManyToManyField(ImpactTheme, blank=True, related_name="enterprises",
                                    verbose_name=_("impactthema's"))
    sdgs = models.ManyToManyField(Sdg, blank=True, related_name="enterprises", verbose_name=_("SDG's"))
    # Counts only: the portal never holds personal data about the people these numbers describe.
    headcount = models.PositiveIntegerField(_("aantal medewerkers"), null=True, blank=True,
                                            validators=count_validators)
    disadvantaged_count = models.PositiveIntegerField(
        _("medewerkers met afstand tot de arbeidsmarkt"), null=True, blank=True, validators=count_validators,
        help_text=_("Alleen het aantal; nooit namen of andere gegevens van deze medewerkers."),
    )
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    is_published = models.BooleanField(
        _("gepubliceerd in de etalage"), default=False,
        help_text=_("Alleen toegelaten ondernemingen verschijnen in de etalage."),
    )
    admission_status = models.CharField(
        _("toelating"), max_length=20, choices=AdmissionStatus.choices, default=AdmissionStatus.NOT_APPLIED
    )
    applied_at = models.DateTimeField(_("aangevraagd op"), null=True, blank=True)
    admission_decided_at = models.DateTimeField(_("besluit op"), null=True, blank=True)
    admission_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("besloten door"),
    )
    admission_reasons = LimitedTextField(_("motivering besluit"), blank=True, max_length=TEXT_MAX)
    # How an admitted enterprise got in (empty while not admitted): a committee admission is never
    # withdrawn automatically; one on a label is, when that label lapses and no other accepted one
    # is valid (``admission.sweep``).
    admission_route = models.CharField(_("toegelaten via"), max_length=12, choices=AdmissionRoute.choices,
                                       blank=True)
    admission_certificate = models.ForeignKey(
        "Certification", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("toegelaten op keurmerk"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Name and place folded for the free-text search (``search_fold``): diacritics and case do not
    # count. Kept by ``save`` and the queryset's bulk paths; a trigram index on PostgreSQL
    # (migration 0013), as ``unaccent()`` cannot be indexed.
    search_text = models.TextField(_("zoektekst"), editable=False, blank=True, default="")

    objects = EnterpriseQuerySet.as_manager()
    # The register is shared by every broker and colleague (a KvK registration is public
    # business data); changes belong to the brokers of the enterprise's municipality and to
    # the enterprise's own entrepreneurs.
    access = AccessPolicy(
        owner="municipality",
        view=[Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE), Grant(PARTNER, via=ANYWHERE),
              Grant(ENTREPRENEUR, via="pk")],
        change=[Grant(BROKER), Grant(ENTREPRENEUR, via="pk")],
        public=SHOWCASE,
        actions={
            # The dossier (all certificates, history): staff and the enterprise's own people;
            # visitors see a showcase enterprise through the public page.
            "dossier": [Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE), Grant(PARTNER, via=ANYWHERE),
                        Grant(ENTREPRENEUR, via="pk")],
            # The register as a working list: brokers, colleagues and the network partners that run
            # a municipality's desk (they read it like a broker; changes and decisions stay with
            # the municipality's brokers).
            "register": [Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE), Grant(PARTNER, via=ANYWHERE)],
            # Admission review and decision, and removal from the register: the municipality's brokers.
            "decide": [Grant(BROKER)],
            # The reasons of the admission decision (written to the entrepreneur: "Motivering"):
            # the municipality's own staff, its desk and the enterprise's entrepreneurs. Other
            # municipalities' staff read the status and the route in the shared register, not
            # why Haarlem rejected someone (as a certificate's notes stay with its municipality).
            "admission_reasons": [Grant(BROKER), Grant(COLLEAGUE), Grant(PARTNER), Grant(ENTREPRENEUR, via="pk")],
            # Its contact persons (personal data): the same people as ``ContactPerson.access.view``.
            # Staff of other municipalities read the enterprise in the shared register, not its people,
            # unless an open helpdesk case about it was put to their organisation.
            "contact_persons": [Grant(BROKER), Grant(COLLEAGUE), Grant(PARTNER), Grant(ENTREPRENEUR, via="pk"),
                                *handlers_of_open_cases("")],
            "delete": [Grant(BROKER)],
            # Act on behalf of the enterprise (ask the helpdesk, its own pages): its entrepreneurs.
            "represent": [Grant(ENTREPRENEUR, via="pk")],
            # Keep its impact measurement (method, report, self-declared figures): the brokers of
            # its municipality and its own entrepreneurs; the page is 404 for everyone else.
            "impact": [Grant(BROKER), Grant(ENTREPRENEUR, via="pk")],
        },
        personal=("represent",),
    )
    new_label = _("Nieuwe onderneming")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("onderneming")
        verbose_name_plural = _("ondernemingen")
        ordering = ["name", "id"]  # a total order: pages never share or skip rows that tie on name
        # Free-text search (icontains) has GIN trigram indexes on PostgreSQL (migration 0005), and
        # matching partial indexes by capacity (0006): PostgreSQL only, SQLite refuses NULLS LAST.
        indexes = [
            models.Index(fields=["name", "id"]),
            models.Index(fields=["municipality", "name", "id"]),
            models.Index(fields=["admission_status", "is_published"]),
            models.Index(fields=["enterprise_type", "name"]),
            models.Index(fields=["stage"]),
            models.Index(fields=["-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(disadvantaged_count__isnull=True) | Q(headcount__isnull=True)
                | Q(disadvantaged_count__lte=F("headcount")),
                name="disadvantaged_not_above_headcount",
                violation_error_message=_("Er kunnen niet meer medewerkers met afstand zijn dan medewerkers."),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = search_text_of(self.name, self.city)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and SEARCH_SOURCES & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse_with_id("enterprises:detail", self.pk)

    def clean_fields(self, exclude=None):
        # Normalise before the validators run, so "2011ab" is valid in forms, API and imports alike.
        self.postcode = normalise_postcode(self.postcode)
        super().clean_fields(exclude)

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        # The fields the caller leaves unchecked: a form leaves out a field that failed its own check
        # (a negative headcount), whose value is then missing here, not empty (``clean``).
        self._unchecked = set(exclude or ())
        try:
            super().full_clean(exclude=exclude, validate_unique=validate_unique,
                               validate_constraints=validate_constraints)
        finally:
            self._unchecked = set()

    def clean(self):
        super().clean()
        # Every problem at once: the founding year was reported only after the counts were fixed.
        errors = {}
        # A headcount typed but refused (−3) has its own error: "fill it in too" was said of it as well.
        headcount_refused = "headcount" in getattr(self, "_unchecked", ())
        if (self.disadvantaged_count is not None and self.headcount is None and not headcount_refused
                and changed_since_saved(self, "headcount", "disadvantaged_count")):
            errors["headcount"] = ngettext(
                "Vul ook het aantal medewerkers in: daarvan is er %(n)s met een afstand tot de arbeidsmarkt.",
                "Vul ook het aantal medewerkers in: daarvan zijn er %(n)s met een afstand tot de arbeidsmarkt.",
                self.disadvantaged_count) % {"n": self.disadvantaged_count}
        elif (self.headcount is not None and self.disadvantaged_count is not None
                and self.headcount < self.disadvantaged_count <= COUNT_MAX):  # above it: its own error
            errors["disadvantaged_count"] = _("Dit aantal kan niet hoger zijn dan het aantal medewerkers.")
        if errors:
            raise ValidationError(errors)

    @property
    def postal_address(self) -> str:
        """"Oudeweg 12, 2031 CC Haarlem" with the parts that are filled in (a postcode alone read
        ", 2011 AB")."""
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return ", ".join(part for part in (self.address, place) if part)

    @property
    def in_showcase(self) -> bool:
        return self.is_published and self.admission_status == AdmissionStatus.ADMITTED


def refresh_search_text(queryset, batch: int = 2000) -> int:
    """Recompute ``search_text`` of the enterprises of ``queryset``, in batches by key."""
    done, last = 0, 0
    rows = queryset.order_by("pk").only("pk", "name", "city")
    while chunk := list(rows.filter(pk__gt=last)[:batch]):
        for enterprise in chunk:
            enterprise.search_text = search_text_of(enterprise.name, enterprise.city)
        queryset.model._default_manager.db_manager(queryset.db).bulk_update(chunk, ["search_text"], batch_size=500)
        done, last = done + len(chunk), chunk[-1].pk
    return done


class ContactPerson(models.Model):
    """A business contact of the enterprise (not an employee record).

    Names, e-mail addresses and phone numbers are personal data (AVG): unlike the register they
    are not shared with every municipality. They are for the enterprise's own entrepreneurs and
    for the brokers, colleagues and network partner of the enterprise's municipality (the
    organisation responsible for it), mirrored by the enterprise's ``contact_persons`` action.
    No role reaches them across municipalities: the regional SROI coordinator has no register
    (its contracts name their own contacts, ``ContractContact``) and the steering group reads
    figures, not people; a broker of another municipality reads the enterprise, not its people.
    The one exception is a helpdesk case about the enterprise put to another organisation: while
    it is open, the staff handling it there read the contact persons (``handlers_of_open_cases``).
    """

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="contact_persons",
                                   verbose_name=_("onderneming"))
    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("functie"), max_length=100, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="enterprise",
        view=[Grant(BROKER, via="enterprise__municipality"), Grant(COLLEAGUE, via="enterprise__municipality"),
              Grant(PARTNER, via="enterprise__municipality"), Grant(ENTREPRENEUR),
              *handlers_of_open_cases("enterprise__")],
        change=[Grant(BROKER, via="enterprise__municipality"), Grant(ENTREPRENEUR)],
    )
    # manage.py person_data / erase_person: found by e-mail address; erasure wipes the person.
    personal_data = PersonalData(email="email", erase={"name": ERASED, "email": "", "phone": ""})

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Offering(models.Model):
    """A product or service an enterprise sells; categories feed procurement matching."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="offerings",
                                   verbose_name=_("onderneming"))
    name = models.CharField(_("product of dienst"), max_length=200)
    category = models.ForeignKey(OfferingCategory, on_delete=models.PROTECT, related_name="offerings",
                                 verbose_name=_("categorie"))
    description = LimitedTextField(_("omschrijving"), blank=True, max_length=TEXT_MAX)
    price_indication = models.CharField(_("prijsindicatie"), max_length=100, blank=True,
                                        help_text=_("Bijvoorbeeld: vanaf € 45 per uur, of op aanvraag."))

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(
        owner="enterprise",
        view=[Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE), Grant(PARTNER, via=ANYWHERE),
              Grant(ENTREPRENEUR)],
        change=[Grant(BROKER, via="enterprise__municipality"), Grant(ENTREPRENEUR)],
        public=Q(enterprise__is_published=True, enterprise__admission_status=AdmissionStatus.ADMITTED),
    )

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["name"]
        indexes = [models.Index(fields=["category", "enterprise"])]

    def __str__(self):
        return self.name


class CertificationQuerySet(ScopedQuerySet):
    def valid(self, today=None):
        """Mirror of ``checks.is_valid``: not revoked/disputed and not past the end date."""
        today = today or timezone.localdate()
        return self.exclude(status__in=checks.STICKY_STATUSES).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=today)
        )


def evidence_path(instance, filename):
    return f"certificates/{instance.enterprise_id}/{filename}"


class Certification(models.Model):
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="certifications",
                                   verbose_name=_("onderneming"))
    scheme = models.CharField(_("keurmerk of certificaat"), max_length=20, choices=Scheme.choices)
    number = models.CharField(_("certificaatnummer"), max_length=40, blank=True)
    issuer = models.CharField(_("uitgegeven door"), max_length=200, blank=True)
    issued_on = models.DateField(_("uitgegeven op"), null=True, blank=True)
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    evidence = models.FileField(
        _("bewijs"), upload_to=evidence_path, blank=True, validators=[UploadValidator()],
        help_text=_("PDF, PNG of JPG, maximaal 5 MB. Alleen zichtbaar voor makelaars en uw eigen onderneming."),
    )
    status = models.CharField(_("status"), max_length=12, choices=CertificationStatus.choices,
                              default=CertificationStatus.UNVERIFIED)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("geverifieerd door"))
    verified_at = models.DateTimeField(_("geverifieerd op"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=12, choices=CertificationSource.choices,
                              default=CertificationSource.MANUAL)
    notes = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = CertificationQuerySet.as_manager()
    access = AccessPolicy(
        owner="enterprise",
        view=[Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE), Grant(PARTNER, via=ANYWHERE),
              Grant(ENTREPRENEUR)],
        # Not the platform's own SROI badge (``services.issue_badge``): it follows the admission
        # (its end date is the bridge year's), and deleted or extended by hand a re-admission gave
        # a fresh verified year. Verifying, revoking and disputing it stay the brokers' decisions.
        change=[Grant(BROKER, via="enterprise__municipality", condition=HAND_KEPT),
                Grant(ENTREPRENEUR, condition=HAND_KEPT)],
        public=PUBLIC_CERTIFICATES,
        actions={
            # Verify, revoke or dispute: the brokers of the enterprise's municipality.
            "verify": [Grant(BROKER, via="enterprise__municipality")],
            # The evidence file and the notes belong to the enterprise and its municipality's
            # brokers; the public part of a certificate is scheme, number, validity and status.
            "evidence": [Grant(BROKER, via="enterprise__municipality"), Grant(ENTREPRENEUR)],
            # The change history names people: staff and the enterprise's own entrepreneurs.
            "history": [Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE), Grant(PARTNER, via=ANYWHERE),
                        Grant(ENTREPRENEUR)],
        },
    )

    class Meta:
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")
        ordering = ["valid_until", "scheme", "id"]
        indexes = [
            models.Index(fields=["valid_until", "scheme", "id"]),  # the list's order: no sort of every row
            models.Index(fields=["scheme", "status", "valid_until"]),
            models.Index(fields=["enterprise", "scheme"]),
            models.Index(fields=["status", "valid_until"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(issued_on__isnull=True)
                | Q(valid_until__gte=F("issued_on")),
                name="certification_valid_after_issue",
                violation_error_message=_("De einddatum ligt vóór de uitgiftedatum."),
            )
        ]

    def __str__(self):
        return f"{self.get_scheme_display()} — {self.enterprise}" if self.enterprise_id else self.get_scheme_display()

    def get_absolute_url(self):
        return reverse_with_id("enterprises:certification-detail", self.pk)

    def clean(self):
        """What the checks flag about a certificate itself (reversed or future dates, a PSO
        certificate or badge without an end date or number, a malformed number), refused next to
        its field: through ``checks.entry_errors``, the rules the enterprise's "Controles" apply."""
        super().clean()
        kvk_number = self.enterprise.kvk_number if self.enterprise_id else ""
        errors = checks.entry_errors(self.facts, timezone.localdate(), kvk_number)
        # The same certificate twice (an API client posting again after a time-out) was stored as
        # two rows, counted twice in the checks and the reports. Without a number there is
        # nothing to compare (a badge); a revoked one is still the same certificate.
        if (self.number and self.enterprise_id and self.scheme and "number" not in errors
                and Certification.objects.filter(enterprise_id=self.enterprise_id, scheme=self.scheme,
                                                 number=self.number).exclude(pk=self.pk).exists()):
            errors["number"] = [_("Deze onderneming heeft dit certificaat met dit nummer al.")]
        # The platform's badge comes with an admission (``services.issue_badge``), for a year: typed
        # in by hand it counted as a badge with any end date, "unverified" until a broker looked.
        if self.scheme == Scheme.SROI_BADGE and self.source != CertificationSource.ADMISSION:
            errors.setdefault("scheme", []).append(
                _("De SROI-badge geeft het platform bij de toelating; die voegt u niet zelf toe."))
        if errors:
            raise ValidationError(errors)

    # The columns the facts are made of: a caller that needs only the facts of many certificates
    # reads these (``values_list``) instead of building model instances.
    FACT_COLUMNS = ("scheme", "valid_until", "issued_on", "number", "status", "verified_at", "pk")

    @staticmethod
    def facts_of(scheme, valid_until, issued_on, number, status, verified_at, pk) -> checks.CertificateFacts:
        return checks.CertificateFacts(scheme=scheme, valid_until=valid_until, issued_on=issued_on, number=number,
                                       status=status, verified=verified_at is not None, id=pk)

    @property
    def facts(self) -> checks.CertificateFacts:
        return self.facts_of(*(getattr(self, column) for column in self.FACT_COLUMNS))


class DefinitionCheck(models.Model):
    """A broker's assessment of the five characteristics of a social enterprise (Social
    Enterprise NL / SER), one per enterprise and assessing organisation."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="definition_checks",
                                   verbose_name=_("onderneming"))
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="definition_checks", verbose_name=_("organisatie"))
    impact_first = models.BooleanField(_("impact staat voorop"), null=True, blank=True)
    independent_with_product = models.BooleanField(
        _("zelfstandige onderneming met een product of dienst"), null=True, blank=True)
    economically_independent = models.BooleanField(
        _("economisch zelfstandig (niet volledig afhankelijk van subsidies, giften of donaties)"), null=True,
        blank=True)
    social_governance = models.BooleanField(
        _("sociaal bestuurd (beperkte winstuitkering, belanghebbenden betrokken)"), null=True, blank=True)
    transparent = models.BooleanField(_("transparant"), null=True, blank=True)
    notes = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("beoordeeld door"))
    checked_on = models.DateField(_("beoordeeld op"), default=timezone.localdate)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER)], change=[Grant(BROKER)])

    CHARACTERISTICS = ["impact_first", "independent_with_product", "economically_independent", "social_governance",
                       "transparent"]

    class Meta:
        verbose_name = _("definitietoets")
        verbose_name_plural = _("definitietoetsen")
        constraints = [models.UniqueConstraint(fields=["enterprise", "organisation"],
                                               name="one_definition_check_per_organisation")]

    def __str__(self):
        return f"{_('Definitietoets')} {self.enterprise}"

    def get_absolute_url(self):
        return reverse_with_id("enterprises:detail", self.enterprise_id)

    def clean(self):
        super().clean()
        # An assessment records what was assessed: one dated ahead (a typo, 2062) read as done.
        if self.checked_on and self.checked_on > timezone.localdate() and changed_since_saved(self, "checked_on"):
            raise ValidationError({"checked_on": _("De datum van de beoordeling kan niet na vandaag liggen.")})

    @property
    def met_count(self) -> int:
        return sum(1 for name in self.CHARACTERISTICS if getattr(self, name) is True)

    @property
    def is_social_enterprise(self) -> bool:
        return self.met_count == len(self.CHARACTERISTICS)


# The definition check's wording when the owner of the showcase gave none: the five common
# characteristics (Social Enterprise NL and the SER), in the portal's own words.
DEFAULT_DEFINITION = _(
    "Een impactonderneming:\n"
    "1. heeft maatschappelijke impact als hoofddoel; het verdienmodel staat in dienst daarvan;\n"
    "2. is een zelfstandige onderneming die een product of dienst levert;\n"
    "3. verdient haar eigen inkomsten en leunt niet volledig op subsidies, giften of donaties;\n"
    "4. wordt sociaal bestuurd: winst wordt beperkt uitgekeerd en belanghebbenden praten mee;\n"
    "5. is transparant over haar impact, haar bestuur en haar financiën.")


class AdmissionRule(models.Model):
    """How the showcase of a municipality (or of a region's shared platform) admits enterprises:
    by committee, automatically on a valid recognised label, or both; which labels count; and the
    owner's own wording of the definition check. An enterprise falls under its municipality's
    rule, else its region's (``admission.rule_for``), else the default: a committee decides."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="admission_rule",
        verbose_name=_("organisatie"))
    region = models.OneToOneField(
        "accounts.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="admission_rule",
        verbose_name=_("regio"))
    platform_name = models.CharField(
        _("naam van het platform"), max_length=200, blank=True,
        help_text=_("Bijvoorbeeld Kennemer Inkoop Platform of Impact Oost."))
    mode = models.CharField(_("toelating"), max_length=20, choices=AdmissionMode.choices,
                            default=AdmissionMode.COMMITTEE)
    accepted_schemes = models.JSONField(
        _("erkende keurmerken"), default=list, blank=True,
        help_text=_("Met een geldig, geverifieerd certificaat van een van deze keurmerken wordt een aanvraag "
                    "automatisch toegelaten."))
    definition = LimitedTextField(
        _("definitietoets"), blank=True, max_length=TEXT_MAX,
        help_text=_("Uw criteria voor een impactonderneming, in uw eigen woorden. Leeg: de vijf gangbare "
                    "kenmerken."))
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    objects = ScopedQuerySet.as_manager()
    # Published policy: every broker and colleague reads the rules; brokers of the owning
    # organisation, or of a member of the owning region, change them.
    access = AccessPolicy(
        owner="organisation",
        view=[Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE)],
        change=[Grant(BROKER), Grant(BROKER, via="region")],
    )
    new_label = _("Nieuwe toelatingsregel")  # the "new" button (ui.generic.new_label)

    class Meta:
        verbose_name = _("toelatingsregel")
        verbose_name_plural = _("toelatingsregels")
        ordering = ["organisation__name", "region__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(region__isnull=True))
                | (Q(organisation__isnull=True) & Q(region__isnull=False)),
                name="admission_rule_one_owner",
                violation_error_message=_("Een toelatingsregel hoort bij een organisatie of bij een regio, niet bij "
                                          "beide."),
            ),
        ]

    def __str__(self):
        owner = self.owner
        return str(_("Toelatingsregel %(owner)s") % {"owner": owner}) if owner else str(_("Standaardregel"))

    def get_absolute_url(self):
        return reverse_with_id("enterprises:admission-rule-update", self.pk)

    @property
    def owner(self):
        return self.organisation or self.region

    @property
    def is_default(self) -> bool:
        return self.pk is None and self.owner is None

    @property
    def is_automatic(self) -> bool:
        return self.mode in (AdmissionMode.LABEL, AdmissionMode.LABEL_OR_COMMITTEE) and bool(self.accepted_schemes)

    @property
    def committee_decides(self) -> bool:
        return self.mode in (AdmissionMode.COMMITTEE, AdmissionMode.LABEL_OR_COMMITTEE)

    @property
    def definition_text(self) -> str:
        return self.definition.strip() or str(DEFAULT_DEFINITION)

    def accepted_labels(self) -> list[str]:
        labels = dict(Scheme.choices)
        return [str(labels.get(code, code)) for code in self.accepted_schemes]

    def clean(self):
        super().clean()
        if bool(self.organisation_id) == bool(self.region_id):
            raise ValidationError(_("Kies een organisatie of een regio als eigenaar."))
        unknown = [code for code in self.accepted_schemes or [] if code not in checks.ADMISSION_LABELS]
        if unknown:
            raise ValidationError({"accepted_schemes": _("Geen erkend keurmerk voor toelating: %(codes)s.")
                                   % {"codes": ", ".join(map(str, unknown))}})
        if self.mode != AdmissionMode.COMMITTEE and not self.accepted_schemes:
            raise ValidationError({"accepted_schemes": _(
                "Kies ten minste één keurmerk waarop automatisch wordt toegelaten, of laat de commissie besluiten.")})


def overdue_follow_ups(today) -> Q:
    """Contact moments with an open follow-up planned before ``today`` ("verlopen"): the dashboard's
    count; ``ContactMoment.follow_up_overdue`` is the same rule for one row."""
    return Q(follow_up_on__lt=today, follow_up_done=False)


class ContactMoment(models.Model):
    """A conversation, work visit or mail between a broker team and an enterprise. Belongs to
    the organisation that recorded it: another municipality's brokers do not see it."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="contact_moments", verbose_name=_("organisatie"))
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="contact_moments",
                                   verbose_name=_("onderneming"))
    kind = models.CharField(_("soort"), max_length=20, choices=ContactKind.choices, default=ContactKind.CONVERSATION)
    date = models.DateField(_("datum"), default=timezone.localdate)
    subject = models.CharField(_("onderwerp"), max_length=200)
    notes = LimitedTextField(_("verslag"), blank=True, max_length=LONG_TEXT_MAX)
    follow_up_on = models.DateField(_("vervolgactie op"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("vervolgactie afgerond"), default=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="contact_moments", verbose_name=_("eigenaar"),
                              help_text=_("Wie de vervolgactie oppakt."))
    # Intake questions (first meeting); empty for other contact moments.
    intake_activities = LimitedTextField(_("Wat doet de onderneming?"), blank=True, max_length=TEXT_MAX)
    intake_employees = LimitedTextField(
        _("Wie heeft de onderneming in dienst?"), blank=True, max_length=TEXT_MAX,
        help_text=_("Beschrijf in aantallen en soorten functies; geen namen of persoonsgegevens."))
    intake_needs = LimitedTextField(_("Wat heeft de onderneming nodig van de gemeente?"), blank=True,
                                    max_length=TEXT_MAX)
    intake_shape_programme = models.BooleanField(
        _("Wil de onderneming meedenken over het actieprogramma?"), null=True, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    INTAKE_ANSWERS = ("intake_activities", "intake_employees", "intake_needs")  # an intake needs one (``clean``)

    objects = ScopedQuerySet.as_manager()
    # The network partner that runs the municipality's desk records and follows up contact
    # moments for it, as its brokers do.
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER), Grant(PARTNER)],
                          change=[Grant(BROKER), Grant(PARTNER)])

    class Meta:
        verbose_name = _("contactmoment")
        verbose_name_plural = _("contactmomenten")
        ordering = ["-date", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "-date"]),
            models.Index(fields=["enterprise", "-date"]),
            models.Index(fields=["organisation", "follow_up_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("date")),
                name="contact_follow_up_after_date",
                violation_error_message=_("De vervolgactie ligt vóór de datum van het contact."),
            )
        ]

    def __str__(self):
        return f"{short_date(self.date)} {self.subject}"

    def get_absolute_url(self):
        return reverse_with_id("enterprises:contact-detail", self.pk)

    @property
    def follow_up_overdue(self) -> bool:
        """An open follow-up whose day has passed: ``OVERDUE_FOLLOW_UP`` for one row (the badge
        "verlopen" beside the date, the dashboard's count)."""
        return bool(self.follow_up_on and not self.follow_up_done and self.follow_up_on < timezone.localdate())

    def clean(self):
        super().clean()
        errors = {}
        # A contact moment records what happened: one dated 2031 was saved as "vastgelegd".
        if self.date and self.date > timezone.localdate() and changed_since_saved(self, "date"):
            errors["date"] = _("Een contactmoment legt vast wat er is gebeurd: de datum kan niet na vandaag liggen. "
                               "Een afspraak later zet u bij de vervolgactie.")
        if self.follow_up_on and self.date and self.follow_up_on < self.date:
            errors["follow_up_on"] = _("De vervolgactie ligt vóór de datum van het contact.")
        # An intake without a single answer is an empty record, not a first meeting (the intake
        # form's rule once; the API stored such intakes).
        if self.kind == ContactKind.INTAKE and not any((getattr(self, name) or "").strip()
                                                       for name in self.INTAKE_ANSWERS):
            errors["intake_activities"] = _("Vul ten minste één van de intakevragen in.")
        if errors:
            raise ValidationError(errors)


class RegisterImport(models.Model):
    """An uploaded CSV export of an external register (Code Sociale Ondernemingen, PSO list)
    and the report of applying it."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE,
                                     related_name="register_imports", verbose_name=_("organisatie"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("geüpload door"))
    file = models.FileField(_("CSV-bestand"), upload_to="register-imports/")
    default_scheme = models.CharField(
        _("regeling"), max_length=20, choices=Scheme.choices, blank=True,
        help_text=_("Voor bestanden zonder kolom 'regeling'."))
    job = models.ForeignKey("impactportal.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("taak"))
    report = models.JSONField(_("rapport"), default=dict, blank=True)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()
    access = AccessPolicy(owner="organisation", view=[Grant(BROKER)], change=[Grant(BROKER)])
    audit = False  # the certificates it changes are audited one by one

    class Meta:
        verbose_name = _("registerimport")
        verbose_name_plural = _("registerimports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{_('Import')} {short_date(self.created_at)}" if self.created_at else str(_("Import"))

    def get_absolute_url(self):
        return reverse_with_id("enterprises:import-detail", self.pk)


# The impact measurement lives in its own module; imported here so Django registers its models.
from .measurement.models import ImpactIndicator, ImpactMeasurement  # noqa: E402,F401
