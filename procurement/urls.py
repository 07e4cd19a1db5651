from django.urls import path  # noqa: F401

from .views import matching

app_name = "procurement"

# Each part imports its own views module and adds its routes in its section.
urlpatterns = [
    # --- rule sets ---
    # --- contracts, realisations, contacts ---
    # --- matching and meetings ---
    path("contracten/<int:pk>/matches/", matching.ContractMatches.as_view(), name="contract-matches"),
    path("contracten/<int:pk>/matchgesprekken/nieuw/", matching.MeetingCreate.as_view(), name="meeting-create"),
    path("matchgesprekken/", matching.MeetingList.as_view(), name="meeting-list"),
    path("matchgesprekken/<int:pk>/", matching.MeetingDetail.as_view(), name="meeting-detail"),
    path("matchgesprekken/<int:pk>/wijzigen/", matching.MeetingUpdate.as_view(), name="meeting-update"),
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]
