from django.contrib import admin

from .models import BrokerTeam, BudgetLine, Mandate

admin.site.register(BrokerTeam, search_fields=["name"], list_display=["name", "organisation", "form"])
admin.site.register(Mandate, list_display=["team", "granted_by", "valid_from", "valid_until"])
admin.site.register(BudgetLine, list_display=["organisation", "year", "kind", "amount"], list_filter=["year", "kind"])
