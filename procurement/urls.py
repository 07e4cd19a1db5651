from django.urls import path  # noqa: F401

from .views import contracts as contract_views
from .views import realisations as realisation_views
from .views import rule_sets

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
    path("realisaties/<int:pk>/beoordelen/", realisation_views.RealisationAssess.as_view(), name="realisation-assess"),
    path("realisaties/<int:pk>/bewijs/", realisation_views.realisation_evidence, name="realisation-evidence"),
    # --- matching and meetings ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]
