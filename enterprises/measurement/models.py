"""Models of the impact measurement; imported by ``enterprises.models`` (app label "enterprises")."""

from decimal import InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from impactportal.access import BROKER, COLLEAGUE, ENTREPRENEUR, AccessPolicy, Grant, ScopedQuerySet
from impactportal.links import reverse_with_id
from impactportal.money import number
from impactportal.text import TEXT_MAX, LimitedTextField
from impactportal.uploads import UploadValidator

from ..constants import AdmissionStatus
from .constants import NAMED_METHODS, ImpactMethod

REPORT_TYPES = {"application/pdf": ".pdf"}


def report_path(instance, filename):
    # Private storage: downloaded only through the permission-checked view.
    return f"impact-reports/{instance.enterprise_id}/{filename}"


def _policy(prefix: str, public: Q) -> AccessPolicy:
    """The same grants for the measurement and its indicators (``prefix`` = path to the measurement)."""
    municipality, enterprise = f"{prefix}enterprise__municipality", f"{prefix}enterprise"
    # Staff of the enterprise's municipality and the enterprise's own entrepreneurs; a broker
    # of another municipality sees it only where the enterprise made it public.
    readers = [Grant(BROKER), Grant(COLLEAGUE), Grant(ENTREPRENEUR, via=enterprise)]
    return AccessPolicy(
        owner=municipality,
        view=readers,
        change=[Grant(BROKER), Grant(ENTREPRENEUR, via=enterprise)],
        public=public,
        # The part the enterprise did not make public (its notes, its consent): the readers by
        # their own grants, not everyone who sees the public part.
        actions={"internal": readers},
    )


class ImpactMeasurement(models.Model):
    """How an enterprise measures its impact and its latest report: one per enterprise."""

    enterprise = models.OneToOneField("enterprises.Enterprise", on_delete=models.CASCADE,
                                      related_name="impact_measurement", verbose_name=_("onderneming"))
    method = models.CharField(_("meetmethode"), max_length=20, choices=ImpactMethod.choices,
                              default=ImpactMethod.NONE)
    method_name = models.CharField(
        _("naam of omschrijving van de methode"), max_length=200, blank=True,
        help_text=_("Nodig bij een eigen of andere methode, bijvoorbeeld: SROI-analyse volgens de Social Value-"
                    "principes."))
    notes = LimitedTextField(_("toelichting"), blank=True, max_length=TEXT_MAX)
    report = models.FileField(
        _("laatste impactrapport"), upload_to=report_path, blank=True, validators=[UploadValidator(REPORT_TYPES)],
        help_text=_("PDF, hoogstens 5 MB."))
    report_date = models.DateField(_("datum van het rapport"), null=True, blank=True)
    period_start = models.DateField(_("rapport over de periode van"), null=True, blank=True)
    period_end = models.DateField(_("tot en met"), null=True, blank=True)
    show_in_showcase = models.BooleanField(
        _("tonen in de etalage"), default=False,
        help_text=_("De onderneming geeft toestemming om methode, rapport en kerncijfers in de openbare etalage te "
                    "tonen."))
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("bijgewerkt door"))

    objects = ScopedQuerySet.as_manager()
    access = _policy("", Q(show_in_showcase=True, enterprise__is_published=True,
                           enterprise__admission_status=AdmissionStatus.ADMITTED))

    class Meta:
        verbose_name = _("impactmeting")
        verbose_name_plural = _("impactmetingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True) | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="impact_report_period_in_order",
                violation_error_message=_("Het einde van de periode ligt vóór het begin."),
            )
        ]

    def __str__(self):
        return f"{_('Impactmeting')} {self.enterprise}" if self.enterprise_id else str(_("Impactmeting"))

    def get_absolute_url(self):
        return reverse_with_id("enterprises:impact", self.enterprise_id)

    @property
    def method_label(self) -> str:
        if self.method in NAMED_METHODS and self.method_name:
            return f"{self.get_method_display()}: {self.method_name}"
        return str(self.get_method_display())

    @property
    def report_filename(self) -> str:
        """The report's name for the reader: "impactrapport-bakkerij-klerks-2025.pdf" (in English
        "impact-report-…"), by the enterprise and the year the report covers; not the stored name,
        which storage gives a random suffix when the enterprise uploads a report of that name again."""
        if not self.report:
            return ""
        day = self.period_end or self.report_date
        parts = [gettext("impactrapport"), self.enterprise.name, str(day.year) if day else ""]
        return "-".join(filter(None, (slugify(part) for part in parts))) + ".pdf"

    def clean(self):
        super().clean()
        errors = {}
        today = timezone.localdate()
        if self.method in NAMED_METHODS and not self.method_name.strip():
            errors["method_name"] = _("Geef de methode een naam of korte omschrijving.")
        if self.report_date and self.report_date > today:
            errors["report_date"] = _("De datum van het rapport ligt in de toekomst.")
        if (self.period_start is None) != (self.period_end is None):
            errors["period_end" if self.period_end is None else "period_start"] = _(
                "Vul het begin én het einde van de periode in.")
        elif self.period_start and self.period_end < self.period_start:
            errors["period_end"] = _("Het einde van de periode ligt vóór het begin.")
        elif self.period_end and self.report_date and self.period_end > self.report_date:
            errors["period_end"] = _("Een rapport gaat over een periode vóór de datum van het rapport.")
        if self.report and not self.report_date:
            errors["report_date"] = _("Vul de datum van het rapport in.")
        if self.report and not self.period_start and "period_start" not in errors:
            errors["period_start"] = _("Vul de periode in waarover het rapport gaat.")
        if errors:
            raise ValidationError(errors)


class ImpactIndicator(models.Model):
    """A main figure of the enterprise's impact, as the enterprise itself declares it."""

    measurement = models.ForeignKey(ImpactMeasurement, on_delete=models.CASCADE, related_name="indicators",
                                    verbose_name=_("impactmeting"))
    name = models.CharField(_("indicator"), max_length=200,
                            help_text=_("Bijvoorbeeld: mensen met afstand tot de arbeidsmarkt aan het werk."))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("eenheid"), max_length=40, help_text=_("Bijvoorbeeld: personen, uren, kg CO₂, euro."))

    audit_not_money = ("value",)  # in its own unit (people, hours), not euros: the change log writes a number
    period_start = models.DateField(_("periode van"))
    period_end = models.DateField(_("tot en met"))
    source = models.CharField(_("bron"), max_length=200,
                              help_text=_("Waar het cijfer vandaan komt, bijvoorbeeld: impactrapport 2025."))
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    objects = ScopedQuerySet.as_manager()
    access = _policy("measurement__", Q(measurement__show_in_showcase=True, measurement__enterprise__is_published=True,
                                        measurement__enterprise__admission_status=AdmissionStatus.ADMITTED))

    class Meta:
        verbose_name = _("kerncijfer (eigen opgave)")
        verbose_name_plural = _("kerncijfers (eigen opgave)")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="impact_indicator_period_in_order",
                violation_error_message=_("Het einde van de periode ligt vóór het begin."),
            )
        ]

    def __str__(self):
        return f"{self.name}: {indicator_value(self.value, self.unit)} {self.unit}"

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("Het einde van de periode ligt vóór het begin.")})


def indicator_value(value, unit: str = "") -> str:
    """A self-declared figure as the portal writes numbers (``impactportal.money.number``, the active
    language): stored with two decimals, a head count reads "9" and not "9,00", "1.450" / "1,450",
    a fraction "12,5" / "12.5"; an amount of money ("euro", "€") keeps its cents, as the form shows it.
    A value that is no number (a template filter can be handed anything) is shown as it is."""
    from .forms import is_money_unit

    if value is None or value == "":
        return "–"
    try:
        return number(value, 2 if is_money_unit(unit) else None)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
