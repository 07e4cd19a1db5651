from django.contrib import admin

from .models import Enterprise


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ["name", "kvk_number", "municipality", "admission_status", "is_published"]
    list_filter = ["admission_status", "is_published"]
    search_fields = ["name", "kvk_number"]
    list_select_related = ["municipality"]
    autocomplete_fields = ["municipality"]
