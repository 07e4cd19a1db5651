from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("enterprises", views.EnterpriseViewSet)
router.register("certifications", views.CertificationViewSet)
router.register("contact-moments", views.ContactMomentViewSet)
router.register("admission-rules", views.AdmissionRuleViewSet)
