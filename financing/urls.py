from django.urls import include, path  # noqa: F401

app_name = "financing"

# Everything under /financiering/…; each part imports its own views module and adds its routes in
# its section.
urlpatterns = [
    # --- MKBA analyses ---
    path("mkba/", include("financing.urls_mkba")),
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    # --- instruments, financing mix, impact funds ---
]
