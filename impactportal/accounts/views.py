from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm

from impactportal.ui.forms import PortalFormMixin

from . import oidc
from .login_limits import LoginLimitMixin


class LoginForm(PortalFormMixin, AuthenticationForm):
    pass


class LoginView(LoginLimitMixin, auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["single_sign_on"] = oidc.login_button(context.get("next") or "")  # None unless configured
        return context
