"""Admin of financing: the instrument catalogue, reference data that administrators edit here
(``seed_reference`` keeps their edits; ``--update`` restores the shipped texts). Each text stands
next to its English (``<field>_en``: shown on English pages, empty shows the Dutch). Changes are in
the audit log, as every model's (``impactportal.audit``)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Instrument


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "kind", "provider", "amount_min", "amount_max", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "name_en", "slug", "provider", "provider_en"]
    fieldsets = [
        (None, {"fields": ["slug", "kind", "is_active"]}),
        (_("Teksten"), {"fields": [("name", "name_en"), ("provider", "provider_en"),
                                   ("description", "description_en"), ("conditions", "conditions_en")]}),
        (_("Bedragen en link"), {"fields": [("amount_min", "amount_max"), "url"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # The code is how seed_reference finds a shipped instrument: changed, it would ship it again.
        return ["slug"] if obj is not None else []
