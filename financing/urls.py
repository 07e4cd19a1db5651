from django.urls import path  # noqa: F401

app_name = "financing"

# Everything under /financiering/…; each part imports its own views module and adds its routes in
# its section.
urlpatterns = [
    # --- MKBA analyses ---
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    # --- instruments, financing mix, impact funds ---
]
