from django.urls import path

from . import views, views_texts
from . import views_steering as steering

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rapporten/", views.report_list, name="report-list"),
    path("rapporten/nieuw/", views.report_create, name="report-create"),
    path("rapporten/<int:pk>/", views.report_detail, name="report-detail"),
    path("rapporten/<int:pk>/pdf/", views.report_file, name="report-file"),
    path("rapporten/<int:pk>/teksten/", views_texts.report_texts, name="report-texts"),
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
    path("stuurgroep/<int:pk>/themas/nieuw/", steering.ThemeCreate.as_view(), name="theme-create"),
    path("stuurgroep/themas/<int:pk>/wijzigen/", steering.ThemeUpdate.as_view(), name="theme-update"),
    path("stuurgroep/themas/<int:pk>/verwijderen/", steering.ThemeDelete.as_view(), name="theme-delete"),
    path("openbaar/organisatie/<slug:slug>/", views.public_organisation, name="public-organisation"),
    path("openbaar/programma/<slug:slug>/", views.public_programme, name="public-programme"),
    path("openbaar/rapport/<int:pk>/pdf/", views.public_file, name="public-file"),
]
