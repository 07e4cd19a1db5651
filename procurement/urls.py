from django.urls import path  # noqa: F401

from .views import challenges, requests  # purchase requests and challenges

app_name = "procurement"

# Each part imports its own views module and adds its routes in its section.
urlpatterns = [
    # --- rule sets ---
    # --- contracts, realisations, contacts ---
    # --- matching and meetings ---
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
    path("challenges/<int:pk>/toekennen/", challenges.ChallengeAward.as_view(), name="challenge-award"),
    path("challenges/<int:pk>/inzenden/", challenges.SubmitView.as_view(), name="challenge-submit"),
    path("inzendingen/<int:pk>/", challenges.SubmissionDetail.as_view(), name="submission-detail"),
    path("inzendingen/<int:pk>/beoordelen/", challenges.SubmissionScore.as_view(), name="submission-score"),
    path("inzendingen/<int:pk>/selecteren/", challenges.SubmissionSelect.as_view(), name="submission-select"),
    path("inzendingen/<int:pk>/bijlage/", challenges.submission_attachment, name="submission-attachment"),
    # --- figures and payments ---
]
