from django.urls import path

from . import views
from .toolbox import views as toolbox
from .workspace import views as workspace

app_name = "brokers"

urlpatterns = [
    path("teams/", views.TeamList.as_view(), name="team-list"),
    path("teams/nieuw/", views.TeamCreate.as_view(), name="team-create"),
    path("teams/<int:pk>/", views.TeamDetail.as_view(), name="team-detail"),
    path("teams/<int:pk>/wijzigen/", views.TeamUpdate.as_view(), name="team-update"),
    path("teams/<int:pk>/verwijderen/", views.TeamDelete.as_view(), name="team-delete"),
    path("teams/<int:pk>/diagram.svg", workspace.TeamDiagram.as_view(), name="team-diagram"),
    path("teams/leden/nieuw/", workspace.MemberCreate.as_view(), name="member-create"),
    path("teams/leden/<int:pk>/wijzigen/", workspace.MemberUpdate.as_view(), name="member-update"),
    path("teams/leden/<int:pk>/verwijderen/", workspace.MemberDelete.as_view(), name="member-delete"),
    path("teams/partners/nieuw/", workspace.PartnerCreate.as_view(), name="partner-create"),
    path("teams/partners/<int:pk>/verwijderen/", workspace.PartnerDelete.as_view(), name="partner-delete"),
    path("begroting/", views.BudgetList.as_view(), name="budget-list"),
    path("begroting/nieuw/", views.BudgetCreate.as_view(), name="budget-create"),
    path("begroting/overzicht/", workspace.BudgetOverview.as_view(), name="budget-overview"),
    path("begroting/<int:pk>/", views.BudgetDetail.as_view(), name="budget-detail"),
    path("begroting/<int:pk>/wijzigen/", views.BudgetUpdate.as_view(), name="budget-update"),
    path("begroting/<int:pk>/verwijderen/", views.BudgetDelete.as_view(), name="budget-delete"),
    path("uitgaven/", workspace.SpendingList.as_view(), name="spending-list"),
    path("uitgaven/nieuw/", workspace.SpendingCreate.as_view(), name="spending-create"),
    path("uitgaven/<int:pk>/", workspace.SpendingDetail.as_view(), name="spending-detail"),
    path("uitgaven/<int:pk>/wijzigen/", workspace.SpendingUpdate.as_view(), name="spending-update"),
    path("uitgaven/<int:pk>/verwijderen/", workspace.SpendingDelete.as_view(), name="spending-delete"),
    path("toolbox/", toolbox.ToolboxOverview.as_view(), name="toolbox"),
    path("toolbox/module/<int:number>/", toolbox.ModuleDetail.as_view(), name="toolbox-module"),
    path("toolbox/vraag/<int:pk>/antwoord/", toolbox.AnswerSave.as_view(), name="toolbox-answer"),
    path("toolbox/vraag/<int:pk>/terugzetten/", toolbox.AnswerReset.as_view(), name="toolbox-answer-reset"),
    path("toolbox/vraag/<int:pk>/reactie/", toolbox.CommentAdd.as_view(), name="toolbox-comment"),
    path("toolbox/vraag/<int:pk>/geschiedenis/", toolbox.AnswerHistory.as_view(), name="toolbox-history"),
    path("toolbox/printen/", toolbox.ToolboxPrint.as_view(), name="toolbox-print"),
    path("actieprogramma/", workspace.AgendaList.as_view(), name="agenda-list"),
    path("actieprogramma/nieuw/", workspace.AgendaCreate.as_view(), name="agenda-create"),
    path("actieprogramma/<int:pk>/", workspace.AgendaDetail.as_view(), name="agenda-detail"),
    path("actieprogramma/<int:pk>/wijzigen/", workspace.AgendaUpdate.as_view(), name="agenda-update"),
    path("actieprogramma/lijnen/nieuw/", workspace.LineCreate.as_view(), name="line-create"),
    path("acties/", workspace.ActionList.as_view(), name="action-list"),
    path("acties/nieuw/", workspace.ActionCreate.as_view(), name="action-create"),
    path("acties/<int:pk>/", workspace.ActionDetail.as_view(), name="action-detail"),
    path("acties/<int:pk>/wijzigen/", workspace.ActionUpdate.as_view(), name="action-update"),
    path("acties/<int:pk>/verwijderen/", workspace.ActionDelete.as_view(), name="action-delete"),
    path("koppelingen/zoeken/", workspace.LinkSearch.as_view(), name="link-search"),
    path("acties/koppelingen/nieuw/", workspace.ActionLinkCreate.as_view(), name="action-link-create"),
    path("acties/koppelingen/<int:pk>/verwijderen/", workspace.ActionLinkDelete.as_view(), name="action-link-delete"),
]
