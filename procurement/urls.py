from django.urls import include, path  # noqa: F401

from .views import challenges, matching, requests, rule_sets  # purchase requests and challenges
from .views import contracts as contract_views
from .views import realisations as realisation_views

app_name = "procurement"

# Each part imports its own views module and adds its routes in its section.
urlpatterns = [
    # --- rule sets ---
    path("regelingen/", rule_sets.RuleSetList.as_view(), name="rule-set-list"),
    path("regelingen/nieuw/", rule_sets.RuleSetCreate.as_view(), name="rule-set-create"),
    path("regelingen/<int:pk>/", rule_sets.RuleSetDetail.as_view(), name="rule-set-detail"),
    path("regelingen/<int:pk>/wijzigen/", rule_sets.RuleSetUpdate.as_view(), name="rule-set-update"),
    path("regelingen/<int:pk>/verwijderen/", rule_sets.RuleSetDelete.as_view(), name="rule-set-delete"),
    path("regelingen/<int:pk>/bouwblokken/", rule_sets.RuleSetBlocks.as_view(), name="rule-set-blocks"),
    path("regelingen/<int:pk>/nieuwe-versie/", rule_sets.RuleSetNewVersion.as_view(), name="rule-set-new-version"),
    # --- contracts, realisations, contacts ---
    path("contracten/", contract_views.ContractList.as_view(), name="contract-list"),
    path("contracten/nieuw/", contract_views.ContractCreate.as_view(), name="contract-create"),
    path("contracten/<int:pk>/", contract_views.ContractDetail.as_view(), name="contract-detail"),
    path("contracten/<int:pk>/wijzigen/", contract_views.ContractUpdate.as_view(), name="contract-update"),
    path("contracten/<int:pk>/afsluiten/", contract_views.ContractClose.as_view(), name="contract-close"),
    path("contracten/<int:pk>/contactpersoon/", contract_views.ContractInvite.as_view(), name="contract-invite"),
    path("contracten/<int:pk>/realisaties/nieuw/", realisation_views.RealisationCreate.as_view(),
         name="realisation-create"),
    path("contracten/leveranciers-zoeken/", contract_views.EnterpriseSearch.as_view(),
         name="contract-enterprise-search"),
    path("mijn-contracten/", contract_views.MyContractList.as_view(), name="my-contracts"),
    path("realisaties/<int:pk>/", realisation_views.RealisationDetail.as_view(), name="realisation-detail"),
    path("realisaties/<int:pk>/corrigeren/", realisation_views.RealisationUpdate.as_view(), name="realisation-update"),
    path("realisaties/<int:pk>/beoordelen/", realisation_views.RealisationAssess.as_view(), name="realisation-assess"),
    path("realisaties/<int:pk>/bewijs/", realisation_views.realisation_evidence, name="realisation-evidence"),
    # --- matching and meetings ---
    path("contracten/<int:pk>/matches/", matching.ContractMatches.as_view(), name="contract-matches"),
    path("contracten/<int:pk>/matchgesprekken/nieuw/", matching.MeetingCreate.as_view(), name="meeting-create"),
    path("matchgesprekken/", matching.MeetingList.as_view(), name="meeting-list"),
    path("matchgesprekken/<int:pk>/", matching.MeetingDetail.as_view(), name="meeting-detail"),
    path("matchgesprekken/<int:pk>/wijzigen/", matching.MeetingUpdate.as_view(), name="meeting-update"),
    # --- purchase requests and challenges ---
    path("inkoopvragen/", requests.PublicRequestList.as_view(), name="request-public-list"),
    path("inkoopvragen/beheer/", requests.RequestList.as_view(), name="request-list"),
    path("inkoopvragen/nieuw/", requests.RequestCreate.as_view(), name="request-create"),
    path("inkoopvragen/<int:pk>/", requests.request_detail, name="request-detail"),
    path("inkoopvragen/<int:pk>/wijzigen/", requests.RequestUpdate.as_view(), name="request-update"),
    path("inkoopvragen/<int:pk>/sluiten/", requests.RequestClose.as_view(), name="request-close"),
    path("inkoopvragen/<int:pk>/reageren/", requests.RespondView.as_view(), name="request-respond"),
    path("mijn-reacties/", requests.MyResponses.as_view(), name="my-responses"),
    path("reacties/<int:pk>/wijzigen/", requests.ResponseUpdate.as_view(), name="response-update"),
    path("reacties/<int:pk>/intrekken/", requests.ResponseWithdraw.as_view(), name="response-withdraw"),
    path("reacties/<int:pk>/shortlist/", requests.ResponseShortlist.as_view(), name="response-shortlist"),
    path("reacties/<int:pk>/gunnen/", requests.ResponseAward.as_view(), name="response-award"),
    path("reacties/<int:pk>/bijlage/", requests.response_attachment, name="response-attachment"),
    path("challenges/", challenges.ChallengeList.as_view(), name="challenge-list"),
    path("challenges/nieuw/", challenges.ChallengeCreate.as_view(), name="challenge-create"),
    path("challenges/<int:pk>/", challenges.challenge_detail, name="challenge-detail"),
    path("challenges/<int:pk>/wijzigen/", challenges.ChallengeUpdate.as_view(), name="challenge-update"),
    path("challenges/<int:pk>/criteria/", challenges.CriteriaEdit.as_view(), name="challenge-criteria"),
    path("challenges/<int:pk>/fase/", challenges.ChallengeAdvance.as_view(), name="challenge-advance"),
    path("challenges/<int:pk>/jury/", challenges.JurorAppoint.as_view(), name="challenge-juror"),
    path("challenges/<int:pk>/jury/verwijderen/", challenges.JurorRemove.as_view(), name="challenge-juror-remove"),
    path("challenges/<int:pk>/toekennen/", challenges.ChallengeAward.as_view(), name="challenge-award"),
    path("challenges/<int:pk>/inzenden/", challenges.SubmitView.as_view(), name="challenge-submit"),
    path("inzendingen/<int:pk>/", challenges.SubmissionDetail.as_view(), name="submission-detail"),
    path("inzendingen/<int:pk>/beoordelen/", challenges.SubmissionScore.as_view(), name="submission-score"),
    path("inzendingen/<int:pk>/selecteren/", challenges.SubmissionSelect.as_view(), name="submission-select"),
    path("inzendingen/<int:pk>/bijlage/", challenges.submission_attachment, name="submission-attachment"),
    # --- figures and payments ---
    path("", include("procurement.urls_figures")),
]
