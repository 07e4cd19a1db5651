from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Everything under /api/v1/procurement/… (fixed once landed, see the procurement issue).
