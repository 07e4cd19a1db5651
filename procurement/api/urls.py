from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Everything under /api/v1/procurement/… (fixed once landed, see the procurement issue); each part
# registers its viewsets in its own section.
# --- rule sets ---
# --- contracts, realisations, contacts ---
# --- purchase requests and challenges ---
# --- figures and payments ---
