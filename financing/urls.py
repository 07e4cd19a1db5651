from django.urls import path  # noqa: F401

# --- outcome contracts, claims, payments, social impact bonds, open data ---
from .views import bonds as bond_views  # noqa: E402
from .views import outcomes as outcome_views  # noqa: E402

app_name = "financing"

# Everything under /financiering/…; each part imports its own views module and adds its routes in
# its section.
urlpatterns = [
    # --- MKBA analyses ---
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
    path("uitkomstcontracten/", outcome_views.OutcomeContractList.as_view(), name="outcome-contract-list"),
    path("uitkomstcontracten/nieuw/", outcome_views.OutcomeContractCreate.as_view(), name="outcome-contract-create"),
    path("uitkomstcontracten/<int:pk>/", outcome_views.OutcomeContractDetail.as_view(),
         name="outcome-contract-detail"),
    path("uitkomstcontracten/<int:pk>/wijzigen/", outcome_views.OutcomeContractUpdate.as_view(),
         name="outcome-contract-update"),
    path("uitkomstcontracten/<int:pk>/overzicht/", outcome_views.OutcomeContractStatement.as_view(),
         name="outcome-contract-statement"),
    path("uitkomstcontracten/<int:pk>/uitkomstmaten/nieuw/", outcome_views.MetricCreate.as_view(),
         name="outcome-metric-create"),
    path("uitkomstcontracten/<int:pk>/claims/nieuw/", outcome_views.ClaimCreate.as_view(), name="claim-create"),
    path("uitkomstcontracten/<int:pk>/sib/nieuw/", bond_views.BondCreate.as_view(), name="bond-create"),
    path("uitkomstclaims/<int:pk>/", outcome_views.ClaimDetail.as_view(), name="claim-detail"),
    path("uitkomstclaims/<int:pk>/beoordelen/", outcome_views.ClaimVerify.as_view(), name="claim-verify"),
    path("uitkomstclaims/<int:pk>/betalen/", outcome_views.ClaimPay.as_view(), name="claim-pay"),
    path("uitkomstclaims/<int:pk>/bewijs/", outcome_views.claim_evidence, name="claim-evidence"),
    path("sib/<int:pk>/", bond_views.BondDetail.as_view(), name="bond-detail"),
    path("sib/<int:pk>/betalers/nieuw/", bond_views.PayerCreate.as_view(), name="bond-payer-create"),
    path("sib/<int:pk>/investeerders/nieuw/", bond_views.InvestorCreate.as_view(), name="bond-investor-create"),
    path("sib/<int:pk>/kasstromen/nieuw/", bond_views.CashFlowCreate.as_view(), name="bond-cash-flow-create"),
    path("sib-haalbaarheid/", bond_views.FeasibilityList.as_view(), name="feasibility-list"),
    path("sib-haalbaarheid/nieuw/", bond_views.FeasibilityCreate.as_view(), name="feasibility-create"),
    path("sib-haalbaarheid/<int:pk>/", bond_views.FeasibilityDetail.as_view(), name="feasibility-detail"),
    path("open-data/uitkomstcontracten.json", bond_views.OpenData.as_view(), name="open-data-download"),
    # --- instruments, financing mix, impact funds ---
]
