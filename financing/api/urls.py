from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Everything under /api/v1/financing/… (fixed once landed, see the financing issue); each part
# registers its viewsets in its own section.
# --- MKBA analyses ---
# --- outcome contracts, claims, payments, social impact bonds, open data ---
# --- instruments, financing mix, impact funds ---
