from django.contrib import admin

from .models import (
    AdmissionRule,
    Certification,
    ContactMoment,
    ContactPerson,
    DefinitionCheck,
    Enterprise,
    ImpactTheme,
    Offering,
    OfferingCategory,
    RegisterImport,
    Sdg,
)


class OfferingInline(admin.TabularInline):
    model = Offering
    extra = 0


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0
    fields = ["scheme", "number", "valid_until", "status", "verified_at"]
    readonly_fields = ["verified_at"]


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "kvk_number", "municipality", "enterprise_type", "admission_status", "is_published"]
    list_filter = ["admission_status", "is_published", "enterprise_type", "stage"]
    search_fields = ["name", "kvk_number"]
    list_select_related = ["municipality"]
    filter_horizontal = ["themes", "sdgs"]
    raw_id_fields = ["admission_certificate"]  # a select of every certificate would not load
    autocomplete_fields = ["municipality", "admission_decided_by"]
    inlines = [OfferingInline, CertificationInline]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "scheme", "number", "valid_until", "status", "source"]
    list_filter = ["scheme", "status", "source"]
    search_fields = ["enterprise__name", "enterprise__kvk_number", "number"]
    list_select_related = ["enterprise"]
    raw_id_fields = ["enterprise", "verified_by"]


@admin.register(ContactMoment)
class ContactMomentAdmin(admin.ModelAdmin):
    list_display = ["date", "subject", "enterprise", "organisation", "kind", "owner"]
    list_filter = ["kind", "organisation"]
    raw_id_fields = ["enterprise", "owner"]
    # The owner may be empty: Django joins only required keys by itself (one query per row).
    list_select_related = ["enterprise", "organisation", "owner"]


admin.site.register(ImpactTheme, list_display=["name", "name_en", "slug", "order"])
admin.site.register(OfferingCategory, list_display=["name", "name_en", "slug", "order"])
admin.site.register(Sdg, list_display=["number", "name"])
admin.site.register(ContactPerson, list_display=["name", "enterprise", "role"], raw_id_fields=["enterprise"])
admin.site.register(DefinitionCheck, list_display=["enterprise", "organisation", "checked_on"],
                    raw_id_fields=["enterprise"], autocomplete_fields=["checked_by"])
# The file only through the import page, which checks (and virus-scans) it and runs the import.
admin.site.register(RegisterImport, list_display=["created_at", "organisation", "uploaded_by"], readonly_fields=["file"],
                    autocomplete_fields=["uploaded_by"], list_select_related=["organisation", "uploaded_by"])
admin.site.register(AdmissionRule, list_display=["__str__", "platform_name", "mode", "updated_at"],
                    list_select_related=["organisation", "region"])


# --- impact measurement (self-declared; not a certificate) --------------------------------------

from .models import ImpactIndicator, ImpactMeasurement  # noqa: E402


class ImpactIndicatorInline(admin.TabularInline):
    model = ImpactIndicator
    extra = 0


@admin.register(ImpactMeasurement)
class ImpactMeasurementAdmin(admin.ModelAdmin):
    list_display = ["enterprise", "method", "report_date", "show_in_showcase"]
    list_filter = ["method", "show_in_showcase"]
    raw_id_fields = ["enterprise", "updated_by"]
    inlines = [ImpactIndicatorInline]
