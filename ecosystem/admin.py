from django.contrib import admin

from .models import Party, RegionalAgreement

# Every foreign key to a big table (enterprises, properties, users, parties) is a search box
# (``autocomplete_fields``) or an id box: a select of 100,000 enterprises made pages of 5 MB.
admin.site.register(Party, search_fields=["name"], list_display=["name", "category"], list_filter=["category"],
                    readonly_fields=["seed_key"], autocomplete_fields=["enterprise"])
admin.site.register(RegionalAgreement, list_display=["title", "region", "theme"])


# --- bottlenecks and best practices ---
from .models import Bottleneck, BottleneckEndorsement  # noqa: E402

admin.site.register(Bottleneck, search_fields=["title", "description"],
                    list_display=["title", "organisation", "kind", "theme", "level", "status", "shared_with"],
                    list_filter=["kind", "theme", "level", "status"], raw_id_fields=["case", "contact_moment"],
                    autocomplete_fields=["raised_by", "shared_by", "responded_by"])
admin.site.register(BottleneckEndorsement, list_display=["bottleneck", "organisation", "cases", "enterprises", "at"],
                    autocomplete_fields=["by"])


# --- ecosystem map, coalitions, collaboration, real estate, events (issue 12) ---
from .models import (  # noqa: E402
    Allocation,
    Coalition,
    CoalitionAgreement,
    CoalitionMeeting,
    CoalitionRole,
    Collaboration,
    CollaborationAgreement,
    EcosystemMap,
    Event,
    MapEntry,
    PartyNote,
    Property,
    PropertyPhoto,
    PropertyResponse,
    SpaceRequest,
)

admin.site.register(PartyNote, list_display=["party", "organisation", "created_at"],
                    autocomplete_fields=["party", "author"])
admin.site.register(EcosystemMap, list_display=["title", "organisation", "region"])
admin.site.register(MapEntry, list_display=["map", "party", "domain", "is_active"], list_filter=["domain"])
for _model in (Coalition, CoalitionAgreement, CoalitionMeeting, CoalitionRole, CollaborationAgreement):
    admin.site.register(_model)
admin.site.register(PropertyPhoto, autocomplete_fields=["property"])
admin.site.register(PropertyResponse, autocomplete_fields=["property"], raw_id_fields=["space_request"])
admin.site.register(Event, autocomplete_fields=["enterprises", "parties"])
admin.site.register(Collaboration, list_display=["title", "region", "theme"], list_filter=["theme"])
admin.site.register(Property, list_display=["name", "organisation", "area", "property_type", "is_published"],
                    search_fields=["name", "address"])
admin.site.register(SpaceRequest, list_display=["enterprise", "organisation", "status", "start_date"],
                    raw_id_fields=["enterprise"], autocomplete_fields=["created_by"])
admin.site.register(Allocation, list_display=["property", "space_request", "procedure", "rent", "start_date"],
                    raw_id_fields=["space_request"], autocomplete_fields=["property", "created_by"])
