"""A create form is sent once: each rendered create form carries a one-time token (a hidden
field that ``ui/forms/form.html`` renders from ``form.once_token``). The first POST that creates
something records the token with the created object's page in the user's session; the same form
sent again (the browser's Back button, then Opslaan) creates nothing and shows that page.

Two POSTs of one form at the same moment (a double click) would both find nothing in the session
(it is saved only when a request ends), so a POST first claims its token in the cache
(``cache.add``, atomic on Redis and on the local-memory cache): ``once:<user>:<token>``. A POST
that finds the claim taken waits a moment for the other one; it then shows what that one created,
or, should it still be busy, the form again with a message, creating nothing. A POST that ends
without creating (a form in error) gives its claim back, so the corrected form can be sent; a
POST that created keeps it for a day, holding the created page. The session's record stays: it
holds where the cache is one process's own (no ``CACHE_URL``: a local-memory cache per worker)
or has forgotten the token.

Class-based create views use ``OnceFormMixin`` (``ScopedCreateView``, ``ScopedChildCreateView``);
a view of its own wraps its POST in ``once`` (a function view, or ``method_decorator(once,
name="post")``) and gives the form it shows its token (``with_token``; a template that does not
render the form through ``ui/forms/form.html`` adds the hidden field itself). Several create forms
on one page (a comment box per question) each need their own token (``fresh_token``).

A form in error keeps its token (the corrected form is the same form); a POST without a token
(a script, an old page) is handled as before. The session belongs to one user and the token is
random per render, so one user's token means nothing to another."""

import functools
import secrets
import time

from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect
from django.urls import NoReverseMatch
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

FIELD = "_form_token"
SESSION_KEY = "once_forms"
KEEP = 50  # the most recent forms remembered per session
PENDING = "-"  # the cache's value while the claiming POST runs
CLAIM_SECONDS = 300  # a claim of a POST that never ended (a killed worker) lapses after this
DONE_SECONDS = 24 * 3600  # how long the cache holds the created page
WAIT_SECONDS = 3.0  # how long a second POST waits for the first before it says "al verwerkt"
POLL_SECONDS = 0.1


def _posted(request) -> str:
    token = request.POST.get(FIELD, "") if request.method == "POST" else ""
    return token if 20 <= len(token) <= 64 and token.replace("-", "").replace("_", "").isalnum() else ""


def token_for(request) -> str:
    """The token a rendered form carries: the posted one when a form in error is shown again."""
    return _posted(request) or fresh_token()


def fresh_token() -> str:
    """A new token: for one of several create forms on a page (each needs its own), other than
    the one whose POST is shown again (``token_for``)."""
    return secrets.token_urlsafe(32)


def with_token(request, form):
    """``form`` (may be None) carrying its token, for a view that shows it itself."""
    if form is not None:
        form.once_token = token_for(request)
    return form


def _key(request, token: str) -> str:
    return f"{request.user.pk}:{token}"


def _cache_key(request, token: str) -> str:
    return f"once:{request.user.pk}:{token}"


def busy_message() -> str:
    return _("Dit formulier wordt al verwerkt: het is twee keer kort na elkaar verstuurd. Kijk over een moment of "
             "het is vastgelegd voordat u het opnieuw verstuurt.")


def _already(request, url):
    messages.info(request, _("Dit formulier was al verstuurd; u ziet wat toen is vastgelegd."))
    return redirect(url)


class Busy:
    """What ``sent_before`` answers when another POST of the same form holds the claim: the view
    shows the form again with ``busy_message()`` and creates nothing (``response``: the page the
    form was on, by GET, for a view that cannot show the posted form)."""

    @staticmethod
    def response(request):
        messages.warning(request, busy_message())
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}, require_https=request.is_secure()):
            back = request.get_full_path()
        return redirect(back)


def sent_before(request):
    """Start a POST of a create form. None: go ahead (this POST holds the form's claim; end it
    with ``remember`` after creating, and ``release`` in any case). A redirect: the form was sent
    before, this is what it created. ``Busy``: another POST of this form is still running."""
    token = _posted(request)
    if not token or not request.user.is_authenticated:
        return None
    url = request.session.get(SESSION_KEY, {}).get(_key(request, token))
    if url:
        return _already(request, url)
    key = _cache_key(request, token)
    deadline, given_back = time.monotonic() + WAIT_SECONDS, 0
    while True:
        if cache.add(key, PENDING, CLAIM_SECONDS):
            request._once_claim = key
            return None
        url = cache.get(key)
        if url and url != PENDING:
            return _already(request, url)
        if url is None and given_back < 3:  # the other POST gave its claim back (a form in error): claim it
            given_back += 1
            continue
        if time.monotonic() >= deadline:
            return Busy()
        time.sleep(POLL_SECONDS)


def release(request) -> None:
    """The end of a POST that ``sent_before`` let through: a claim that created nothing is given
    back, so the corrected form can be sent."""
    key = getattr(request, "_once_claim", None)
    if key and not getattr(request, "_once_done", False):
        cache.delete(key)
    request._once_claim = None


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
    if url:
        _remember_url(request, token, url)


def _remember_url(request, token: str, url: str) -> None:
    done = dict(request.session.get(SESSION_KEY, {}))
    done.pop(_key(request, token), None)
    done[_key(request, token)] = url
    request.session[SESSION_KEY] = dict(list(done.items())[-KEEP:])
    cache.set(_cache_key(request, token), url, DONE_SECONDS)  # the other POST may read it before the session is saved
    request._once_done = True


def once(view):
    """For a function view whose POST creates and then redirects: the form is sent once (the view
    sets ``form.once_token = token_for(request)`` on the form it shows). A redirect answering a
    POST counts as created, leading to where it sends the user; anything else gives the claim back.
    Another POST of the same form still running: the page again, by GET, with a message."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        earlier = sent_before(request)
        if isinstance(earlier, Busy):
            return earlier.response(request)
        if earlier is not None:
            return earlier
        try:
            response = view(request, *args, **kwargs)
            token = _posted(request)
            if token and request.user.is_authenticated and response.status_code in (301, 302, 303) \
                    and response.get("Location"):
                _remember_url(request, token, response["Location"])
            return response
        finally:
            release(request)

    return wrapped


class OnceFormMixin:
    """For a create view with Django's ``post`` (``get_form`` builds the form, ``self.object``
    holds what was created)."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.once_token = token_for(self.request)
        return form

    def post(self, request, *args, **kwargs):
        earlier = sent_before(request)
        if isinstance(earlier, Busy):  # the same form, sent twice at once: the other POST creates
            self.object = None
            form = self.get_form()
            form.add_error(None, busy_message())
            response = self.form_invalid(form)
            response.status_code = 409
            return response
        if earlier is not None:
            return earlier
        try:
            response = super().post(request, *args, **kwargs)
            remember(request, getattr(self, "object", None), response)
            return response
        finally:
            release(request)
