from django.contrib import admin

from .models import Party, RegionalAgreement

admin.site.register(Party, search_fields=["name"], list_display=["name", "category"], list_filter=["category"])
admin.site.register(RegionalAgreement, list_display=["title", "region", "theme"])


# --- bottlenecks and best practices ---
from .models import Bottleneck, BottleneckEndorsement  # noqa: E402

admin.site.register(Bottleneck, search_fields=["title", "description"],
                    list_display=["title", "organisation", "kind", "theme", "level", "status", "shared_with"],
                    list_filter=["kind", "theme", "level", "status"], raw_id_fields=["case", "contact_moment"])
admin.site.register(BottleneckEndorsement, list_display=["bottleneck", "organisation", "cases", "enterprises", "at"])
