"""Single sign-on through the organisation's identity provider (``impactportal.accounts.oidc``),
included under ``oidc/``. All answer 404 unless single sign-on is configured."""

from django.urls import path
from django.views.decorators.cache import never_cache

from . import oidc

urlpatterns = [
    path("authenticate/", never_cache(oidc.authenticate), name="oidc-authenticate"),
    path("callback/", never_cache(oidc.callback), name="oidc-callback"),
    path("backchannel-logout/", never_cache(oidc.backchannel_logout), name="oidc-backchannel-logout"),
]
