from django.urls import include, path  # noqa: F401

# --- instruments, financing mix, impact funds ---
from .views import funds as fund_views  # noqa: E402
from .views import instruments as instrument_views  # noqa: E402

app_name = "financing"

# Everything under /financiering/…; each part imports its own views module and adds its routes in
# its section.
urlpatterns = [
    # --- MKBA analyses ---
    path("mkba/", include("financing.urls_mkba")),
    # --- outcome contracts, claims, payments, social impact bonds, open data ---
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
