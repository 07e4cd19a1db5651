from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from impactportal.access import ANYWHERE, BROKER, COLLEAGUE, ENTREPRENEUR, AccessPolicy, Grant, ScopedQuerySet

from .constants import AdmissionStatus

kvk_validator = RegexValidator(r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."))

SHOWCASE = Q(is_published=True, admission_status=AdmissionStatus.ADMITTED)


class Enterprise(models.Model):
    """An (impact) enterprise in the register. The showcase shows admitted, published ones."""

    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, unique=True, validators=[kvk_validator])
    municipality = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="enterprises", verbose_name=_("gemeente")
    )
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(_("website"), blank=True)
    is_published = models.BooleanField(_("gepubliceerd in de etalage"), default=False)
    admission_status = models.CharField(
        _("toelating"), max_length=20, choices=AdmissionStatus.choices, default=AdmissionStatus.NOT_APPLIED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()
    # The register is shared by every broker and colleague (a KvK registration is public
    # business data); changes belong to the brokers of the enterprise's municipality and to
    # the enterprise's own entrepreneurs.
    access = AccessPolicy(
        owner="municipality",
        view=[Grant(BROKER, via=ANYWHERE), Grant(COLLEAGUE, via=ANYWHERE), Grant(ENTREPRENEUR, via="pk")],
        change=[Grant(BROKER), Grant(ENTREPRENEUR, via="pk")],
        public=SHOWCASE,
    )

    class Meta:
        verbose_name = _("onderneming")
        verbose_name_plural = _("ondernemingen")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["name"]),
            models.Index(fields=["municipality", "name"]),
            models.Index(fields=["admission_status", "is_published"]),
        ]

    def __str__(self):
        return self.name
