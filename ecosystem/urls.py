from django.urls import path

from . import views

app_name = "ecosystem"

urlpatterns = [
    path("partijen/", views.PartyList.as_view(), name="party-list"),
    path("regionale-afspraken/", views.AgreementList.as_view(), name="agreement-list"),
    path("regionale-afspraken/nieuw/", views.AgreementCreate.as_view(), name="agreement-create"),
    path("regionale-afspraken/<int:pk>/", views.AgreementDetail.as_view(), name="agreement-detail"),
    path("regionale-afspraken/<int:pk>/wijzigen/", views.AgreementUpdate.as_view(), name="agreement-update"),
    path("regionale-afspraken/<int:pk>/verwijderen/", views.AgreementDelete.as_view(), name="agreement-delete"),
]
