from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path

from . import health
from .accounts import views as account_views
from .accounts.forms import PortalPasswordChangeForm, PortalSetPasswordForm
from .accounts.password_reset import PasswordResetView
from .ui import statements
from .ui import views as ui
from .ui.cache import cached_for_visitors

urlpatterns = [
    # The API first: a path is matched against the patterns in order, and the apps' includes without
    # a prefix ("" below) must each be searched, and their misses listed, before a later pattern.
    path("api/v1/", include("impactportal.api.urls")),
    # The load balancer's probe: no language prefix, no login, exempt from the https redirect.
    path("healthz", health.healthz, name="healthz"),
    path("", cached_for_visitors("showcase", "home")(ui.home), name="home"),
    path("dashboard/", ui.dashboard, name="dashboard"),
    path("meldingen/", ui.notifications, name="notifications"),
    path("meldingen/gelezen/", ui.notifications_mark_read, name="notifications-read"),
    path("taken/<int:pk>/", ui.job_detail, name="job-detail"),
    path("i18n/setlang/", account_views.set_language, name="set_language"),  # and the user's mail language
    # Public statements and RFC 9116's security.txt (no language prefix, no login).
    path("privacy/", statements.privacy, name="privacy"),
    path("toegankelijkheid/", statements.accessibility, name="accessibility"),
    path(".well-known/security.txt", statements.security_txt, name="security-txt"),
    path("accounts/login/", account_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", account_views.LogoutView.as_view(), name="logout"),  # and at the IdP (oidc)
    # Before Django's own (the include below): rate-limited per connection and per address.
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("impactportal.accounts.two_factor_urls")),  # account page, two-factor
    # Django's own, with forms that put the password validators' errors on the new password's field.
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(form_class=PortalPasswordChangeForm),
         name="password_change"),
    path("accounts/reset/<uidb64>/<token>/",
         auth_views.PasswordResetConfirmView.as_view(form_class=PortalSetPasswordForm), name="password_reset_confirm"),
    path("accounts/", include("django.contrib.auth.urls")),
    # Single sign-on for staff (impactportal.accounts.oidc): 404 unless PORTAL_OIDC_* configure it.
    path("oidc/", include("impactportal.accounts.oidc_urls")),
    # An organisation's functional administrators: its staff (impactportal.accounts.staff_views).
    path("beheer/", include("impactportal.accounts.staff_urls")),
    path("", include("enterprises.urls")),
    path("makelaars/", include("brokers.urls")),
    path("", include("brokers.helpdesk.urls")),
    path("inkoop/", include("procurement.urls")),
    path("ecosysteem/", include("ecosystem.urls")),
    path("financiering/", include("financing.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("admin/", admin.site.urls),
]

if settings.LOAD_BARE_VIEW:  # `make load` measures the portal's pages against this empty view
    urlpatterns.append(path("_load/bare/", lambda request: HttpResponse(b"ok", content_type="text/plain"),
                            name="load-bare"))

handler403 = "impactportal.ui.views.error_403"
handler404 = "impactportal.ui.views.error_404"

admin.site.site_header = "Impactportaal"
admin.site.site_title = "Impactportaal"

