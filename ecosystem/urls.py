from django.urls import path

from . import views
from . import views_bottlenecks as bottlenecks

app_name = "ecosystem"

urlpatterns = [
    path("partijen/", views.PartyList.as_view(), name="party-list"),
    path("regionale-afspraken/", views.AgreementList.as_view(), name="agreement-list"),
    path("regionale-afspraken/nieuw/", views.AgreementCreate.as_view(), name="agreement-create"),
    path("regionale-afspraken/<int:pk>/", views.AgreementDetail.as_view(), name="agreement-detail"),
    path("regionale-afspraken/<int:pk>/wijzigen/", views.AgreementUpdate.as_view(), name="agreement-update"),
    path("regionale-afspraken/<int:pk>/verwijderen/", views.AgreementDelete.as_view(), name="agreement-delete"),
    # --- bottlenecks and best practices ---
    path("knelpunten/", bottlenecks.BottleneckList.as_view(), name="bottleneck-list"),
    path("knelpunten/overzicht/", bottlenecks.bottleneck_overview, name="bottleneck-overview"),
    path("knelpunten/nieuw/", bottlenecks.BottleneckCreate.as_view(), name="bottleneck-create"),
    path("knelpunten/<int:pk>/", bottlenecks.bottleneck_detail, name="bottleneck-detail"),
    path("knelpunten/<int:pk>/wijzigen/", bottlenecks.BottleneckUpdate.as_view(), name="bottleneck-update"),
    path("knelpunten/<int:pk>/delen/", bottlenecks.BottleneckShare.as_view(), name="bottleneck-share"),
    path("knelpunten/<int:pk>/ook-gezien/", bottlenecks.BottleneckEndorse.as_view(), name="bottleneck-endorse"),
    path("knelpunten/<int:pk>/status/", bottlenecks.BottleneckStatusView.as_view(), name="bottleneck-status"),
]
