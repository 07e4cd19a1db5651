from django.urls import include, path

from .views import bonds as bond_views  # outcome contracts, social impact bonds
from .views import funds as fund_views  # impact funds
from .views import instruments as instrument_views  # instruments and the financing mix
from .views import outcomes as outcome_views  # outcome contracts, claims, payments

app_name = "financing"

# Everything under /financiering/…; each part imports its own views module and adds its routes in
# its section.
urlpatterns = [
    # --- MKBA analyses ---
    path("mkba/", include("financing.urls_mkba")),
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
    path("instrumenten/", instrument_views.InstrumentList.as_view(), name="instrument-list"),
    path("instrumenten/<int:pk>/", instrument_views.instrument_detail, name="instrument-detail"),
    path("behoeften/", instrument_views.NeedList.as_view(), name="need-list"),
    path("behoeften/nieuw/", instrument_views.NeedCreate.as_view(), name="need-create"),
    path("behoeften/<int:pk>/", instrument_views.NeedDetail.as_view(), name="need-detail"),
    path("behoeften/<int:pk>/wijzigen/", instrument_views.NeedUpdate.as_view(), name="need-update"),
    path("behoeften/<int:pk>/verwijderen/", instrument_views.NeedDelete.as_view(), name="need-delete"),
    path("behoeften/<int:pk>/onderdelen/nieuw/", instrument_views.ComponentCreate.as_view(),
         name="component-create"),
    path("mix-onderdelen/<int:pk>/wijzigen/", instrument_views.ComponentUpdate.as_view(), name="component-update"),
    path("mix-onderdelen/<int:pk>/verwijderen/", instrument_views.ComponentDelete.as_view(),
         name="component-delete"),
    path("fondsen/", fund_views.FundList.as_view(), name="fund-list"),
    path("fondsen/nieuw/", fund_views.FundCreate.as_view(), name="fund-create"),
    path("fondsen/cijfers/", fund_views.FundFigures.as_view(), name="fund-figures"),
    path("fondsen/<int:pk>/", fund_views.FundDetail.as_view(), name="fund-detail"),
    path("fondsen/<int:pk>/wijzigen/", fund_views.FundUpdate.as_view(), name="fund-update"),
    path("fondsen/<int:pk>/investeringen/nieuw/", fund_views.InvestmentCreate.as_view(), name="investment-create"),
    path("investeringen/<int:pk>/", fund_views.InvestmentDetail.as_view(), name="investment-detail"),
    path("investeringen/<int:pk>/wijzigen/", fund_views.InvestmentUpdate.as_view(), name="investment-update"),
    path("investeringen/<int:pk>/aflossingen/nieuw/", fund_views.RepaymentCreate.as_view(), name="repayment-create"),
    path("investeringen/<int:pk>/impact/nieuw/", fund_views.ImpactReportCreate.as_view(), name="impact-create"),
]
