from django.urls import path  # noqa: F401  (each part adds its routes below)

app_name = "procurement"

urlpatterns = [
    # --- rule sets ---
    # --- contracts and realisations ---
    # --- matching ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]
