from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .contributions import ALL_ROLES, ANONYMOUS, NavItem


class ImpactportalConfig(AppConfig):
    name = "impactportal"
    verbose_name = _("Impactportaal")
    navigation = [
        NavItem(_("Start"), "home", (ANONYMOUS,), order=0),
        NavItem(_("Dashboard"), "dashboard", ALL_ROLES, order=10),
    ]

    def ready(self):
        from . import audit, checks, filters  # noqa: F401 — checks: registers the deploy checks
        from .api.fields import use_plain_messages
        from .ui import tables

        audit.register_app(self)
        use_plain_messages()
        tables.install()
        filters.install()
        self._connect_caches()
        self._connect_security()

    @staticmethod
    def _connect_security():
        """A new password ends the user's API tokens; every failed sign-in counts against the
        connection's limit (``accounts.login_limits``); a sign-in starts the session's clock
        (``accounts.sessions.timeout``)."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from django.db.models.signals import post_save

        from .accounts import login_limits
        from .accounts.sessions import timeout
        from .api import tokens

        post_save.connect(tokens.revoke_on_password_change, sender=get_user_model(),
                          dispatch_uid="impactportal-revoke-tokens-on-password-change")
        user_login_failed.connect(login_limits.count_failure, dispatch_uid="impactportal-count-login-failures")
        user_logged_in.connect(timeout.stamp_sign_in, dispatch_uid="impactportal-session-sign-in")

    @staticmethod
    def _connect_caches():
        """The home page (cached for visitors with the showcase) also counts municipalities and
        lists programmes with their participants; the core's reference lists fill drop-downs;
        every dashboard shows figures of every app; every page header the unread count."""
        from .accounts.models import Organisation, Programme, Region
        from .models import Notification
        from .ui import dashboard
        from .ui.cache import bump_on_change
        from .ui.context_processors import UNREAD_NAMESPACE
        from .ui.widgets import cache_choices_of

        bump_on_change("home", Organisation, Programme, Programme.participants.through)
        cache_choices_of(Organisation, Region)  # municipality and region drop-downs on every list
        dashboard.connect_cache()
        bump_on_change(UNREAD_NAMESPACE, Notification)  # the unread count in every page's header
