from django.urls import path

from . import views
from . import views_bottlenecks as bottlenecks
from . import views_network as network
from . import views_realestate as realestate

app_name = "ecosystem"

urlpatterns = [
    path("partijen/", views.PartyList.as_view(), name="party-list"),
    path("partijen/<int:pk>/", network.party_detail, name="party-detail"),
    path("partijen/<int:pk>/notitie/", network.party_note_add, name="party-note"),
    path("regionale-afspraken/", views.AgreementList.as_view(), name="agreement-list"),
    path("regionale-afspraken/nieuw/", views.AgreementCreate.as_view(), name="agreement-create"),
    path("regionale-afspraken/<int:pk>/", views.AgreementDetail.as_view(), name="agreement-detail"),
    path("regionale-afspraken/<int:pk>/wijzigen/", views.AgreementUpdate.as_view(), name="agreement-update"),
    path("regionale-afspraken/<int:pk>/verwijderen/", views.AgreementDelete.as_view(), name="agreement-delete"),
    # --- bottlenecks and best practices ---
    path("knelpunten/", bottlenecks.BottleneckList.as_view(), name="bottleneck-list"),
    path("knelpunten/overzicht/", bottlenecks.bottleneck_overview, name="bottleneck-overview"),
    path("knelpunten/nieuw/", bottlenecks.BottleneckCreate.as_view(), name="bottleneck-create"),
    path("knelpunten/<int:pk>/", bottlenecks.bottleneck_detail, name="bottleneck-detail"),
    path("knelpunten/<int:pk>/wijzigen/", bottlenecks.BottleneckUpdate.as_view(), name="bottleneck-update"),
    path("knelpunten/<int:pk>/delen/", bottlenecks.BottleneckShare.as_view(), name="bottleneck-share"),
    path("knelpunten/<int:pk>/ook-gezien/", bottlenecks.BottleneckEndorse.as_view(), name="bottleneck-endorse"),
    path("knelpunten/<int:pk>/status/", bottlenecks.BottleneckStatusView.as_view(), name="bottleneck-status"),
    path("knelpunten/<int:pk>/reactie-stuurgroep/", bottlenecks.BottleneckRespond.as_view(),
         name="bottleneck-respond"),
    # --- ecosystem map, coalitions, regional collaboration, events (issue 12) ---
    path("kaarten/", network.MapList.as_view(), name="map-list"),
    path("kaarten/nieuw/", network.MapCreate.as_view(), name="map-create"),
    path("kaarten/<int:pk>/", network.map_detail, name="map-detail"),
    path("kaarten/<int:pk>/wijzigen/", network.MapUpdate.as_view(), name="map-update"),
    path("kaarten/<int:pk>/partij/", network.map_entry_add, name="map-entry-add"),
    path("kaarten/partijen/<int:pk>/wijzigen/", network.MapEntryUpdate.as_view(), name="map-entry-update"),
    path("kaarten/partijen/<int:pk>/verwijderen/", network.MapEntryDelete.as_view(), name="map-entry-delete"),
    path("coalities/", network.CoalitionList.as_view(), name="coalition-list"),
    path("coalities/nieuw/", network.CoalitionCreate.as_view(), name="coalition-create"),
    path("coalities/<int:pk>/", network.coalition_detail, name="coalition-detail"),
    path("coalities/<int:pk>/functie/", network.coalition_role_set, name="coalition-role"),
    path("samenwerking/", network.collaboration_overview, name="collaboration-overview"),
    path("samenwerking/<int:pk>/", network.collaboration_detail, name="collaboration-detail"),
    path("bijeenkomsten/", network.EventList.as_view(), name="event-list"),
    path("bijeenkomsten/nieuw/", network.EventCreate.as_view(), name="event-create"),
    path("bijeenkomsten/<int:pk>/", network.event_detail, name="event-detail"),
    # --- real estate ---
    path("vastgoed/panden/", realestate.PropertyList.as_view(), name="property-list"),
    path("vastgoed/panden/nieuw/", realestate.PropertyCreate.as_view(), name="property-create"),
    path("vastgoed/panden/<int:pk>/", realestate.property_detail, name="property-detail"),
    path("vastgoed/panden/<int:pk>/wijzigen/", realestate.PropertyUpdate.as_view(), name="property-update"),
    path("vastgoed/panden/<int:pk>/foto/", realestate.property_photo_add, name="property-photo-add"),
    path("vastgoed/fotos/<int:pk>/", realestate.property_photo, name="property-photo"),
    path("vastgoed/ruimtevragen/", realestate.SpaceRequestList.as_view(), name="space-request-list"),
    path("vastgoed/ruimtevragen/nieuw/", realestate.SpaceRequestCreate.as_view(), name="space-request-create"),
    path("vastgoed/ruimtevragen/<int:pk>/", realestate.space_request_detail, name="space-request-detail"),
    path("vastgoed/ruimtevragen/<int:pk>/reageren/", realestate.space_request_respond, name="space-request-respond"),
    path("vastgoed/ruimtevragen/<int:pk>/intrekken/", realestate.SpaceRequestWithdraw.as_view(),
         name="space-request-withdraw"),
    path("vastgoed/ruimtevragen/<int:pk>/toewijzen/", realestate.space_request_allocate,
         name="space-request-allocate"),
    path("vastgoed/toewijzingen/", realestate.AllocationList.as_view(), name="allocation-list"),
    path("vastgoed/toewijzingen/<int:pk>/", realestate.allocation_detail, name="allocation-detail"),
    path("vastgoed/toewijzingen/<int:pk>/beeindigen/", realestate.AllocationEnd.as_view(), name="allocation-end"),
    path("vastgoed/toewijzingen/<int:pk>/heropenen/", realestate.AllocationReopen.as_view(), name="allocation-reopen"),
]
