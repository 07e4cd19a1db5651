"""Routes of the account page (with its API key) and two-factor authentication (``impactportal.accounts.two_factor``),
included under ``accounts/``."""

from django.urls import path

from . import two_factor_views as views

urlpatterns = [
    path("login/code/", views.verify, name="two-factor-verify"),
    path("mijn-account/", views.account, name="account"),
    path("mijn-account/taal/", views.account_language, name="account-language"),
    path("mijn-account/tweestapsverificatie/", views.setup, name="two-factor-setup"),
    path("mijn-account/tweestapsverificatie/reservecodes/", views.backup_codes, name="two-factor-backup-codes"),
    path("mijn-account/tweestapsverificatie/uitzetten/", views.disable, name="two-factor-disable"),
    path("mijn-account/api-sleutel/", views.api_token, name="account-api-token"),
    path("mijn-account/api-sleutel/intrekken/", views.api_token_revoke, name="account-api-token-revoke"),
]
