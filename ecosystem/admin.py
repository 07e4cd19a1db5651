from django.contrib import admin

from .models import Party, RegionalAgreement

admin.site.register(Party, search_fields=["name"], list_display=["name", "category"], list_filter=["category"])
admin.site.register(RegionalAgreement, list_display=["title", "region", "theme"])
