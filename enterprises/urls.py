"""``/etalage/`` keeps its fixed, un-namespaced name ``etalage``; everything else lives under
the ``enterprises`` namespace."""

from django.urls import include, path

from impactportal.ui.cache import cached_for_visitors

from . import showcase, views
from .measurement import views as measurement
from .search_field import EnterpriseSuggestions

app_name_patterns = [
    path("etalage/<int:pk>/", cached_for_visitors("showcase")(showcase.showcase_detail), name="showcase-detail"),
    # Broker register (brokers and colleagues; entrepreneurs reach their own enterprise here too).
    path("register/", views.RegisterList.as_view(), name="register"),
    path("register/nieuw/", views.EnterpriseCreate.as_view(), name="enterprise-create"),
    path("register/import/", views.ImportCreate.as_view(), name="import-create"),
    path("register/import/<int:pk>/", views.ImportDetail.as_view(), name="import-detail"),
    path("register/import/<int:pk>/rapport.csv", views.ImportReportDownload.as_view(), name="import-report"),
    # Suggestions of every enterprise search field (``enterprises.search_field``).
    path("register/suggesties/", EnterpriseSuggestions.as_view(), name="suggestions"),
    path("register/<int:pk>/", views.EnterpriseDetail.as_view(), name="detail"),
    path("register/<int:pk>/wijzigen/", views.EnterpriseUpdate.as_view(), name="enterprise-update"),
    path("register/<int:pk>/verwijderen/", views.EnterpriseDelete.as_view(), name="enterprise-delete"),
    path("register/<int:pk>/aanbod/", views.OfferingsEdit.as_view(), name="offerings"),
    path("register/<int:pk>/contactpersonen/", views.ContactPersonsEdit.as_view(), name="contact-persons"),
    path("register/<int:pk>/aanvragen/", views.AdmissionApply.as_view(), name="apply"),
    path("register/<int:pk>/toelating/", views.AdmissionDecide.as_view(), name="admission"),
    path("register/<int:pk>/definitietoets/", views.DefinitionCheckEdit.as_view(), name="definition-check"),
    path("register/<int:pk>/certificaten/nieuw/", views.CertificationCreate.as_view(), name="certification-create"),
    path("register/<int:pk>/contactmomenten/nieuw/", views.ContactMomentCreate.as_view(), name="contact-create"),
    path("toelatingsregels/", views.AdmissionRuleList.as_view(), name="admission-rules"),
    path("toelatingsregels/nieuw/", views.AdmissionRuleCreate.as_view(), name="admission-rule-create"),
    path("toelatingsregels/<int:pk>/", views.AdmissionRuleUpdate.as_view(), name="admission-rule-update"),
    path("register/<int:pk>/impactmeting/", measurement.MeasurementEdit.as_view(), name="impact"),
    path("impactmetingen/<int:pk>/rapport/", measurement.report_download, name="impact-report"),
    path("certificaten/", views.CertificationList.as_view(), name="certification-list"),
    path("certificaten/<int:pk>/", views.CertificationDetail.as_view(), name="certification-detail"),
    path("certificaten/<int:pk>/wijzigen/", views.CertificationUpdate.as_view(), name="certification-update"),
    path("certificaten/<int:pk>/verwijderen/", views.CertificationDelete.as_view(), name="certification-delete"),
    path("certificaten/<int:pk>/bewijs/", views.certification_evidence, name="certification-evidence"),
    path("certificaten/<int:pk>/actie/", views.CertificationAction.as_view(), name="certification-action"),
    path("contactmomenten/", views.ContactMomentList.as_view(), name="contact-list"),
    path("contactmomenten/<int:pk>/", views.ContactMomentDetail.as_view(), name="contact-detail"),
    path("contactmomenten/<int:pk>/wijzigen/", views.ContactMomentUpdate.as_view(), name="contact-update"),
    path("contactmomenten/<int:pk>/verwijderen/", views.ContactMomentDelete.as_view(), name="contact-delete"),
    # Entrepreneur self-service.
    path("mijn-onderneming/", views.mine, name="mine"),
    path("mijn-onderneming/aanmelden/", views.self_register, name="self-register"),
    path("mijn-onderneming/<int:pk>/", views.mine_detail, name="mine-detail"),
]

urlpatterns = [
    path("etalage/", cached_for_visitors("showcase")(showcase.Showcase.as_view()), name="etalage"),
    path("", include((app_name_patterns, "enterprises"))),
]
