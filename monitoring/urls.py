from django.urls import path

from . import views
from . import views_steering as steering

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rapporten/", views.report_list, name="report-list"),
    path("rapporten/nieuw/", views.report_create, name="report-create"),
    path("rapporten/<int:pk>/", views.report_detail, name="report-detail"),
    path("rapporten/<int:pk>/pdf/", views.report_file, name="report-file"),
    path("stuurgroep/", views.steering, name="steering"),
    path("stuurgroep/<int:pk>/wijzigen/", views.SteeringGroupUpdate.as_view(), name="steering-update"),
    path("stuurgroep/<int:pk>/overleggen/nieuw/", steering.MeetingCreate.as_view(), name="meeting-create"),
    path("stuurgroep/overleggen/<int:pk>/wijzigen/", steering.MeetingUpdate.as_view(), name="meeting-update"),
    path("stuurgroep/overleggen/<int:pk>/verwijderen/", steering.MeetingDelete.as_view(), name="meeting-delete"),
    path("stuurgroep/<int:pk>/uitgaven/nieuw/", steering.SpendingCreate.as_view(), name="spending-create"),
    path("stuurgroep/uitgaven/<int:pk>/wijzigen/", steering.SpendingUpdate.as_view(), name="spending-update"),
    path("stuurgroep/uitgaven/<int:pk>/verwijderen/", steering.SpendingDelete.as_view(), name="spending-delete"),
    path("stuurgroep/<int:pk>/bijdragen/nieuw/", steering.ContributionCreate.as_view(), name="contribution-create"),
    path("stuurgroep/bijdragen/<int:pk>/wijzigen/", steering.ContributionUpdate.as_view(),
         name="contribution-update"),
    path("stuurgroep/bijdragen/<int:pk>/verwijderen/", steering.ContributionDelete.as_view(),
         name="contribution-delete"),
    path("stuurgroep/<int:pk>/doelen/nieuw/", steering.TargetCreate.as_view(), name="target-create"),
    path("stuurgroep/doelen/<int:pk>/wijzigen/", steering.TargetUpdate.as_view(), name="target-update"),
    path("stuurgroep/doelen/<int:pk>/verwijderen/", steering.TargetDelete.as_view(), name="target-delete"),
    path("openbaar/organisatie/<slug:slug>/", views.public_organisation, name="public-organisation"),
    path("openbaar/programma/<slug:slug>/", views.public_programme, name="public-programme"),
    path("openbaar/rapport/<int:pk>/pdf/", views.public_file, name="public-file"),
]
