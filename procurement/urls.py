from django.urls import include, path  # noqa: F401

app_name = "procurement"

# Each part imports its own views module and adds its routes in its section.
urlpatterns = [
    # --- rule sets ---
    # --- contracts, realisations, contacts ---
    # --- matching and meetings ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
    path("", include("procurement.urls_figures")),
]
