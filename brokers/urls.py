from django.urls import path

from . import views

app_name = "brokers"

urlpatterns = [
    path("teams/", views.TeamList.as_view(), name="team-list"),
    path("teams/nieuw/", views.TeamCreate.as_view(), name="team-create"),
    path("teams/<int:pk>/", views.TeamDetail.as_view(), name="team-detail"),
    path("teams/<int:pk>/wijzigen/", views.TeamUpdate.as_view(), name="team-update"),
    path("teams/<int:pk>/verwijderen/", views.TeamDelete.as_view(), name="team-delete"),
    path("begroting/", views.BudgetList.as_view(), name="budget-list"),
    path("begroting/nieuw/", views.BudgetCreate.as_view(), name="budget-create"),
    path("begroting/<int:pk>/", views.BudgetDetail.as_view(), name="budget-detail"),
    path("begroting/<int:pk>/wijzigen/", views.BudgetUpdate.as_view(), name="budget-update"),
    path("begroting/<int:pk>/verwijderen/", views.BudgetDelete.as_view(), name="budget-delete"),
]
