"""Admin of monitoring. An approved report is read-only here (and refused by the model and the
database); schedules (monthly snapshots, January drafts) are django-celery-beat's periodic tasks."""

from django.contrib import admin

from .models import (
    Contribution,
    Meeting,
    ProgrammeTheme,
    ReportRequest,
    ReportText,
    Review,
    Snapshot,
    Spending,
    SteeringGroup,
    Target,
)


class ReportTextInline(admin.TabularInline):
    """The keepers' texts, read here: they are written on the report's page, whose save makes the PDF
    again (an edit here would leave the PDF without it)."""

    model = ReportText
    fields = readonly_fields = ["section", "body", "changed_by", "changed_at"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReportRequest)
class ReportRequestAdmin(admin.ModelAdmin):
    inlines = [ReportTextInline]
    list_display = ["__str__", "status", "review_state", "approved_by", "approved_at", "published_at"]
    list_filter = ["kind", "status", "review_state"]
    readonly_fields = ["scope_key", "checksum", "task_id", "job", "approved_by", "approved_at", "file", "public_file",
                       "department_file", "department_checksum"]
    autocomplete_fields = ["enterprise", "requested_by"]  # a select of every enterprise made a 5 MB page

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_approved:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_approved:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "period_start", "period_end", "created_at"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):
        return False  # a measurement is what was measured


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_select_related = ("organisation", "programme")  # a target names its owner
    list_filter = ("year",)


admin.site.register(ProgrammeTheme, readonly_fields=["seed_key"])  # seed_reference's code for the theme
admin.site.register(Review, autocomplete_fields=["author"])
admin.site.register(SteeringGroup, autocomplete_fields=["chair"])
admin.site.register([Meeting, Spending])
# A contribution's name is its party's: one query per row without the join (105 on a page).
admin.site.register(Contribution, list_select_related=["party"])
