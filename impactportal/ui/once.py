"""A create form is sent once: each rendered create form carries a one-time token (a hidden
field that ``ui/forms/form.html`` renders from ``form.once_token``). The first POST that creates
something records the token with the created object's page in the user's session; the same form
sent again (the browser's Back button, then Opslaan) creates nothing and shows that page.

A form in error keeps its token (the corrected form is the same form); a POST without a token
(a script, an old page) is handled as before. The session belongs to one user and the token is
random per render, so one user's token means nothing to another."""

import secrets

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

FIELD = "_form_token"
SESSION_KEY = "once_forms"
KEEP = 50  # the most recent forms remembered per session


def _posted(request) -> str:
    token = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return token if 20 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum() else ""


def token_for(request) -> str:
    """The token a rendered form carries: the posted one when a form in error is shown again."""
    return _posted(request) or secrets.token_urlsafe(32)


def _key(request, token: str) -> str:
    return f"{request.user.pk}:{token}"


def sent_before(request):
    """A redirect to what the first POST of this form created, or None (not sent before)."""
    token = _posted(request)
    if not token or not request.user.is_authenticated:
        return None
    url = request.session.get(SESSION_KEY, {}).get(_key(request, token))
    if not url:
        return None
    messages.info(request, _("Dit formulier was al verstuurd; u ziet wat toen is vastgelegd."))
    return redirect(url)


def remember(request, obj, response) -> None:
    """After a successful create: this form's token now leads to ``obj`` (its page, or where the
    response sent the user when it has none)."""
    token = _posted(request)
    if not token or not request.user.is_authenticated or obj is None or obj.pk is None:
        return
    if response.status_code not in (301, 302, 303):
        return
    try:
        url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else response.get("Location")
    except NoReverseMatch:
        url = response.get("Location")
    if not url:
        return
    done = dict(request.session.get(SESSION_KEY, {}))
    done.pop(_key(request, token), None)
    done[_key(request, token)] = url
    request.session[SESSION_KEY] = dict(list(done.items())[-KEEP:])


class OnceFormMixin:
    """For a create view with Django's ``post`` (``get_form`` builds the form, ``self.object``
    holds what was created)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.once_token = token_for(self.request)
        return form

    def post(self, request, *args, **kwargs):
        earlier = sent_before(request)
        if earlier is not None:
            return earlier
        response = super().post(request, *args, **kwargs)
        remember(request, getattr(self, "object", None), response)
        return response
