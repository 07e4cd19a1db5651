import django_tables2 as tables
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from impactportal.links import reverse_with_id
from impactportal.ui.columns import YES_NO, ListColumn, NumericColumn, short_date, with_alert
from impactportal.ui.tables import StackedTable

from .models import AdmissionRule, Certification, ContactMoment, Enterprise


class CountColumn(NumericColumn):
    """A count as the page's language groups it (12.500 / 12,500); exports keep the plain number."""

    def render(self, value):
        return number_format(value, force_grouping=True)

    def value(self, value):
        return value


class EnterpriseTable(StackedTable, tables.Table):
    """The register. On a phone a labelled block per enterprise (``StackedTable``) instead of a
    917 px wide table whose "KvK-nummer" header wrapped over six lines."""

    name = tables.LinkColumn("enterprises:detail", args=[tables.A("pk")])
    municipality = tables.Column(accessor="municipality__name", verbose_name=_("Gemeente"),
                                 order_by=("municipality__name", "name"))
    # The model's verbose_name, the one name the profile, the filter and the change log give the
    # field ("Soort onderneming"; the header said "Soort", "Type" in English). Its two words wrap.
    enterprise_type = tables.Column()
    themes = ListColumn(accessor="theme_list", verbose_name=_("Thema's"))  # with_theme_list() in the register
    # The counts and the publication under the model's verbose_name too, as the profile, the form and the
    # change log name them (the headers said "Met afstand" and "Gepubliceerd").
    # Figures the enterprise gives itself: the note under the register's table says so
    # (enterprises/partials/register_results.html); the headers point to it, exports keep their names.
    headcount = CountColumn(attrs={"th": {"class": "numeric", "aria-describedby": "register-counts-source"}})
    disadvantaged_count = CountColumn(attrs={"th": {"class": "numeric", "aria-describedby": "register-counts-source"}})
    is_published = tables.BooleanColumn(yesno=YES_NO)

    class Meta:
        model = Enterprise
        fields = ["name", "kvk_number", "municipality", "enterprise_type", "themes", "headcount",
                  "disadvantaged_count", "admission_status", "is_published"]


class CertificationTable(tables.Table):
    scheme = tables.LinkColumn("enterprises:certification-detail", args=[tables.A("pk")])
    enterprise = tables.LinkColumn("enterprises:detail", args=[tables.A("enterprise_id")],
                                   accessor="enterprise__name", verbose_name=_("Onderneming"),
                                   order_by=("enterprise__name",))
    kvk_number = tables.Column(accessor="enterprise__kvk_number", verbose_name=_("KvK-nummer"))

    class Meta:
        model = Certification
        fields = ["scheme", "enterprise", "kvk_number", "number", "valid_until", "status", "verified_at"]


class ContactMomentTable(tables.Table):
    subject = tables.LinkColumn("enterprises:contact-detail", args=[tables.A("pk")])
    enterprise = tables.Column(accessor="enterprise__name", verbose_name=_("Onderneming"),
                               order_by=("enterprise__name",))
    owner = tables.Column(accessor="owner", verbose_name=_("Eigenaar"), order_by=("owner__username",))
    organisation = tables.Column(accessor="organisation__name", verbose_name=_("Organisatie"))

    class Meta:
        model = ContactMoment
        fields = ["date", "subject", "enterprise", "kind", "owner", "follow_up_on", "follow_up_done", "organisation"]

    def render_follow_up_on(self, record, value):
        # An open follow-up whose day has passed says so in words (as the dashboard counts it).
        return with_alert(short_date(value), pgettext("vervolgactie", "verlopen") if record.follow_up_overdue else None)

    def value_follow_up_on(self, value):  # exports: the date itself, no badge
        return value


class AdmissionRuleTable(tables.Table):
    # A link to the edit page only on the rules the reader may change (``may_change``, annotated by
    # the list's queryset): colleagues and other platforms' brokers read every rule, but the edit
    # page answered them 403 ("Geen toegang").
    owner = tables.Column(accessor="owner", verbose_name=_("Eigenaar"), order_by=("organisation__name", "region__name"))
    accepted_schemes = tables.Column(verbose_name=_("Erkende keurmerken"), orderable=False, empty_values=())

    class Meta:
        model = AdmissionRule
        fields = ["owner", "platform_name", "mode", "accepted_schemes", "updated_at"]

    def render_owner(self, value, record):
        if getattr(record, "may_change", False):
            return format_html('<a href="{}">{}</a>', reverse_with_id("enterprises:admission-rule-update", record.pk),
                               value)
        return value

    def value_owner(self, value):
        return str(value)

    def render_accepted_schemes(self, record):
        return ", ".join(record.accepted_labels()) or "—"

    def value_accepted_schemes(self, record):
        return ", ".join(record.accepted_labels())
