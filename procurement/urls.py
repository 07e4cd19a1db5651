from django.urls import path  # noqa: F401

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
    # --- matching and meetings ---
    # --- purchase requests and challenges ---
    # --- figures and payments ---
]
