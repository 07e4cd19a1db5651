"""Routes of the MKBA analyses under /financiering/mkba/ (names in the ``financing`` namespace)."""

from django.urls import path

from .views import mkba as views

urlpatterns = [
    path("", views.AnalysisList.as_view(), name="mkba-list"),
    path("nieuw/", views.AnalysisEdit.as_view(), name="mkba-create"),
    path("bereken/", views.calculate, name="mkba-calculate"),
    path("<int:pk>/", views.analysis_detail, name="mkba-detail"),
    path("<int:pk>/wijzigen/", views.AnalysisEdit.as_view(), name="mkba-update"),
    path("<int:pk>/verwijderen/", views.AnalysisDelete.as_view(), name="mkba-delete"),
    path("<int:pk>/pdf/", views.analysis_pdf, name="mkba-pdf"),
]
