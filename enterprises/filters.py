"""One FilterSet per listable model, shared by the HTML lists, the showcase and the API."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from impactportal import access
from impactportal.accounts.constants import OrganisationKind
from impactportal.accounts.models import Organisation, Region
from impactportal.accounts.provinces import municipalities_in, provinces
from impactportal.filters import BrokerOrganisationsFilter, ReferenceChoiceFilter
from impactportal.ordering import text_searched
from impactportal.text import AsciiDigitsRegexValidator
from impactportal.ui.columns import YES_NO_CHOICE as YES_NO
from impactportal.ui.widgets import FastSelect

from . import checks
from .constants import (
    AdmissionMode,
    AdmissionStatus,
    CertificationStatus,
    ContactKind,
    EnterpriseType,
    Scheme,
    Stage,
)
from .models import (
    PUBLIC_CERTIFICATE_STATUSES,
    AdmissionRule,
    Certification,
    ContactMoment,
    Enterprise,
    ImpactTheme,
    Offering,
    OfferingCategory,
    Sdg,
    search_fold,
)

ALL = _("Alle")


def municipalities():
    return Organisation.objects.filter(kind=OrganisationKind.GEMEENTE)


class KvkPrefixField(forms.CharField):
    """A KvK number, or its first digits, typed as on paper ("1234 5678", "1234.56", "1234-56"):
    spaces, dots and dashes are left out before the digits are checked."""

    default_validators = [AsciiDigitsRegexValidator(
        r"^[0-9]{1,8}$", _("Een KvK-nummer heeft 8 cijfers. Vul het nummer in, of de eerste cijfers ervan."))]

    def to_python(self, value):
        return checks.kvk_digits(super().to_python(value))


class KvkPrefixFilter(django_filters.CharFilter):
    field_class = KvkPrefixField


def kvk_filtered(queryset, path: str, value: str):
    """Rows whose KvK number (at ``path``) is ``value``, or starts with it when it has fewer than
    eight digits. A prefix is LIKE '1234%', which on PostgreSQL reads the varchar_pattern_ops index
    Django gives a unique CharField (``..._kvk_number_..._like``), not the whole table."""
    if len(value) == 8:
        return queryset.filter(**{path: value})
    return queryset.filter(**{f"{path}__startswith": value})


AWAITING = "awaiting"
AWAITING_STATUSES = (AdmissionStatus.APPLIED, AdmissionStatus.UNDER_REVIEW)


class EnterpriseFilter(django_filters.FilterSet):
    # Relations are filtered with EXISTS subqueries, not joins: no duplicate rows, no DISTINCT,
    # and the page query stays cheap at 100,000 enterprises.
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    # "abc" is a field error (it found "nothing"), and fewer than 8 digits find the numbers that
    # start with them.
    kvk_number = KvkPrefixFilter(label=_("KvK-nummer"), max_length=12, method="filter_kvk")
    # No labels of their own: the model's verbose_name, as the profile, the register's columns and
    # the change log name these fields ("Soort onderneming", "Fase"; the filter said "Stage").
    type = django_filters.ChoiceFilter(empty_label=ALL, field_name="enterprise_type", choices=EnterpriseType.choices)
    stage = django_filters.ChoiceFilter(empty_label=ALL, choices=Stage.choices)
    theme = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=ImpactTheme.objects.all(), to_field_name="slug",
                                             method="filter_theme", label=_("Impactthema"))
    sdg = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Sdg.objects.all(), method="filter_sdg", label=_("SDG"))
    municipality = ReferenceChoiceFilter(empty_label=ALL, queryset=municipalities(), to_field_name="slug",
                                         label=_("Gemeente"), widget=FastSelect)
    region = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=Region.objects.all(), to_field_name="slug",
                                              method="filter_region", label=_("Regio"))
    # A province's brokers work with the enterprises of its municipalities (their register opens on
    # it: ``views.RegisterList``); where a municipality lies is the CBS division's (``provinces``).
    province = django_filters.ChoiceFilter(empty_label=ALL, choices=provinces, method="filter_province",
                                           label=_("Provincie"))
    certification = django_filters.ChoiceFilter(empty_label=ALL, choices=Scheme.choices, method="filter_certification",
                                                label=_("Certificaat"))
    category = django_filters.ModelChoiceFilter(empty_label=ALL, queryset=OfferingCategory.objects.all(), to_field_name="slug",
                                                method="filter_category", label=_("Aanbod"))
    admitted = django_filters.BooleanFilter(method="filter_admitted", widget=YES_NO, label=_("Toegelaten tot de etalage"))
    reserved_eligible = django_filters.BooleanFilter(method="filter_reserved", widget=YES_NO,
                                                     label=_("Geschikt voor voorbehouden opdrachten"))
    admission_status = django_filters.ChoiceFilter(
        empty_label=ALL, method="filter_admission_status", label=_("Toelating"),
        # "awaiting" is what the dashboard tile counts: applied or under review.
        choices=[(AWAITING, _("Wacht op besluit")), *AdmissionStatus.choices])
    mine = BrokerOrganisationsFilter("municipality", label=_("Mijn gemeenten"))

    class Meta:
        model = Enterprise
        fields = ["q", "kvk_number", "type", "stage", "theme", "sdg", "municipality", "region", "province", "certification",
                  "category", "admitted", "reserved_eligible", "admission_status", "mine"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        # Name or place, diacritics and case aside ("cooperatie" finds "coöperatie"): both sides
        # folded, so a plain LIKE on the stored ``search_text`` (its trigram index on PostgreSQL).
        # In name order the page's keys come from the name-order indexes, which hold the searched
        # columns (migration 0015; ``text_searched``): over all municipalities and within one.
        return text_searched(queryset.filter(Q(search_text__contains=search_fold(value)) | Q(kvk_number=value)),
                             covered=("name", "pk"))

    def filter_kvk(self, queryset, name, value: str):
        return kvk_filtered(queryset, "kvk_number", value)

    def filter_theme(self, queryset, name, value: str):  # hint for the schema; value is the theme
        through = Enterprise.themes.through
        return queryset.filter(Exists(through.objects.filter(enterprise=OuterRef("pk"), impacttheme=value)))

    def filter_sdg(self, queryset, name, value: int):  # hint for the schema; value is the SDG
        through = Enterprise.sdgs.through
        return queryset.filter(Exists(through.objects.filter(enterprise=OuterRef("pk"), sdg=value)))

    def filter_region(self, queryset, name, value: str):  # hint for the schema; value is the region
        return queryset.filter(municipality__in=value.members.values("pk"))

    def filter_province(self, queryset, name, value: str):
        return queryset.filter(municipality__in=municipalities_in(value))

    def filter_certification(self, queryset, name, value):
        certs = Certification.objects.valid().filter(enterprise=OuterRef("pk"), scheme=value,
                                                     verified_at__isnull=False)
        return queryset.filter(Exists(certs))

    def filter_category(self, queryset, name, value: str):  # hint for the schema; value is the category
        return queryset.filter(Exists(Offering.objects.filter(enterprise=OuterRef("pk"), category=value)))

    def filter_admission_status(self, queryset, name, value):
        if value == AWAITING:
            return queryset.filter(admission_status__in=AWAITING_STATUSES)
        return queryset.filter(admission_status=value)

    def filter_admitted(self, queryset, name, value):
        admitted = Q(admission_status=AdmissionStatus.ADMITTED)
        return queryset.filter(admitted if value else ~admitted)

    def filter_reserved(self, queryset, name, value):
        eligible = queryset.reserved_eligible().values("pk")
        return queryset.filter(pk__in=eligible) if value else queryset.exclude(pk__in=eligible)


class CertificationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="enterprise__name", lookup_expr="icontains", label=_("Onderneming"))
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("Onderneming (id)"))
    # Typed as on paper and by its first digits, as the register's filter takes it.
    kvk_number = KvkPrefixFilter(label=_("KvK-nummer"), max_length=12, method="filter_kvk")
    scheme = django_filters.ChoiceFilter(choices=Scheme.choices, label=_("Keurmerk of certificaat"))
    status = django_filters.ChoiceFilter(choices=CertificationStatus.choices, label=_("Status"))
    valid_until_after = django_filters.DateFilter(field_name="valid_until", lookup_expr="gte",
                                                  label=_("Geldig tot na"))
    valid_until_before = django_filters.DateFilter(field_name="valid_until", lookup_expr="lte",
                                                   label=_("Geldig tot voor"))

    class Meta:
        model = Certification
        fields = ["q", "enterprise", "kvk_number", "scheme", "status", "valid_until_after", "valid_until_before"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Offer only the statuses of certificates the user can see. Who sees every certificate
        # (the access rule is "every row") gets every status; others see the public ones
        # (verified, expiring) and those of the certificates they hold (an entrepreneur's own
        # enterprise: the ones they may change): "Revoked" or "Disputed" found nothing for them.
        # Not every status in the user's scope: a DISTINCT over the public certificates cost
        # 80-110 ms a page at national scale; the held ones are a few rows by index.
        user = getattr(self.request, "user", None)
        if user is None or access.rule(user, Certification) is None:
            return
        held = access.scope(user, Certification, access.CHANGE).order_by().values_list("status", flat=True)
        present = {*PUBLIC_CERTIFICATE_STATUSES, *held.distinct()}
        chosen = (self.data or {}).get("status")
        self.filters["status"].extra["choices"] = [
            (value, label) for value, label in CertificationStatus.choices if value in present or value == chosen]

    def filter_kvk(self, queryset, name, value: str):
        return kvk_filtered(queryset, "enterprise__kvk_number", value)


class ContactMomentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Zoeken"))
    enterprise = django_filters.NumberFilter(field_name="enterprise_id", label=_("Onderneming (id)"))
    kind = django_filters.ChoiceFilter(choices=ContactKind.choices, label=_("Soort"))
    follow_up_open = django_filters.BooleanFilter(method="filter_follow_up", widget=YES_NO, label=_("Open vervolgactie"))
    owner = django_filters.ChoiceFilter(choices=[("me", _("Ik"))], method="filter_owner", label=_("Eigenaar vervolgactie"))
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("Vanaf"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("Tot en met"))

    class Meta:
        model = ContactMoment
        fields = ["q", "enterprise", "kind", "follow_up_open", "owner", "date_after", "date_before"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(subject__icontains=value) | Q(enterprise__name__icontains=value))

    def filter_owner(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return queryset.filter(owner=user if getattr(user, "is_authenticated", False) else None)

    def filter_follow_up(self, queryset, name, value):
        open_ = Q(follow_up_on__isnull=False, follow_up_done=False)
        return queryset.filter(open_ if value else ~open_)


class AdmissionRuleFilter(django_filters.FilterSet):
    mode = django_filters.ChoiceFilter(choices=AdmissionMode.choices, label=_("Toelating"))
    scheme = django_filters.ChoiceFilter(
        choices=[(value, label) for value, label in Scheme.choices if value in checks.ADMISSION_LABELS],
        method="filter_scheme", label=_("Erkend keurmerk"))

    class Meta:
        model = AdmissionRule
        fields = ["mode", "scheme"]

    def filter_scheme(self, queryset, name, value):
        # JSON containment is not portable (SQLite): match the few rules in Python.
        return queryset.filter(pk__in=[rule.pk for rule in AdmissionRule.objects.only("pk", "accepted_schemes")
                                       if value in (rule.accepted_schemes or [])])
