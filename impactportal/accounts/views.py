from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.views import i18n

from impactportal.ui.forms import PortalFormMixin

from . import oidc
from .login_limits import LoginLimitMixin, login_name


class LoginForm(PortalFormMixin, AuthenticationForm):
    """Django's, also taking the account's e-mail address for its user name. Staff accounts made by
    an administrator have a user name of their own that people forget (the password-reset mail now
    names it); an address that belongs to exactly one active account signs in as that account. The
    address is turned into the user name (``login_limits.login_name``) before ``authenticate``, so
    django-axes' lockout and the per-name limits (``login_limits``, which ask ``login_name`` before
    the form too) count the account's own name however it was typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam of e-mailadres")

    def clean_username(self):
        return login_name(self.cleaned_data.get("username") or "")


class LoginView(LoginLimitMixin, auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["single_sign_on"] = oidc.login_button(context.get("next") or "")  # None unless configured
        return context


class LogoutView(auth_views.LogoutView):
    """Django's (POST only): the session ends. After a sign-in through the organisation's IdP that has
    an end_session_endpoint, the browser then goes there to end the IdP's session too (``oidc``)."""

    def post(self, request, *args, **kwargs):
        id_token = oidc.signed_in_id_token(request)  # before the session ends
        response = super().post(request, *args, **kwargs)
        at_idp = oidc.end_session_url(id_token)
        return HttpResponseRedirect(at_idp) if at_idp else response


def set_language(request):
    """Django's language switch (the cookie the pages follow). A signed-in user who owes no second
    factor also keeps the language chosen as the language of their mails (``User.language``,
    ``notifications.mail_language``); the account row is written only when that changes."""
    from . import two_factor as tf

    response = i18n.set_language(request)
    cookie = response.cookies.get(settings.LANGUAGE_COOKIE_NAME)  # only set for a language the portal has
    user = request.user
    if cookie is None or not user.is_authenticated:
        return response
    state = tf.session_state(request)
    owes_code = state not in (tf.VERIFIED, tf.IDP_VERIFIED) and not state.endswith(f":{tf.FREE}")
    if not owes_code and user.language != cookie.value:
        user.language = cookie.value
        user.save(update_fields=["language"])
    return response
