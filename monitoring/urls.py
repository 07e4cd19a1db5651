from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rapporten/", views.report_list, name="report-list"),
    path("rapporten/nieuw/", views.report_create, name="report-create"),
    path("rapporten/<int:pk>/", views.report_detail, name="report-detail"),
    path("rapporten/<int:pk>/pdf/", views.report_file, name="report-file"),
    path("stuurgroep/", views.steering, name="steering"),
    path("stuurgroep/<int:pk>/wijzigen/", views.SteeringGroupUpdate.as_view(), name="steering-update"),
    path("openbaar/organisatie/<slug:slug>/", views.public_organisation, name="public-organisation"),
    path("openbaar/programma/<slug:slug>/", views.public_programme, name="public-programme"),
    path("openbaar/rapport/<int:pk>/pdf/", views.public_file, name="public-file"),
]
